/**
 * The single place that loads `@peculiar/x509` (it needs `reflect-metadata` first) and points it
 * at Node's WebCrypto. Everything that builds certificates imports `x509` from here.
 */
import 'reflect-metadata'
import { webcrypto } from 'node:crypto'
import * as x509 from '@peculiar/x509'

x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0])

export { x509 }
