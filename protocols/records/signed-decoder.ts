/**
 * The hot-path decoder of the `SignedRecord` envelope: the body and signature as views into the
 * input (the generated decoder allocates a Node Buffer per absent field). A test checks it reads
 * what the generated `SignedRecord.decode` reads.
 */
import type { SignedRecordParts } from './codec.ts'
import { LENGTH, WireError, WireReader } from './wire-reader.ts'

const EMPTY = new Uint8Array(0)

/** Bytes of the varint encoding of `n`. */
export function varintLength (n: number): number {
  let length = 1
  while (n >= 0x80) { n = Math.floor(n / 0x80); length++ }
  return length
}

/**
 * Whether decoded `parts` are the only encoding of themselves `bytes` can be: the body field,
 * then the 64-byte signature field, nothing before, between or after them. The envelope is not
 * signed, so anything else in it (padding, unknown or repeated fields, another order) was put
 * there by whoever relayed it, and would make the same signed record look like a new one.
 */
export function isCanonicalSignedRecord (bytes: Uint8Array, parts: SignedRecordParts): boolean {
  const head = 1 + varintLength(parts.body.length)
  const signatureAt = head + parts.body.length + 2
  return bytes.length === signatureAt + 64 &&
    parts.signature.length === 64 &&
    bytes[0] === 0x0a &&
    parts.body.byteOffset - bytes.byteOffset === head &&
    bytes[signatureAt - 2] === 0x12 &&
    bytes[signatureAt - 1] === 0x40 &&
    parts.signature.byteOffset - bytes.byteOffset === signatureAt
}

/** Decodes `SignedRecord` bytes; throws a {@link WireError} when they are not one. */
export function decodeSignedRecord (bytes: Uint8Array): SignedRecordParts {
  return canonicalParts(bytes) ?? decodeAnyLayout(bytes)
}

/**
 * The parts of an envelope laid out as every honest encoder writes it (body tag, minimal length,
 * body, signature tag, 64, signature, nothing else), read with no reader and no loop; undefined
 * for any other layout, which {@link decodeAnyLayout} then reads (and ingress refuses). What it
 * returns is exactly what the general reader returns for the same bytes.
 */
function canonicalParts (bytes: Uint8Array): SignedRecordParts | undefined {
  if (bytes[0] !== 0x0a) return undefined
  let length = 0
  let scale = 1
  let pos = 1
  for (;;) {
    // a length field is at most 5 bytes; the total length check below bounds its value
    if (pos > 5 || pos >= bytes.length) return undefined
    const byte = bytes[pos++]!
    length += (byte & 0x7f) * scale
    if (byte < 0x80) {
      if (byte === 0 && pos > 2) return undefined // non-minimal: the general reader refuses it
      break
    }
    scale *= 128
  }
  const signatureAt = pos + length + 2
  if (bytes.length !== signatureAt + 64 || bytes[signatureAt - 2] !== 0x12 || bytes[signatureAt - 1] !== 0x40) return undefined
  return {
    body: new Uint8Array(bytes.buffer, bytes.byteOffset + pos, length),
    signature: new Uint8Array(bytes.buffer, bytes.byteOffset + signatureAt, 64)
  }
}

function decodeAnyLayout (bytes: Uint8Array): SignedRecordParts {
  const reader = new WireReader(bytes)
  const out: SignedRecordParts = { body: EMPTY, signature: EMPTY }
  while (reader.pos < reader.end) {
    const tag = reader.uint32()
    const field = tag >>> 3
    if ((field === 1 || field === 2) && (tag & 7) !== LENGTH) throw new WireError(`field ${field} has the wrong wire type`)
    if (field === 1) out.body = reader.bytes()
    else if (field === 2) out.signature = reader.bytes()
    else reader.skip(tag & 7)
  }
  return out
}
