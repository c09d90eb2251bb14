/**
 * LevelDB's log format, shared by the write-ahead logs (`NNNNNN.log`) and the `MANIFEST`: 32 KiB
 * blocks of physical records `crc32c (4, masked) | length (2) | type (1) | data`, a logical
 * record split into FIRST / MIDDLE / LAST fragments across blocks. Read here to check a store
 * before LevelDB opens it, and LevelDB's own reader drops a damaged record silently unless it
 * runs with paranoid checks, which classic-level does not expose.
 */
import { crc32c, unmaskCrc } from './crc32c.ts'

const BLOCK_SIZE = 32768
const HEADER_SIZE = 7
const FULL = 1
const FIRST = 2
const MIDDLE = 3
const LAST = 4

/** What {@link readLog} found. */
export interface LogContents {
  /** The complete logical records, in order. */
  records: Uint8Array[]
  /** The first damage seen (reading stops there), or undefined when the log is intact. */
  damage?: { offset: number, reason: string }
}

function isZero (bytes: Uint8Array, from: number): boolean {
  for (let i = from; i < bytes.length; i++) if (bytes[i] !== 0) return false
  return true
}

/**
 * Reads every logical record of a log file. A record cut off by the end of the file, or the
 * last one failing its checksum with only zeros after it, is the tail of a write a crash
 * interrupted, not damage (LevelDB drops it too); any other checksum that does not match, a
 * length that overruns its block or a fragment out of order is damage.
 */
export function readLog (bytes: Uint8Array): LogContents {
  const records: Uint8Array[] = []
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  let fragments: Uint8Array[] | undefined
  let pos = 0
  while (pos < bytes.length) {
    const left = BLOCK_SIZE - (pos % BLOCK_SIZE)
    if (left < HEADER_SIZE) { pos += left; continue }
    if (pos + HEADER_SIZE > bytes.length) break
    const length = view.getUint16(pos + 4, true)
    const type = bytes[pos + 6]!
    if (type === 0 && length === 0) { pos += left; continue } // preallocated, never written
    if (HEADER_SIZE + length > left) return { records, damage: { offset: pos, reason: `a record of ${length} bytes overruns its block` } }
    if (pos + HEADER_SIZE + length > bytes.length) break
    if (crc32c(bytes, pos + 6, pos + HEADER_SIZE + length) !== unmaskCrc(view.getUint32(pos, true))) {
      // the last record, followed by nothing but zeros: a write the power cut tore (never synced), not damage
      if (isZero(bytes, pos + HEADER_SIZE + length)) break
      return { records, damage: { offset: pos, reason: 'checksum mismatch' } }
    }
    const data = bytes.subarray(pos + HEADER_SIZE, pos + HEADER_SIZE + length)
    pos += HEADER_SIZE + length
    if (type === FULL && fragments === undefined) records.push(data)
    else if (type === FIRST && fragments === undefined) fragments = [data]
    else if (type === MIDDLE && fragments !== undefined) fragments.push(data)
    else if (type === LAST && fragments !== undefined) { records.push(Buffer.concat([...fragments, data])); fragments = undefined }
    else return { records, damage: { offset: pos - HEADER_SIZE - length, reason: `unexpected record type ${type}` } }
  }
  return { records }
}
