/**
 * The strict reader of the Peerhood certificate profile: the one reader the chain validator
 * uses. It accepts exactly the layouts `templates.ts` writes, in DER, and nothing else:
 *
 * ```asn1
 * Certificate ::= SEQUENCE {
 *   tbsCertificate SEQUENCE {
 *     version [0] EXPLICIT INTEGER 2,                 -- v3
 *     serialNumber INTEGER,                           -- 16 bytes, first byte 01–7f
 *     signature AlgorithmIdentifier,                  -- Ed25519 (1.3.101.112), no parameters
 *     issuer Name, subject Name,                      -- CN (UTF8String) then serialNumber (PrintableString)
 *     validity SEQUENCE { Time, Time },               -- UTCTime to 2049, GeneralizedTime from 2050
 *     subjectPublicKeyInfo,                           -- Ed25519, 32 bytes
 *     extensions [3] EXPLICIT SEQUENCE {              -- in this order:
 *       basicConstraints (critical), keyUsage (critical: digitalSignature, keyCertSign iff cA),
 *       subjectKeyIdentifier (SHA-1 of the key), authorityKeyIdentifier (GMC only: keyIdentifier),
 *       subjectAltName (one Peerhood URI), certificateType, groupId (GRC, GMC), roles (GMC) } },
 *   signatureAlgorithm AlgorithmIdentifier,           -- the same Ed25519 identifier
 *   signature BIT STRING }                            -- 64 bytes, no unused bits
 * ```
 *
 * The subject's serialNumber must be the URI's PeerId (the group id's authority for a GRC), the
 * private extensions must repeat what the URI says, no byte may trail any element. Anything else,
 * truncated or damaged bytes included, reads as `undefined`; the reader never throws.
 *
 * Why a JavaScript reader is safe here: JavaScript is memory-safe, so damaged input can only make
 * a read fail, never corrupt memory; the profile is Peerhood's own and tiny (every field has one
 * allowed encoding, so there is no parsing ambiguity for two readers to disagree on); and the
 * validator checks each signature over the very `tbs` bytes read here, so a field can only come
 * from bytes the issuer signed. Unknown or unexpected extensions, critical or not, are refused.
 */
import { isUtf8 } from 'node:buffer'
import { hash } from 'node:crypto'
import {
  ED25519_ALGORITHM, OID_COMMON_NAME, OID_SERIAL_NUMBER, OID_SUBJECT_ALT_NAME, VERSION_3,
  basicConstraintsExtension, keyUsageExtension
} from './certificate-builder.ts'
import { MAX_CHAIN_GMCS, OID_GROUP_ID, SERIAL_NUMBER_BYTES, type CertificateType } from './constants.ts'
import { fail, readStrictly, type DerCursor } from './der-cursor.ts'
import { objectIdentifier } from './der.ts'
import { certificateTypeExtension, rolesExtension } from './extensions.ts'
import { AUTHORITY_KEY_IDENTIFIER_PREFIX, KEY_IDENTIFIER_BYTES, SUBJECT_KEY_IDENTIFIER_PREFIX } from './key-identifiers.ts'
import { SPKI_ED25519_PREFIX } from './keys.ts'
import { parsePeerhoodUri, type PeerhoodUri } from './uris.ts'

