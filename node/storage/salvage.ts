/**
 * Salvage of a LevelDB folder, read in JavaScript so that every byte kept has passed its
 * checksum: each table's blocks (found through its index, or one after another when the index
 * or footer is gone), each write-ahead log's batches, newest sequence number winning. LevelDB's
 * own RepairDB reads tables without checksums and would keep a damaged block's bytes.
 *
 * What could not be read is reported as key ranges, so that the caller can tell whether the
 * loss may touch keys it must never lose (group memberships and root keys).
 */
import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { findBlockEnd } from './crc32c.ts'
import { readLog } from './log-format.ts'
import { type ManifestState, parseCurrent, replayManifest } from './manifest.ts'
import { type BlockHandle, blockEntries, handleOf, NO_COMPRESSION, readBlock, readFooter, TRAILER_SIZE } from './table-format.ts'
import { varint } from './varint.ts'

/** A range of user keys that was lost: `(after, upTo]`; undefined bounds are open. */
export interface LostRange {
  /** Lost keys are greater than this. @default no lower bound */
  after?: string
  /** Lost keys are at most this. @default no upper bound */
  upTo?: string
  /** The file, and what was lost in it. */
  file: string
  /** Why. */
  reason: string
}

/** The newest surviving value of every key, and what was lost. */
export interface Salvage {
  /** Live entries: user key (latin1 of the bytes) → value. */
  entries: Map<string, Uint8Array>
  /** Lost key ranges. */
  lost: LostRange[]
  /** Table and log files read. */
  files: number
  /** Whether the MANIFEST could be read (it then chose the live files). */
  manifest: boolean
}

interface Entry { seq: number, value: Uint8Array | undefined }

const MAX_SEQUENCE = 2 ** 56 - 1

class Collector {
  readonly best = new Map<string, Entry>()
  add (key: string, seq: number, value: Uint8Array | undefined): void {
    const current = this.best.get(key)
    if (current === undefined || seq > current.seq) this.best.set(key, { seq, value })
  }
}

/** `(user key, sequence, type)` of an internal key. */
function internalKey (key: Uint8Array): { user: string, seq: number, type: number } | undefined {
  if (key.length < 8) return undefined
  const view = new DataView(key.buffer, key.byteOffset + key.length - 8, 8)
  const low = view.getUint32(0, true)
  const packed = view.getUint32(4, true) * 2 ** 32 + low
  const type = low & 0xff
  if (type > 1) return undefined
  return { user: Buffer.from(key.subarray(0, key.length - 8)).toString('latin1'), seq: Math.floor(packed / 256), type }
}

function addDataBlock (into: Collector, entries: Array<[Uint8Array, Uint8Array]>): void {
  for (const [key, value] of entries) {
    const parsed = internalKey(key)
    if (parsed === undefined || parsed.seq >= MAX_SEQUENCE) continue
    into.add(parsed.user, parsed.seq, parsed.type === 1 ? Uint8Array.from(value) : undefined)
  }
}

/** A data block's entries when its bounds, checksum and format are sound; undefined otherwise. */
function dataBlock (file: Uint8Array, h: BlockHandle | undefined): Array<[Uint8Array, Uint8Array]> | undefined {
  if (h === undefined) return undefined
  try {
    const block = readBlock(file, h, 'data block')
    return block.compressed ? undefined : blockEntries(block.contents)
  } catch {
    return undefined
  }
}

/** Reads a table through its index; false when the footer or the index is unusable. */
function tableByIndex (file: Uint8Array, name: string, into: Collector, lost: LostRange[]): boolean {
  const footer = readFooter(file)
  if (typeof footer === 'string') return false
  let index: Array<[Uint8Array, Uint8Array]>
  try {
    const block = readBlock(file, footer.index, 'index block')
    if (block.compressed) return false
    index = blockEntries(block.contents)
  } catch {
    return false
  }
  let after: string | undefined
  for (const [key, value] of index) {
    const upTo = internalKey(key)?.user
    const h = handleOf(value)
    const entries = dataBlock(file, h)
    if (entries === undefined) lost.push({ ...(after === undefined ? {} : { after }), ...(upTo === undefined ? {} : { upTo }), file: name, reason: `a data block ${h === undefined ? '' : `at ${h.offset} `}fails its checksum` })
    else addDataBlock(into, entries)
    after = upTo
  }
  return true
}

