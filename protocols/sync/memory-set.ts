/**
 * A {@link SyncSet} held in memory, for tests, benchmarks and embedders without a store.
 * Records are opaque bytes; by default their first 16 bytes are the id and the next 8 the
 * expiry (ms, big-endian), as {@link memoryRecord} lays them out.
 */
import { createHash } from 'node:crypto'
import type { ApplyResult, SyncItem, SyncSet } from './types.ts'

/** Id and expiry of a record, or undefined if it is not a record. */
export type DescribeRecord = (record: Uint8Array) => { id: Uint8Array, expires: number } | undefined

/** Options of {@link MemorySyncSet}. */
export interface MemorySyncSetInit {
  /** Reads a record's id and expiry. @default the {@link memoryRecord} layout */
  describe?: DescribeRecord
  /** The rules: whether to accept a received record. @default accept every record */
  accept?: (record: Uint8Array) => boolean
}

/** Lays out a record as `id (16) || expires (8, big-endian ms) || payload`. */
export function memoryRecord (id: Uint8Array, expires: number, payload: Uint8Array = new Uint8Array(0)): Uint8Array {
  const record = new Uint8Array(24 + payload.byteLength)
  record.set(id.subarray(0, 16))
  new DataView(record.buffer).setBigUint64(16, BigInt(expires))
  record.set(payload, 24)
  return record
}

/** Reads the {@link memoryRecord} layout. */
export const describeMemoryRecord: DescribeRecord = record => {
  if (record.byteLength < 24) return undefined
  const expires = Number(new DataView(record.buffer, record.byteOffset, record.byteLength).getBigUint64(16))
  return { id: record.subarray(0, 16), expires }
}

/** The content hash of a record: SHA-256 of its bytes. */
export function contentHash (record: Uint8Array): Uint8Array {
  return new Uint8Array(createHash('sha256').update(record).digest())
}

function key (hash: Uint8Array): string {
  return Buffer.from(hash.buffer, hash.byteOffset, hash.byteLength).toString('hex')
}

/** An in-memory set of records keyed by content hash. */
export class MemorySyncSet implements SyncSet {
  readonly #records = new Map<string, { item: SyncItem, record: Uint8Array }>()
  readonly #describe: DescribeRecord
  readonly #accept: (record: Uint8Array) => boolean

  /** An empty set. */
  constructor (init: MemorySyncSetInit = {}) {
    this.#describe = init.describe ?? describeMemoryRecord
    this.#accept = init.accept ?? (() => true)
  }

  /** Records held, expired ones included. */
  get size (): number {
    return this.#records.size
  }

  /** Adds a record without the rules; returns its content hash, or undefined if it is not a record. */
  add (record: Uint8Array): Uint8Array | undefined {
    const hash = contentHash(record)
    return this.#add(record, hash, key(hash)) ? hash : undefined
  }

  #add (record: Uint8Array, hash: Uint8Array, k: string): boolean {
    const described = this.#describe(record)
    if (described === undefined) return false
    this.#records.set(k, { item: { id: described.id, hash, expires: described.expires }, record })
    return true
  }

  /** Whether a record with this content hash is held. */
  has (hash: Uint8Array): boolean {
    return this.#records.has(key(hash))
  }

  /** Removes a record by content hash. */
  delete (hash: Uint8Array): boolean {
    return this.#records.delete(key(hash))
  }

  /** Content hashes of the live records at `cutoff`, as lowercase hex, sorted. */
  liveKeys (cutoff: number): string[] {
    const keys: string[] = []
    for (const [k, { item }] of this.#records) if (item.expires > cutoff) keys.push(k)
    return keys.sort()
  }

  /** Live items: those with `expires > cutoff`. */
  * items (cutoff: number): Iterable<SyncItem> {
    for (const { item } of this.#records.values()) {
      if (item.expires > cutoff) yield item
    }
  }

  /** The record with this content hash. */
  async get (hash: Uint8Array): Promise<Uint8Array | undefined> {
    return this.#records.get(key(hash))?.record
  }

  /** Adds the records `accept` allows and this set lacks; the others count as rejected. */
  async apply (records: Uint8Array[]): Promise<ApplyResult> {
    let accepted = 0
    let rejected = 0
    for (const record of records) {
      const hash = contentHash(record)
      const k = key(hash)
      if (!this.#accept(record) || this.#records.has(k) || !this.#add(record, hash, k)) rejected++
      else accepted++
    }
    return { accepted, rejected }
  }
}