/** A certificate of the Peerhood profile. Byte fields are views of the bytes read, not copies. */
export interface ProfileCertificate {
  /** The TBSCertificate, DER, exactly as signed. */
  readonly tbs: Uint8Array
  /** The 64-byte Ed25519 signature over {@link tbs}. */
  readonly signature: Uint8Array
  /** Serial number, lowercase hex ({@link SERIAL_NUMBER_BYTES} bytes). */
  readonly serialNumber: string
  /** Start of validity, epoch milliseconds. */
  readonly notBefore: number
  /** End of validity, epoch milliseconds. */
  readonly notAfter: number
  /** Issuer name, DER. */
  readonly issuer: Uint8Array
  /** Subject name, DER. */
  readonly subject: Uint8Array
  /** Subject CN: the display name, or the group's friendly name in a GRC. */
  readonly commonName: string
  /** SubjectPublicKeyInfo, DER (44 bytes). */
  readonly spki: Uint8Array
  /** The raw 32-byte Ed25519 subject public key. */
  readonly publicKey: Uint8Array
  /** basicConstraints cA. */
  readonly ca: boolean
  /** basicConstraints pathLenConstraint (0 to 23), present exactly when {@link ca}. */
  readonly pathLen: number | undefined
  /** What the subjectAltName URI says. */
  readonly uri: PeerhoodUri
  /** subjectKeyIdentifier: SHA-1 of {@link publicKey} (20 bytes, checked). */
  readonly subjectKeyId: Uint8Array
  /** authorityKeyIdentifier's keyIdentifier (20 bytes), present exactly in GMCs. */
  readonly authorityKeyId: Uint8Array | undefined
}

const TLV_COMMON_NAME = objectIdentifier(OID_COMMON_NAME)
const TLV_SERIAL_NUMBER = objectIdentifier(OID_SERIAL_NUMBER)
const TLV_SUBJECT_ALT_NAME = objectIdentifier(OID_SUBJECT_ALT_NAME)
const TLV_GROUP_ID = objectIdentifier(OID_GROUP_ID)
const BASIC_CONSTRAINTS_LEAF = basicConstraintsExtension(false)
/** A CA's basicConstraints up to its one-byte pathLen (the last byte). */
const BASIC_CONSTRAINTS_CA = basicConstraintsExtension(true, 0).subarray(0, -1)
const KEY_USAGE_LEAF = keyUsageExtension({ digitalSignature: true })
const KEY_USAGE_CA = keyUsageExtension({ digitalSignature: true, keyCertSign: true })
const TYPE_EXTENSIONS: Readonly<Record<CertificateType, Uint8Array>> = {
  member: certificateTypeExtension('member'),
  root: certificateTypeExtension('root'),
  identity: certificateTypeExtension('identity')
}
const rolesExtensions = new Map<number, Uint8Array>() // at most 15 role masks

const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true })

/** A table of the ASCII characters in `chars`: 1 for those, 0 (or undefined above 127) for others. */
function charTable (chars: string): Uint8Array {
  const table = new Uint8Array(128)
  for (const c of chars) table[c.charCodeAt(0)] = 1
  return table
}

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'
/** The PrintableString alphabet. */
const PRINTABLE = charTable(`${ALPHANUMERIC} '()+,-./:=?`)
/**
 * What a subjectAltName URI may contain: printable ASCII without space and without the
 * characters node:crypto would quote (`"`, `'`, `,`, `\`), so tools that read node's text see the
 * same URI.
 */
const URI_CHARS = charTable(`${ALPHANUMERIC}!#$%&()*+-./:;<=>?@[]^_\`{|}~`)

/** Whether every byte of `bytes[start, end)` is in `table`. */
function allIn (table: Uint8Array, bytes: Uint8Array, start: number, end: number): boolean {
  for (let p = start; p < end; p++) if (table[bytes[p]!] !== 1) return false
  return true
}

/** Whether `bytes[start, end)` are the character codes of `text` (ASCII text). */
function asciiEquals (bytes: Buffer, start: number, end: number, text: string): boolean {
  return end - start === text.length && bytes.toString('latin1', start, end) === text
}

/** A plain view of `bytes[start, end)` (cheaper to make than a Buffer's `subarray`). */
function view (bytes: Buffer, start: number, end: number): Uint8Array {
  return new Uint8Array(bytes.buffer, bytes.byteOffset + start, end - start)
}

/** Offsets of a name's CN and serialNumber values. */
interface NameValues {
  cnStart: number
  cnEnd: number
  serialStart: number
  serialEnd: number
}

