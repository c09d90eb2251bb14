/**
 * Writes and signs an X.509 v3 certificate with Ed25519 (RFC 5280, RFC 8410) from a template:
 * the one place that knows the certificate layout. Deterministic: the same template and key give
 * the same bytes (Ed25519 signatures are deterministic).
 */
import { sign, type KeyObject } from 'node:crypto'
import { PeerhoodError } from '../common/errors.ts'
import {
  bitString, boolean, explicit, objectIdentifier, octetString, printableString,
  sequence, set, smallInteger, tlv, time, unsignedInteger, utf8String
} from './der.ts'
import { SERIAL_NUMBER_BYTES } from './constants.ts'
import { ed25519Spki } from './keys.ts'

const OID_ED25519 = '1.3.101.112'
/** Attribute type of the subject CN. */
export const OID_COMMON_NAME = '2.5.4.3'
/** Attribute type of the subject serialNumber (a PeerId, or a group id authority). */
export const OID_SERIAL_NUMBER = '2.5.4.5'
/** The basicConstraints extension. */
export const OID_BASIC_CONSTRAINTS = '2.5.29.19'
const OID_KEY_USAGE = '2.5.29.15'
/** The subjectAltName extension. */
export const OID_SUBJECT_ALT_NAME = '2.5.29.17'
/** `AlgorithmIdentifier` of Ed25519 (RFC 8410: no parameters), DER. */
export const ED25519_ALGORITHM = sequence(objectIdentifier(OID_ED25519))
/** `version [0] EXPLICIT INTEGER v3`, DER. */
export const VERSION_3 = explicit(0, smallInteger(2))

/** Everything a certificate says, ready to be signed. */
export interface CertificateTemplate {
  /** Serial number: {@link SERIAL_NUMBER_BYTES} bytes as hex, first byte 0x01–0x7f. */
  serialNumber: string
  /** Issuer distinguished name, DER (the issuer certificate's subject, byte for byte). */
  issuer: Uint8Array
  /** Subject distinguished name, DER (see {@link subjectName}). */
  subject: Uint8Array
  /** Start of validity, epoch milliseconds (a whole second). */
  notBefore: number
  /** End of validity, epoch milliseconds (a whole second). */
  notAfter: number
  /** Subject Ed25519 public key, 32 raw bytes. */
  subjectPublicKey: Uint8Array
  /** Extensions, each a DER `Extension` (see {@link extension}), in order. */
  extensions: Uint8Array[]
}

/** Key usage bits Peerhood sets. */
export interface KeyUsage {
  /** Signs data (records, handshakes). */
  digitalSignature?: boolean
  /** Signs certificates (CA). */
  keyCertSign?: boolean
}

/** A subject (or issuer) name: `CN=<commonName>` then `serialNumber=<serialNumber>`. */
export function subjectName (commonName: string, serialNumber: string): Uint8Array {
  return sequence(
    set(sequence(objectIdentifier(OID_COMMON_NAME), utf8String(commonName))),
    set(sequence(objectIdentifier(OID_SERIAL_NUMBER), printableString(serialNumber)))
  )
}

/** One `Extension`; `critical` is omitted from the DER when false (DEFAULT FALSE). */
export function extension (oid: string, critical: boolean, value: Uint8Array): Uint8Array {
  return critical
    ? sequence(objectIdentifier(oid), boolean(true), octetString(value))
    : sequence(objectIdentifier(oid), octetString(value))
}

/** Critical basic constraints; `pathLen` only with `ca`. */
export function basicConstraintsExtension (ca: boolean, pathLen?: number): Uint8Array {
  const value = ca ? sequence(boolean(true), ...(pathLen === undefined ? [] : [smallInteger(pathLen)])) : sequence()
  return extension(OID_BASIC_CONSTRAINTS, true, value)
}

/** Critical key usage. */
export function keyUsageExtension (usage: KeyUsage): Uint8Array {
  // bit 0 = digitalSignature (0x80), bit 5 = keyCertSign (0x04); DER drops trailing zero bits
  const bits = (usage.digitalSignature === true ? 0x80 : 0) | (usage.keyCertSign === true ? 0x04 : 0)
  const unused = bits === 0 ? 0 : 31 - Math.clz32(bits & -bits) // trailing zero bits of the byte
  return extension(OID_KEY_USAGE, true, bits === 0 ? bitString(new Uint8Array(0)) : bitString(Uint8Array.of(bits), unused))
}

/** Non-critical subjectAltName with one URI (IA5String, so ASCII only). */
export function subjectAltNameUriExtension (uri: string): Uint8Array {
  if (!/^[\x21-\x7e]+$/.test(uri)) throw new PeerhoodError('INVALID_ARGUMENT', 'a URI is printable ASCII', { details: { uri } })
  return extension(OID_SUBJECT_ALT_NAME, false, sequence(tlv(0x86, new TextEncoder().encode(uri))))
}

function checkSerial (serialNumber: string): Uint8Array {
  const bytes = Buffer.from(serialNumber, 'hex')
  if (bytes.length !== SERIAL_NUMBER_BYTES || bytes.toString('hex') !== serialNumber.toLowerCase() || bytes[0]! < 1 || bytes[0]! > 0x7f) {
    throw new PeerhoodError('INVALID_ARGUMENT', `a serial number is ${SERIAL_NUMBER_BYTES} bytes of hex, first byte 01-7f`, { details: { serialNumber } })
  }
  return bytes
}

const LAST_ENCODABLE_TIME = Date.UTC(9999, 11, 31, 23, 59, 59)

function checkTime (ms: number, name: string): number {
  if (!Number.isFinite(ms) || ms % 1000 !== 0 || ms < 0 || ms > LAST_ENCODABLE_TIME) {
    throw new PeerhoodError('INVALID_TIME_PERIOD', `${name} must be a whole second from 1970 to 9999`, { details: { [name]: ms } })
  }
  return ms
}

/** Encodes the template and signs it with the issuer's Ed25519 private key; returns the DER. */
export function signCertificate (template: CertificateTemplate, issuerKey: KeyObject): Uint8Array {
  if (template.subjectPublicKey.length !== 32) throw new PeerhoodError('INVALID_ARGUMENT', 'an Ed25519 public key is 32 bytes')
  if (template.notAfter < template.notBefore) throw new PeerhoodError('INVALID_TIME_PERIOD', 'validity ends before it starts')
  const tbs = sequence(
    VERSION_3,
    unsignedInteger(checkSerial(template.serialNumber)),
    ED25519_ALGORITHM,
    template.issuer,
    sequence(time(checkTime(template.notBefore, 'notBefore')), time(checkTime(template.notAfter, 'notAfter'))),
    template.subject,
    ed25519Spki(template.subjectPublicKey),
    explicit(3, sequence(...template.extensions))
  )
  const signature = sign(null, tbs, issuerKey)
  return sequence(tbs, ED25519_ALGORITHM, bitString(signature))
}
