/**
 * The self-signed X.509 identity certificate (Windows' IDC): the node's own Ed25519 key, its
 * display name as the subject CN (and its PeerId as the subject serialNumber), and its PeerId in a
 * subjectAltName URI `peerhood:identity:<peerId>`. Layout: `templates.ts`.
 */
import { X509Certificate } from 'node:crypto'
import type { PrivateKey } from '@libp2p/interface'
import { PeerhoodError } from '../common/errors.ts'
import { readFacts, signedBy } from './certificate-facts.ts'
import { INFINITE_LIFETIME_MS } from './constants.ts'
import { ed25519PeerId, ed25519PrivateKeyObject, ed25519RawPublicKey } from './keys.ts'
import { floorToSecond, newSerialNumber } from './serial.ts'
import { buildIdentityCertificate } from './templates.ts'

export { newSerialNumber } from './serial.ts'
export { identityUri } from './uris.ts'

/** Options of {@link createIdentityCertificate}. */
export interface IdentityCertificateInit {
  /** Display name written as the subject CN (1 to 255 characters). */
  displayName: string
  /** Start of validity (rounded down to the second). @default now */
  notBefore?: Date
  /** Lifetime in milliseconds. @default 1000 years ("infinite") */
  lifetimeMs?: number
  /** Serial number, 16 bytes of hex. @default a random one */
  serialNumber?: string
}

/** Escapes a value for an RFC 4514 distinguished name. */
export function escapeDnValue (value: string): string {
  return value.replace(/([,+"\\<>;=])/g, '\\$1').replace(/^([ #])/, '\\$1').replace(/ $/, '\\ ')
}

/** Creates the self-signed identity certificate for `privateKey`; returns its DER bytes. */
export async function createIdentityCertificate (privateKey: PrivateKey, init: IdentityCertificateInit): Promise<Uint8Array> {
  const publicKey = ed25519RawPublicKey(privateKey.publicKey)
  const notBefore = floorToSecond((init.notBefore ?? new Date()).getTime())
  return buildIdentityCertificate({
    key: ed25519PrivateKeyObject(privateKey),
    publicKey,
    peerId: ed25519PeerId(publicKey),
    displayName: init.displayName,
    serialNumber: init.serialNumber ?? newSerialNumber(),
    notBefore,
    notAfter: floorToSecond(notBefore + (init.lifetimeMs ?? INFINITE_LIFETIME_MS))
  })
}

/** Reads the PeerId named by an identity certificate, checking its self-signature and key. */
export function readIdentityCertificate (der: Uint8Array): { peerId: string, displayName: string, cert: X509Certificate } {
  const facts = readFacts(der)
  if (facts === undefined) throw new PeerhoodError('INVALID_CERTIFICATE', 'not a Peerhood certificate')
  if (facts.type !== 'identity' || !signedBy(facts, facts) || ed25519PeerId(facts.publicKey) !== facts.peerId) {
    throw new PeerhoodError('INVALID_CERTIFICATE', 'not a valid Peerhood identity certificate')
  }
  return { peerId: facts.peerId, displayName: facts.commonName, cert: new X509Certificate(facts.der) }
}