/** Reads a Name `CN=<UTF8String>, serialNumber=<PrintableString>`, both non-empty. */
function readName (c: DerCursor, limit: number): NameValues {
  const b = c.bytes
  const name = c.enter(0x30, limit)
  let set = c.enter(0x31, name)
  let attribute = c.enter(0x30, set)
  c.literal(TLV_COMMON_NAME, attribute)
  const cnEnd = c.enter(0x0c, attribute)
  const cnStart = c.pos
  if (cnEnd === cnStart || !isUtf8(view(b, cnStart, cnEnd))) fail()
  c.pos = cnEnd
  c.close(attribute)
  c.close(set)
  set = c.enter(0x31, name)
  attribute = c.enter(0x30, set)
  c.literal(TLV_SERIAL_NUMBER, attribute)
  const serialEnd = c.enter(0x13, attribute)
  const serialStart = c.pos
  if (serialEnd === serialStart || !allIn(PRINTABLE, b, serialStart, serialEnd)) fail()
  c.pos = serialEnd
  c.close(attribute)
  c.close(set)
  c.close(name)
  return { cnStart, cnEnd, serialStart, serialEnd }
}

/** basicConstraints: `[cA, pathLen]`, pathLen present exactly with cA. */
function readBasicConstraints (c: DerCursor, limit: number): number | undefined {
  if (c.startsWith(BASIC_CONSTRAINTS_LEAF, limit)) {
    c.pos += BASIC_CONSTRAINTS_LEAF.length
    return undefined
  }
  c.literal(BASIC_CONSTRAINTS_CA, limit)
  if (c.pos >= limit) fail()
  const pathLen = c.bytes[c.pos++]!
  if (pathLen > MAX_CHAIN_GMCS - 1) fail()
  return pathLen
}

/** subjectAltName with exactly one URI. */
function readUri (c: DerCursor, limit: number): PeerhoodUri {
  const b = c.bytes
  const ext = c.enter(0x30, limit)
  c.literal(TLV_SUBJECT_ALT_NAME, ext)
  const value = c.enter(0x04, ext)
  const names = c.enter(0x30, value)
  const end = c.enter(0x86, names)
  if (!allIn(URI_CHARS, b, c.pos, end)) fail()
  const uri = parsePeerhoodUri(b.toString('latin1', c.pos, end)) ?? fail()
  c.pos = end
  c.close(names)
  c.close(value)
  c.close(ext)
  return uri
}

/** A key identifier extension's 20 bytes after its fixed prefix; returns their offset. */
function readKeyIdentifier (c: DerCursor, prefix: Uint8Array, limit: number): number {
  c.literal(prefix, limit)
  const start = c.pos
  c.pos += KEY_IDENTIFIER_BYTES
  if (c.pos > limit) fail()
  return start
}

/** The groupId extension, which must name the URI's group. */
function readGroupId (c: DerCursor, limit: number, encodedGroupId: string): void {
  const ext = c.enter(0x30, limit)
  c.literal(TLV_GROUP_ID, ext)
  const value = c.enter(0x04, ext)
  const end = c.enter(0x0c, value)
  const same = encodedGroupId.includes('%')
    ? UTF8.decode(view(c.bytes, c.pos, end)) === decodeURIComponent(encodedGroupId)
    : asciiEquals(c.bytes, c.pos, end, encodedGroupId) // no escape: the URI form is the group id
  if (!same) fail()
  c.pos = end
  c.close(value)
  c.close(ext)
}

function rolesExtensionOf (mask: number): Uint8Array {
  let ext = rolesExtensions.get(mask)
  if (ext === undefined) rolesExtensions.set(mask, ext = rolesExtension(mask))
  return ext
}

/** The PeerId, or for a GRC the group id's authority, that the subject serialNumber must be. */
function expectedSubjectSerial (uri: PeerhoodUri): string {
  if (uri.type !== 'root') return uri.peerId
  const dot = uri.encodedGroupId.indexOf('.')
  return dot === -1 ? uri.encodedGroupId : uri.encodedGroupId.slice(0, dot)
}

