/**
 * Checks a LevelDB table file (`.ldb` / `.sst`) the way LevelDB would with `verify_checksums`:
 * the footer's magic number, then the CRC-32C of every block the index and meta-index reach.
 * classic-level opens LevelDB without checksum verification or paranoid checks, so a damaged
 * block would otherwise be read (and compacted, where LevelDB aborts) as if it were intact.
 */
import { crc32c, unmaskCrc } from './crc32c.ts'
import { varint } from './varint.ts'

const FOOTER_SIZE = 48
const TRAILER_SIZE = 5
const MAGIC_LOW = 0x8b80fb57
const MAGIC_HIGH = 0xdb477524
const NO_COMPRESSION = 0

interface BlockHandle { offset: number, size: number }

function handle (bytes: Uint8Array, at: { pos: number }, end: number): BlockHandle {
  return { offset: varint(bytes, at, end), size: varint(bytes, at, end) }
}

/** The block's contents after checking its bounds and checksum; throws a reason. */
function block (file: Uint8Array, h: BlockHandle, limit: number, what: string): { contents: Uint8Array, compressed: boolean } {
  if (h.offset + h.size + TRAILER_SIZE > limit) throw new Error(`${what} at ${h.offset} overruns the file`)
  const end = h.offset + h.size
  const stored = unmaskCrc(new DataView(file.buffer, file.byteOffset + end + 1, 4).getUint32(0, true))
  if (crc32c(file, h.offset, end + 1) !== stored) throw new Error(`checksum mismatch in the ${what} at ${h.offset}`)
  return { contents: file.subarray(h.offset, end), compressed: file[end] !== NO_COMPRESSION }
}

/** The values of a block's entries (keys are not needed: only the handles they point to). */
function entryValues (contents: Uint8Array): Uint8Array[] {
  if (contents.length < 4) throw new Error('block too short')
  const restarts = new DataView(contents.buffer, contents.byteOffset + contents.length - 4, 4).getUint32(0, true)
  const limit = contents.length - 4 * (restarts + 1)
  if (limit < 0) throw new Error('bad restart count')
  const values: Uint8Array[] = []
  const at = { pos: 0 }
  while (at.pos < limit) {
    varint(contents, at, limit) // shared key bytes
    const unshared = varint(contents, at, limit)
    const valueLength = varint(contents, at, limit)
    at.pos += unshared
    if (at.pos + valueLength > limit) throw new Error('entry overruns its block')
    values.push(contents.subarray(at.pos, at.pos + valueLength))
    at.pos += valueLength
  }
  return values
}

/**
 * Why the table file's bytes are not an intact table, or undefined when every block's checksum
 * matches. Blocks under a compressed index are not reached (Peerhood stores them uncompressed).
 */
export function tableDamage (file: Uint8Array): string | undefined {
  if (file.length < FOOTER_SIZE) return `${file.length} bytes is shorter than a table footer`
  const footer = file.length - FOOTER_SIZE
  const magic = new DataView(file.buffer, file.byteOffset + file.length - 8, 8)
  if (magic.getUint32(0, true) !== MAGIC_LOW || magic.getUint32(4, true) !== MAGIC_HIGH) return 'no table magic number at its end (truncated or overwritten)'
  try {
    const at = { pos: footer }
    const metaHandle = handle(file, at, file.length - 8)
    const indexHandle = handle(file, at, file.length - 8)
    const index = block(file, indexHandle, footer, 'index block')
    const meta = block(file, metaHandle, footer, 'meta-index block')
    if (!meta.compressed) for (const value of entryValues(meta.contents)) block(file, handle(value, { pos: 0 }, value.length), footer, 'filter block')
    if (!index.compressed) for (const value of entryValues(index.contents)) block(file, handle(value, { pos: 0 }, value.length), footer, 'data block')
  } catch (err) {
    return (err as Error).message
  }
  return undefined
}