/** Reads a table's blocks one after another from its start (its footer or index is gone). */
function tableByScan (file: Uint8Array, name: string, into: Collector, lost: LostRange[], largest?: string): void {
  let pos = 0
  let last: string | undefined
  for (;;) {
    const end = findBlockEnd(file, pos, file.length)
    let entries: Array<[Uint8Array, Uint8Array]> | undefined
    try { entries = end === undefined || file[end] !== NO_COMPRESSION ? undefined : blockEntries(file.subarray(pos, end)) } catch {}
    // the index and meta-index blocks map keys to block handles: the data blocks are behind
    if (entries === undefined || entries.every(([, v]) => handleOf(v) !== undefined)) break
    addDataBlock(into, entries)
    const keys = entries.map(([k]) => internalKey(k)?.user).filter(k => k !== undefined)
    last = keys[keys.length - 1] ?? last
    pos = end! + TRAILER_SIZE
  }
  lost.push({ ...(last === undefined ? {} : { after: last }), ...(largest === undefined ? {} : { upTo: largest }), file: name, reason: 'its index is unreadable (truncated or overwritten): the blocks after the last readable one are lost' })
}

/** Applies a write-ahead log's batches (`seq (8) | count (4) | ops`). */
function applyLog (bytes: Uint8Array, name: string, into: Collector, lost: LostRange[]): void {
  const log = readLog(bytes)
  if (log.damage !== undefined) lost.push({ file: name, reason: `${log.damage.reason} at byte ${log.damage.offset}: the changes logged after it are lost` })
  for (const batch of log.records) {
    if (batch.length < 12) continue
    const view = new DataView(batch.buffer, batch.byteOffset, batch.byteLength)
    let seq = view.getUint32(4, true) * 2 ** 32 + view.getUint32(0, true)
    const at = { pos: 12 }
    try {
      while (at.pos < batch.length) {
        const type = batch[at.pos++]
        const keyLength = varint(batch, at, batch.length)
        const key = Buffer.from(batch.subarray(at.pos, at.pos + keyLength)).toString('latin1')
        at.pos += keyLength
        if (type === 1) {
          const valueLength = varint(batch, at, batch.length)
          into.add(key, seq, Uint8Array.from(batch.subarray(at.pos, at.pos + valueLength)))
          at.pos += valueLength
        } else if (type === 0) {
          into.add(key, seq, undefined)
        } else {
          throw new Error(`bad batch op ${type}`)
        }
        seq++
      }
    } catch {
      lost.push({ file: name, reason: 'a logged batch does not decode' })
    }
  }
}

/** The manifest CURRENT names; without a readable CURRENT, the newest manifest in the folder. */
async function manifestName (path: string, names: string[]): Promise<string | undefined> {
  const current = await readFile(join(path, 'CURRENT'), 'latin1').then(parseCurrent, () => undefined)
  if (current !== undefined) return current
  const manifests = names.filter(n => /^MANIFEST-\d+$/.test(n)).sort((a, b) => Number(a.slice(9)) - Number(b.slice(9)))
  return manifests[manifests.length - 1]
}

async function readManifest (path: string, names: string[]): Promise<ManifestState | undefined> {
  try {
    const name = await manifestName(path, names)
    if (name === undefined || !names.includes(name)) return undefined
    const log = readLog(await readFile(join(path, name)))
    return log.damage === undefined ? replayManifest(log.records) : undefined
  } catch {
    return undefined
  }
}

/**
 * Reads everything that can be read from the LevelDB folder `path`, without changing it. With
 * a readable MANIFEST (the one CURRENT names, else the newest) only its live tables and the
 * logs still to recover are read (and a missing table is a lost range); without one, every
 * table and log in the folder.
 */
export async function salvageLevelDb (path: string): Promise<Salvage> {
  const names = (await readdir(path)).sort()
  const manifest = await readManifest(path, names)
  const into = new Collector()
  const lost: LostRange[] = []
  let files = 0
  const tables = names.filter(n => /^\d+\.(ldb|sst)$/.test(n))
  const number = (n: string): number => Number(n.slice(0, n.indexOf('.')))
  for (const name of tables) {
    if (manifest !== undefined && !manifest.tables.has(number(name))) continue
    files++
    const file = new Uint8Array(await readFile(join(path, name)))
    if (!tableByIndex(file, name, into, lost)) tableByScan(file, name, into, lost, manifest?.tables.get(number(name))?.largest)
  }
  for (const table of manifest?.tables.values() ?? []) {
    // "after" is exclusive: a proper prefix of the smallest key sorts just before it
    if (!tables.some(n => number(n) === table.number)) lost.push({ after: table.smallest.slice(0, -1), upTo: table.largest, file: `${String(table.number).padStart(6, '0')}.ldb`, reason: 'missing' })
  }
  for (const name of names.filter(n => /^\d+\.log$/.test(n))) {
    if (manifest !== undefined && number(name) < manifest.logNumber && number(name) !== manifest.prevLogNumber) continue
    files++
    applyLog(new Uint8Array(await readFile(join(path, name))), name, into, lost)
  }
  const entries = new Map<string, Uint8Array>()
  for (const [key, entry] of into.best) if (entry.value !== undefined) entries.set(key, entry.value)
  return { entries, lost, files, manifest: manifest !== undefined }
}
