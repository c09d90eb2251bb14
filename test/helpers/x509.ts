/**
 * Test helper: `@peculiar/x509` on Node's WebCrypto, as a second, independent X.509 parser that
 * checks what Peerhood's own DER builder writes (it needs `reflect-metadata` loaded first).
 */
import 'reflect-metadata'
import { webcrypto } from 'node:crypto'
import * as x509 from '@peculiar/x509'

x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0])

export { x509 }
