/**
 * LevelDB's table format (`.ldb` / `.sst`), as far as checking and salvaging need it: blocks
 * followed by a 5-byte trailer (compression type, masked CRC-32C of contents and type), a
 * 48-byte footer (meta-index and index handles, magic number), and in each block
 * prefix-compressed entries before an array of restart offsets.
 */
import { crc32c, unmaskCrc } from './crc32c.ts'
import { type Position, varint } from './varint.ts'

/** Bytes of a table's footer. */
export const FOOTER_SIZE = 48
/** Bytes after each block: compression type and CRC. */
export const TRAILER_SIZE = 5
const MAGIC_LOW = 0x8b80fb57
const MAGIC_HIGH = 0xdb477524
/** The compression type of an uncompressed block (Peerhood writes no other). */
export const NO_COMPRESSION = 0

/** Where a block lies in its file. */
export interface BlockHandle { offset: number, size: number }

/** Reads a block handle (two varints). */
export function readHandle (bytes: Uint8Array, at: Position, end = bytes.length): BlockHandle {
  return { offset: varint(bytes, at, end), size: varint(bytes, at, end) }
}

/** A value that is exactly one block handle, or undefined. */
export function handleOf (value: Uint8Array): BlockHandle | undefined {
  try {
    const at = { pos: 0 }
    const h = readHandle(value, at)
    return at.pos === value.length ? h : undefined
  } catch {
    return undefined
  }
}

/** The footer's meta-index and index handles, or a reason they cannot be read. */
export function readFooter (file: Uint8Array): { meta: BlockHandle, index: BlockHandle } | string {
  if (file.length < FOOTER_SIZE) return `${file.length} bytes is shorter than a table footer`
  const magic = new DataView(file.buffer, file.byteOffset + file.length - 8, 8)
  if (magic.getUint32(0, true) !== MAGIC_LOW || magic.getUint32(4, true) !== MAGIC_HIGH) return 'no table magic number at its end (truncated or overwritten)'
  try {
    const at = { pos: file.length - FOOTER_SIZE }
    return { meta: readHandle(file, at, file.length - 8), index: readHandle(file, at, file.length - 8) }
  } catch {
    return 'the footer does not decode'
  }
}

/** A block's contents after checking its bounds and checksum; throws a reason. */
export function readBlock (file: Uint8Array, h: BlockHandle, what: string): { contents: Uint8Array, compressed: boolean } {
  const end = h.offset + h.size
  if (end + TRAILER_SIZE > file.length - FOOTER_SIZE) throw new Error(`${what} at ${h.offset} overruns the file`)
  const stored = unmaskCrc(new DataView(file.buffer, file.byteOffset + end + 1, 4).getUint32(0, true))
  if (crc32c(file, h.offset, end + 1) !== stored) throw new Error(`checksum mismatch in the ${what} at ${h.offset}`)
  return { contents: file.subarray(h.offset, end), compressed: file[end] !== NO_COMPRESSION }
}

/** A block's entries as (key, value); throws when it is not a well-formed block. */
export function blockEntries (contents: Uint8Array): Array<[Uint8Array, Uint8Array]> {
  if (contents.length < 4) throw new Error('block too short')
  const restarts = new DataView(contents.buffer, contents.byteOffset + contents.length - 4, 4).getUint32(0, true)
  const limit = contents.length - 4 * (restarts + 1)
  if (restarts === 0 || limit < 0) throw new Error('bad restart count')
  const out: Array<[Uint8Array, Uint8Array]> = []
  let previous = new Uint8Array(0)
  const at = { pos: 0 }
  while (at.pos < limit) {
    const shared = varint(contents, at, limit)
    const unshared = varint(contents, at, limit)
    const valueLength = varint(contents, at, limit)
    if (shared > previous.length || at.pos + unshared + valueLength > limit) throw new Error('entry overruns its block')
    const key = new Uint8Array(shared + unshared)
    key.set(previous.subarray(0, shared), 0)
    key.set(contents.subarray(at.pos, at.pos + unshared), shared)
    at.pos += unshared
    out.push([key, contents.subarray(at.pos, at.pos + valueLength)])
    at.pos += valueLength
    previous = key
  }
  return out
}
