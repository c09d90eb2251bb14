/**
 * The few DER (ITU-T X.690) encodings and reads that Peerhood's fixed certificate templates need.
 *
 * Certificates are written by hand from these primitives rather than through a general ASN.1
 * library, so their bytes depend on this file only (the frozen fixtures pin them) and issuing one
 * costs a signature plus a few hundred bytes of copying.
 */
import { PeerhoodError } from '../common/errors.ts'

/** Concatenates byte arrays. */
export function concatBytes (parts: readonly Uint8Array[]): Uint8Array {
  let length = 0
  for (const p of parts) length += p.length
  const out = new Uint8Array(length)
  let offset = 0
  for (const p of parts) {
    out.set(p, offset)
    offset += p.length
  }
  return out
}

function encodeLength (length: number): Uint8Array {
  if (length < 0x80) return Uint8Array.of(length)
  if (length < 0x100) return Uint8Array.of(0x81, length)
  if (length < 0x10000) return Uint8Array.of(0x82, length >> 8, length & 0xff)
  return Uint8Array.of(0x83, length >> 16, (length >> 8) & 0xff, length & 0xff)
}

/** A tag-length-value with the given (single-byte) tag. */
export function tlv (tag: number, content: Uint8Array): Uint8Array {
  return concatBytes([Uint8Array.of(tag), encodeLength(content.length), content])
}

/** SEQUENCE of already-encoded items. */
export function sequence (...items: Uint8Array[]): Uint8Array {
  return tlv(0x30, concatBytes(items))
}

/** SET of already-encoded items (callers pass one item, so no sorting is needed). */
export function set (...items: Uint8Array[]): Uint8Array {
  return tlv(0x31, concatBytes(items))
}

/** Context-specific constructed tag `[n] EXPLICIT`. */
export function explicit (n: number, content: Uint8Array): Uint8Array {
  return tlv(0xa0 | n, content)
}

/** BOOLEAN. */
export function boolean (value: boolean): Uint8Array {
  return Uint8Array.of(0x01, 0x01, value ? 0xff : 0x00)
}

/** A non-negative INTEGER from its big-endian magnitude. */
export function unsignedInteger (magnitude: Uint8Array): Uint8Array {
  let start = 0
  while (start < magnitude.length - 1 && magnitude[start] === 0) start++
  const trimmed = magnitude.subarray(start)
  return tlv(0x02, (trimmed[0]! & 0x80) !== 0 ? concatBytes([Uint8Array.of(0), trimmed]) : trimmed)
}

/** A small non-negative INTEGER. */
export function smallInteger (value: number): Uint8Array {
  const bytes: number[] = []
  do {
    bytes.unshift(value & 0xff)
    value = Math.floor(value / 256)
  } while (value > 0)
  return unsignedInteger(Uint8Array.from(bytes))
}

/** OBJECT IDENTIFIER from dotted form; arcs may exceed 2^53 (UUID arcs under `2.25`). */
export function objectIdentifier (dotted: string): Uint8Array {
  const arcs = dotted.split('.').map(a => BigInt(a))
  const body: number[] = []
  const encodeArc = (arc: bigint): void => {
    const chunk: number[] = [Number(arc & 0x7fn)]
    for (arc >>= 7n; arc > 0n; arc >>= 7n) chunk.unshift(Number(arc & 0x7fn) | 0x80)
    body.push(...chunk)
  }
  encodeArc(arcs[0]! * 40n + arcs[1]!)
  for (const arc of arcs.slice(2)) encodeArc(arc)
  return tlv(0x06, Uint8Array.from(body))
}

/** UTF8String. */
export function utf8String (value: string): Uint8Array {
  return tlv(0x0c, new TextEncoder().encode(value))
}

/** PrintableString; throws INVALID_ARGUMENT on characters outside its alphabet. */
export function printableString (value: string): Uint8Array {
  if (!/^[A-Za-z0-9 '()+,\-./:=?]*$/.test(value)) {
    throw new PeerhoodError('INVALID_ARGUMENT', 'not a PrintableString', { details: { value } })
  }
  return tlv(0x13, new TextEncoder().encode(value))
}

/** OCTET STRING. */
export function octetString (value: Uint8Array): Uint8Array {
  return tlv(0x04, value)
}

/** BIT STRING with the given number of unused trailing bits. */
export function bitString (value: Uint8Array, unusedBits = 0): Uint8Array {
  return tlv(0x03, concatBytes([Uint8Array.of(unusedBits), value]))
}

/** UTCTime for 1950–2049, GeneralizedTime otherwise (RFC 5280 §4.1.2.5); whole seconds, UTC. */
export function time (ms: number): Uint8Array {
  const iso = new Date(ms).toISOString() // YYYY-MM-DDTHH:MM:SS.sssZ
  const digits = iso.slice(0, 19).replace(/[-T:]/g, '') + 'Z'
  const year = new Date(ms).getUTCFullYear()
  if (year >= 1950 && year < 2050) return tlv(0x17, new TextEncoder().encode(digits.slice(2)))
  return tlv(0x18, new TextEncoder().encode(digits))
}

/** Position of one TLV inside a buffer. */
export interface DerElement {
  /** The tag byte. */
  tag: number
  /** Offset of the tag byte. */
  offset: number
  /** Offset of the first content byte. */
  start: number
  /** Offset just after the last content byte. */
  end: number
}

/** Reads the TLV at `offset`; throws INVALID_CERTIFICATE if it does not fit in `bytes`. */
export function readElement (bytes: Uint8Array, offset: number, limit = bytes.length): DerElement {
  const tag = bytes[offset]
  let length = bytes[offset + 1]
  let start = offset + 2
  if (tag === undefined || length === undefined) throw malformed()
  if (length >= 0x80) {
    const n = length & 0x7f
    if (n === 0 || n > 3) throw malformed()
    length = 0
    for (let i = 0; i < n; i++) length = length * 256 + (bytes[start + i] ?? Number.NaN)
    start += n
  }
  const end = start + length
  if (!(end <= limit)) throw malformed()
  return { tag, offset, start, end }
}

/** The elements directly inside a constructed element. */
export function readChildren (bytes: Uint8Array, parent: DerElement): DerElement[] {
  const out: DerElement[] = []
  for (let offset = parent.start; offset < parent.end;) {
    const el = readElement(bytes, offset, parent.end)
    out.push(el)
    offset = el.end
  }
  return out
}

function malformed (): PeerhoodError {
  return new PeerhoodError('INVALID_CERTIFICATE', 'malformed DER')
}
