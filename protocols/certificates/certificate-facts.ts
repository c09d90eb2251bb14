/**
 * What a validator needs from one certificate, read by the strict profile reader
 * (`profile-reader.ts`). Facts are immutable once read, so the chain cache can keep them and skip
 * the read next time. The subject key is handed to node:crypto only to verify a certificate it
 * issued (through the issuer-key cache): a chain's last key is never imported.
 */
import { X509Certificate, verify, type KeyObject } from 'node:crypto'
import type { CertificateType } from './constants.ts'
import { issuerKey } from './issuer-keys.ts'
import { readProfileCertificate, type ProfileCertificate } from './profile-reader.ts'

/** A certificate as a validator sees it; made by {@link readFacts}. */
export class CertificateFacts {
  /** The DER bytes: a private copy when read for a cache, else a view of the input. */
  readonly der: Buffer
  /** Type, from the subjectAltName URI. */
  readonly type: CertificateType
  /** Group id as written in the URI (percent-encoded); `''` for identities. */
  readonly encodedGroupId: string
  /** Role mask; 0 for roots and identities. */
  readonly roles: number
  /** PeerId named by the URI; `''` for roots. Not yet checked against the key. */
  readonly peerId: string
  /** Subject public key: its 32 raw bytes in base64url (as a JWK's `x`). */
  readonly keyId: string
  /** Subject public key, the raw 32 bytes (a view of {@link der}). */
  readonly publicKey: Uint8Array
  /** Subject public key as a SubjectPublicKeyInfo, DER (a view of {@link der}). */
  readonly spki: Uint8Array
  /** Serial number, lowercase hex. */
  readonly serialNumber: string
  /** Start of validity, epoch milliseconds. */
  readonly notBefore: number
  /** End of validity, epoch milliseconds. */
  readonly notAfter: number
  /** Basic constraints cA. */
  readonly ca: boolean
  /** Subject CN (display name; a GRC's: the group's friendly name). */
  readonly commonName: string
  /** Subject name, DER (a view of {@link der}); a child's issuer name is these bytes. */
  readonly subject: Uint8Array
  /** Issuer name, DER (a view of {@link der}). */
  readonly issuer: Uint8Array
  /** basicConstraints pathLenConstraint, present exactly when {@link ca}. */
  readonly pathLen: number | undefined
  /** The signed TBSCertificate, DER (a view of {@link der}). */
  readonly tbs: Uint8Array
  /** The 64-byte Ed25519 signature over {@link tbs} (a view of {@link der}). */
  readonly signature: Uint8Array
  /** subjectKeyIdentifier, 20 bytes (a view of {@link der}); a child's authorityKeyIdentifier is these bytes. */
  readonly subjectKeyId: Uint8Array
  /** authorityKeyIdentifier, 20 bytes (a view of {@link der}); GMCs only. */
  readonly authorityKeyId: Uint8Array | undefined

  /** Facts of `cert`, read from `der`. */
  constructor (der: Buffer, cert: ProfileCertificate) {
    this.der = der
    this.type = cert.uri.type
    this.encodedGroupId = cert.uri.encodedGroupId
    this.roles = cert.uri.roles
    this.peerId = cert.uri.peerId
    this.publicKey = cert.publicKey
    const key = cert.publicKey.byteOffset - der.byteOffset
    this.keyId = der.toString('base64url', key, key + 32)
    this.spki = cert.spki
    this.serialNumber = cert.serialNumber
    this.notBefore = cert.notBefore
    this.notAfter = cert.notAfter
    this.ca = cert.ca
    this.commonName = cert.commonName
    this.subject = cert.subject
    this.issuer = cert.issuer
    this.pathLen = cert.pathLen
    this.tbs = cert.tbs
    this.signature = cert.signature
    this.subjectKeyId = cert.subjectKeyId
    this.authorityKeyId = cert.authorityKeyId
  }

  /** Subject public key as a KeyObject, to verify the certificates it issued (from the issuer-key cache). */
  get key (): KeyObject {
    return issuerKey(this.keyId, this.spki)
  }
}

function bytesOf (input: Uint8Array | X509Certificate, copy: boolean): Buffer {
  const bytes = input instanceof X509Certificate ? input.raw : input
  return copy ? Buffer.from(bytes) : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length)
}

/**
 * The facts of a Peerhood certificate, or undefined if it is not one. With `copy`, the facts keep
 * a private copy of the bytes (for a cache).
 */
export function readFacts (input: Uint8Array | X509Certificate, copy = true): CertificateFacts | undefined {
  const der = bytesOf(input, copy)
  const cert = readProfileCertificate(der)
  return cert === undefined ? undefined : new CertificateFacts(der, cert)
}

/** Whether `issuer`'s key signed the certificate `facts` were read from. */
export function signedBy (facts: CertificateFacts, issuer: CertificateFacts): boolean {
  try {
    return verify(null, facts.tbs, issuer.key, facts.signature)
  } catch {
    return false // node:crypto refusing the key bytes means no valid signature either
  }
}
