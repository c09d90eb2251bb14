/**
 * The self-signed X.509 identity certificate (Windows' IDC): the node's own Ed25519 key, its
 * display name in the subject, and its PeerId in a subjectAltName URI `peerhood:identity:<peerId>`.
 */
import { randomBytes, X509Certificate } from 'node:crypto'
import { peerIdFromPrivateKey } from '@libp2p/peer-id'
import type { PrivateKey } from '@libp2p/interface'
import { PeerhoodError } from '../common/errors.ts'
import { toWebCryptoKeyPair } from './keys.ts'
import { x509 } from './x509-provider.ts'
import { INFINITE_LIFETIME_MS, PEERHOOD_URI_SCHEME } from './constants.ts'

/** Options of {@link createIdentityCertificate}. */
export interface IdentityCertificateInit {
  /** Display name written as the subject CN. */
  displayName: string
  /** Start of validity. @default now */
  notBefore?: Date
  /** Lifetime in milliseconds. @default 1000 years ("infinite") */
  lifetimeMs?: number
}

/** Escapes a value for an RFC 4514 distinguished name. */
export function escapeDnValue (value: string): string {
  return value.replace(/([,+"\\<>;=])/g, '\\$1').replace(/^([ #])/, '\\$1').replace(/ $/, '\\ ')
}

/** A 16-byte positive serial number in hex (Windows used exactly 16 bytes). */
export function newSerialNumber (): string {
  const bytes = randomBytes(16)
  bytes[0] = (bytes[0]! & 0x7f) | 0x01 // positive and without a leading zero byte, so DER keeps all 16 bytes
  return bytes.toString('hex')
}

/** The subjectAltName URI that names a PeerId in an identity certificate. */
export function identityUri (peerId: string): string {
  return `${PEERHOOD_URI_SCHEME}:identity:${peerId}`
}

/** Creates the self-signed identity certificate for `privateKey`; returns its DER bytes. */
export async function createIdentityCertificate (privateKey: PrivateKey, init: IdentityCertificateInit): Promise<Uint8Array> {
  if (init.displayName.length === 0 || init.displayName.length > 255) {
    throw new PeerhoodError('INVALID_FRIENDLY_NAME', 'display name must be 1 to 255 characters', { details: { length: init.displayName.length } })
  }
  const keys = await toWebCryptoKeyPair(privateKey)
  const peerId = peerIdFromPrivateKey(privateKey).toString()
  const notBefore = init.notBefore ?? new Date()
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: newSerialNumber(),
    name: `CN=${escapeDnValue(init.displayName)}`,
    notBefore,
    notAfter: new Date(notBefore.getTime() + (init.lifetimeMs ?? INFINITE_LIFETIME_MS)),
    keys,
    signingAlgorithm: { name: 'Ed25519' },
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.SubjectAlternativeNameExtension([{ type: 'url', value: identityUri(peerId) }])
    ]
  })
  return new Uint8Array(cert.rawData)
}

/** Reads the PeerId named by an identity certificate, checking its self-signature. */
export function readIdentityCertificate (der: Uint8Array): { peerId: string, displayName: string, cert: X509Certificate } {
  let cert: X509Certificate
  try { cert = new X509Certificate(der) } catch (err) {
    throw new PeerhoodError('INVALID_CERTIFICATE', 'identity certificate is not X.509 DER', { cause: err })
  }
  const prefix = `URI:${PEERHOOD_URI_SCHEME}:identity:`
  const uri = cert.subjectAltName?.split(', ').find(n => n.startsWith(prefix))
  if (uri === undefined || !cert.verify(cert.publicKey)) {
    throw new PeerhoodError('INVALID_CERTIFICATE', 'not a valid Peerhood identity certificate')
  }
  const displayName = cert.subject.split('\n').find(l => l.startsWith('CN='))?.slice(3) ?? ''
  return { peerId: uri.slice(prefix.length), displayName, cert }
}
