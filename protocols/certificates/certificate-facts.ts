/**
 * What a validator needs from one certificate, read with node:crypto's native parser only
 * (`X509Certificate`): no ASN.1 is parsed in JavaScript. Facts are immutable once read, so the
 * chain cache can keep them and skip the parse next time.
 */
import { X509Certificate, type KeyObject } from 'node:crypto'
import type { CertificateType } from './constants.ts'
import { parseSubjectAltName } from './uris.ts'

/** A certificate as a validator sees it. */
export interface CertificateFacts {
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
  /**
   * Subject public key: its 32 raw bytes in base64url, as node:crypto's JWK export gives them
   * (that export costs under a microsecond; the DER SPKI export costs about 20).
   */
  readonly keyId: string
  /** Subject public key as a KeyObject, to verify the certificates it issued. */
  readonly key: KeyObject
  /** Serial number as node:crypto prints it (uppercase hex). */
  readonly serialNumber: string
  /** Start of validity, epoch milliseconds. */
  readonly notBefore: number
  /** End of validity, epoch milliseconds. */
  readonly notAfter: number
  /** Basic constraints cA. */
  readonly ca: boolean
}

function bytesOf (input: Uint8Array | X509Certificate, copy: boolean): Buffer {
  const bytes = input instanceof X509Certificate ? input.raw : input
  return copy ? Buffer.from(bytes) : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length)
}

/**
 * A parsed certificate and its facts, or undefined if it is not a Peerhood certificate. With
 * `copy`, the facts keep a private copy of the bytes (for a cache).
 */
export function readFacts (input: Uint8Array | X509Certificate, copy = true): { cert: X509Certificate, facts: CertificateFacts } | undefined {
  let cert: X509Certificate
  try {
    cert = input instanceof X509Certificate ? input : new X509Certificate(input)
  } catch {
    return undefined
  }
  const uri = parseSubjectAltName(cert.subjectAltName)
  if (uri === undefined) return undefined
  let key: KeyObject
  try {
    // node:crypto throws on damaged key bytes (a flipped bit in the SubjectPublicKeyInfo)
    key = cert.publicKey
  } catch {
    return undefined
  }
  if (key.asymmetricKeyType !== 'ed25519') return undefined
  const facts: CertificateFacts = {
    der: bytesOf(input, copy),
    type: uri.type,
    encodedGroupId: uri.encodedGroupId,
    roles: uri.roles,
    peerId: uri.peerId,
    keyId: key.export({ format: 'jwk' }).x!,
    key,
    serialNumber: cert.serialNumber,
    notBefore: cert.validFromDate.getTime(),
    notAfter: cert.validToDate.getTime(),
    ca: cert.ca
  }
  return { cert, facts }
}

/** The raw 32-byte public key of certificate facts. */
export function rawKeyOf (facts: CertificateFacts): Buffer {
  return Buffer.from(facts.keyId, 'base64url')
}

/** The CN of a subject as node:crypto prints it, with RFC 4514 escapes undone. */
export function commonNameOf (subject: string): string {
  const line = subject.split('\n').find(l => l.startsWith('CN='))
  if (line === undefined) return ''
  return line.slice(3).replace(/\\([0-9A-Fa-f]{2}|.)/g, (_, c: string) => c.length === 2 ? String.fromCharCode(Number.parseInt(c, 16)) : c)
}