function readCertificate (c: DerCursor): ProfileCertificate {
  const b = c.bytes
  const certificate = c.enter(0x30, b.length)
  if (certificate !== b.length) fail()
  const tbsStart = c.pos
  const tbs = c.enter(0x30, certificate)
  c.literal(VERSION_3, tbs)
  const serialEnd = c.enter(0x02, tbs)
  if (serialEnd - c.pos !== SERIAL_NUMBER_BYTES || b[c.pos]! < 0x01 || b[c.pos]! > 0x7f) fail()
  const serialNumber = b.toString('hex', c.pos, serialEnd)
  c.pos = serialEnd
  c.literal(ED25519_ALGORITHM, tbs)
  const issuerStart = c.pos
  readName(c, tbs)
  const issuerEnd = c.pos
  const validity = c.enter(0x30, tbs)
  const notBefore = c.time(validity)
  const notAfter = c.time(validity)
  c.close(validity)
  const subjectStart = c.pos
  const subject = readName(c, tbs)
  const subjectEnd = c.pos
  const spkiStart = c.pos
  c.literal(SPKI_ED25519_PREFIX, tbs)
  const keyStart = c.pos
  c.pos += 32
  if (c.pos > tbs) fail()
  const wrapper = c.enter(0xa3, tbs)
  const extensions = c.enter(0x30, wrapper)
  const pathLen = readBasicConstraints(c, extensions)
  const ca = pathLen !== undefined
  c.literal(ca ? KEY_USAGE_CA : KEY_USAGE_LEAF, extensions)
  const skiStart = readKeyIdentifier(c, SUBJECT_KEY_IDENTIFIER_PREFIX, extensions)
  const akiStart = c.startsWith(AUTHORITY_KEY_IDENTIFIER_PREFIX, extensions) ? readKeyIdentifier(c, AUTHORITY_KEY_IDENTIFIER_PREFIX, extensions) : -1
  const uri = readUri(c, extensions)
  if ((akiStart !== -1) !== (uri.type === 'member')) fail()
  c.literal(TYPE_EXTENSIONS[uri.type], extensions)
  if (uri.type !== 'identity') readGroupId(c, extensions, uri.encodedGroupId)
  if (uri.type === 'member') c.literal(rolesExtensionOf(uri.roles), extensions)
  c.close(extensions)
  c.close(wrapper)
  c.close(tbs)
  if (!asciiEquals(b, subject.serialStart, subject.serialEnd, expectedSubjectSerial(uri))) fail()
  if (hash('sha1', view(b, keyStart, keyStart + 32), 'buffer').compare(b, skiStart, skiStart + KEY_IDENTIFIER_BYTES) !== 0) fail()
  c.literal(ED25519_ALGORITHM, certificate)
  const signature = c.enter(0x03, certificate)
  if (signature - c.pos !== 65 || b[c.pos] !== 0) fail() // no unused bits, 64 bytes
  c.pos = signature
  c.close(certificate)
  return {
    tbs: view(b, tbsStart, tbs),
    signature: view(b, signature - 64, signature),
    serialNumber,
    notBefore,
    notAfter,
    issuer: view(b, issuerStart, issuerEnd),
    subject: view(b, subjectStart, subjectEnd),
    commonName: UTF8.decode(view(b, subject.cnStart, subject.cnEnd)),
    spki: view(b, spkiStart, keyStart + 32),
    publicKey: view(b, keyStart, keyStart + 32),
    ca,
    pathLen,
    uri,
    subjectKeyId: view(b, skiStart, skiStart + KEY_IDENTIFIER_BYTES),
    authorityKeyId: akiStart === -1 ? undefined : view(b, akiStart, akiStart + KEY_IDENTIFIER_BYTES)
  }
}

/**
 * Reads a certificate of the Peerhood profile from its DER bytes; `undefined` for anything else
 * (never throws). The result's byte fields are views of `der`.
 */
export function readProfileCertificate (der: Uint8Array): ProfileCertificate | undefined {
  // a Buffer view, for its native string conversions (no copy)
  return readStrictly(Buffer.isBuffer(der) ? der : Buffer.from(der.buffer, der.byteOffset, der.length), readCertificate)
}
