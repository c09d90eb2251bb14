/**
 * Reads the parts of a certificate that node:crypto does not expose: the raw names, extensions,
 * basic-constraints path length. Lenient (any X.509 layout it can walk): tools (`peerhood group
 * show`) and tests use it; validation and issuance read with the strict `profile-reader.ts`.
 */
import { PeerhoodError } from '../common/errors.ts'
import { OID_BASIC_CONSTRAINTS } from './certificate-builder.ts'
import { readChildren, readElement, type DerElement } from './der.ts'

/** One extension as written. */
export interface RawExtension {
  /** Dotted OID. */
  oid: string
  /** Critical flag. */
  critical: boolean
  /** The extnValue contents (the DER inside the OCTET STRING). */
  value: Uint8Array
}

/** The raw fields of a certificate. */
export interface CertificateFields {
  /** Serial number, lowercase hex. */
  serialNumber: string
  /** Issuer name, DER. */
  issuer: Uint8Array
  /** Subject name, DER. */
  subject: Uint8Array
  /** Extensions in order. */
  extensions: RawExtension[]
  /** `cA` of basic constraints (false when absent). */
  ca: boolean
  /** `pathLenConstraint`, when present. */
  pathLen?: number
}

function decodeOid (bytes: Uint8Array): string {
  const arcs: bigint[] = []
  let value = 0n
  for (const b of bytes) {
    value = (value << 7n) | BigInt(b & 0x7f)
    if ((b & 0x80) === 0) {
      arcs.push(value)
      value = 0n
    }
  }
  const first = arcs.shift() ?? 0n
  const head = first < 80n ? [first / 40n, first % 40n] : [2n, first - 80n]
  return [...head, ...arcs].join('.')
}

function expect (el: DerElement | undefined, tag: number): DerElement {
  if (el === undefined || el.tag !== tag) throw new PeerhoodError('INVALID_CERTIFICATE', 'unexpected certificate structure')
  return el
}

function readExtensions (der: Uint8Array, wrapper: DerElement): RawExtension[] {
  const list = expect(readChildren(der, wrapper)[0], 0x30)
  return readChildren(der, list).map(ext => {
    const parts = readChildren(der, expect(ext, 0x30))
    const critical = parts.length === 3 && parts[1]!.tag === 0x01 && der[parts[1]!.start] !== 0
    const value = expect(parts[parts.length - 1], 0x04)
    return { oid: decodeOid(der.subarray(expect(parts[0], 0x06).start, parts[0]!.end)), critical, value: der.subarray(value.start, value.end) }
  })
}

function readBasicConstraints (ext: RawExtension | undefined): { ca: boolean, pathLen?: number } {
  if (ext === undefined) return { ca: false }
  const items = readChildren(ext.value, expect(readElement(ext.value, 0), 0x30))
  const ca = items[0]?.tag === 0x01 && ext.value[items[0].start] !== 0
  const len = items.find(el => el.tag === 0x02)
  if (len === undefined) return { ca }
  return { ca, pathLen: ext.value.subarray(len.start, len.end).reduce((acc, b) => acc * 256 + b, 0) }
}

/** Reads a certificate's raw fields; throws `INVALID_CERTIFICATE` if it is not one. */
export function readCertificateFields (der: Uint8Array): CertificateFields {
  const cert = expect(readElement(der, 0), 0x30)
  const tbs = expect(readChildren(der, cert)[0], 0x30)
  const fields = readChildren(der, tbs)
  const offset = fields[0]?.tag === 0xa0 ? 1 : 0 // [0] version
  const serial = expect(fields[offset], 0x02)
  const issuer = expect(fields[offset + 2], 0x30)
  const subject = expect(fields[offset + 4], 0x30)
  const wrapper = fields.find(el => el.tag === 0xa3)
  const extensions = wrapper === undefined ? [] : readExtensions(der, wrapper)
  const constraints = readBasicConstraints(extensions.find(e => e.oid === OID_BASIC_CONSTRAINTS))
  return {
    serialNumber: Buffer.from(der.subarray(serial.start, serial.end)).toString('hex').replace(/^00(?=[89a-f])/, ''),
    issuer: der.slice(issuer.offset, issuer.end),
    subject: der.slice(subject.offset, subject.end),
    extensions,
    ...constraints
  }
}

