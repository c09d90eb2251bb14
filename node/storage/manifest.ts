/**
 * LevelDB's `CURRENT` and `MANIFEST`: which manifest is current, and the version edits in it,
 * replayed into the set of live table files (number, level, size) and the write-ahead logs
 * still to recover. Only what checking a store needs is decoded.
 */
import { varint } from './varint.ts'

/** A live table file as the manifest records it. */
export interface TableFileInfo {
  /** File number: the table is `NNNNNN.ldb` (or `.sst`). */
  number: number
  /** Level in the LSM tree. */
  level: number
  /** Size the manifest recorded, in bytes. */
  size: number
  /** Its smallest user key (latin1 of the bytes). */
  smallest: string
  /** Its largest user key (latin1 of the bytes). */
  largest: string
}

/** The state a manifest describes. */
export interface ManifestState {
  /** Live table files, by number. */
  tables: Map<number, TableFileInfo>
  /** Logs numbered at least this are recovered at open. */
  logNumber: number
  /** An older log still to recover (0: none). */
  prevLogNumber: number
}

const TAG = { comparator: 1, logNumber: 2, nextFile: 3, lastSequence: 4, compactPointer: 5, deletedFile: 6, newFile: 7, prevLogNumber: 9 } as const

class Cursor {
  pos = 0
  constructor (private readonly bytes: Uint8Array) {}
  get done (): boolean { return this.pos >= this.bytes.length }

  varint (): number {
    return varint(this.bytes, this)
  }

  slice (): Uint8Array {
    const length = this.varint()
    if (this.pos + length > this.bytes.length) throw new Error('truncated slice')
    const out = this.bytes.subarray(this.pos, this.pos + length)
    this.pos += length
    return out
  }
}

/** The user key of an internal key (which ends with 8 bytes of sequence number and type). */
function userKey (internal: Uint8Array): string {
  return Buffer.from(internal.subarray(0, Math.max(0, internal.length - 8))).toString('latin1')
}

/** The manifest file `CURRENT` names, or undefined when its content is not a manifest name. */
export function parseCurrent (text: string): string | undefined {
  const name = text.endsWith('\n') ? text.slice(0, -1) : text
  return /^MANIFEST-\d+$/.test(name) ? name : undefined
}

/** Replays a manifest's version edits (its log records); throws on an edit it cannot decode. */
export function replayManifest (edits: Uint8Array[]): ManifestState {
  const state: ManifestState = { tables: new Map(), logNumber: 0, prevLogNumber: 0 }
  for (const edit of edits) {
    const c = new Cursor(edit)
    while (!c.done) {
      const tag = c.varint()
      switch (tag) {
        case TAG.comparator: c.slice(); break
        case TAG.logNumber: state.logNumber = c.varint(); break
        case TAG.prevLogNumber: state.prevLogNumber = c.varint(); break
        case TAG.nextFile: case TAG.lastSequence: c.varint(); break
        case TAG.compactPointer: c.varint(); c.slice(); break
        case TAG.deletedFile: { c.varint(); state.tables.delete(c.varint()); break }
        case TAG.newFile: {
          const level = c.varint()
          const number = c.varint()
          const size = c.varint()
          const smallest = userKey(c.slice())
          const largest = userKey(c.slice())
          state.tables.set(number, { number, level, size, smallest, largest })
          break
        }
        default: throw new Error(`unknown version edit tag ${tag}`)
      }
    }
  }
  return state
}
