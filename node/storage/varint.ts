/**
 * LevelDB's unsigned varints (7 bits a byte, least significant first), read at a moving
 * position; values up to 2⁵³ are exact (file sizes, offsets, sequence numbers).
 */

/** A read position in a byte array, advanced by the readers. */
export interface Position {
  pos: number
}

/** Reads a varint at `at.pos`, not past `end`; throws on a truncated or overlong one. */
export function varint (bytes: Uint8Array, at: Position, end = bytes.length): number {
  let result = 0
  let scale = 1
  for (let i = 0; i < 10 && at.pos < end; i++) {
    const b = bytes[at.pos++]!
    result += (b & 0x7f) * scale
    if ((b & 0x80) === 0) return result
    scale *= 128
  }
  throw new Error('bad varint')
}
