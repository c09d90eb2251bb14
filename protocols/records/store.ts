/**
 * The group database on disk: signed records in an `interface-datastore` Datastore (LevelDB in
 * the node, memory in tests) with a type index and an expiry index (see `store-keys.ts`). Every
 * change is one `datastore.batch()`, so a record and its index entries change together or not at
 * all, and a write resolves only once its batch committed. Writes of one group are serialised.
 *
 * Costs: looking up a record that is not stored constructs nothing (`datastore-reads.ts`), and an
 * expiry sweep reads only what is due: a range scan of the expiry index where keys come in order
 * (LevelDB), an in-memory expiry queue per group otherwise (`expiry-queue.ts`, filled from the
 * index at the group's first sweep; the store must then be the only writer of its keys).
 *
 * Reads verify (`verifyReads`): LevelDB as classic-level opens it reads without block checksums,
 * so a record whose bytes changed on disk would be served as if intact. Records carry their own
 * signatures: one that no longer decodes or verifies is corruption (`DATASTORE_CORRUPT`), never
 * a record.
 */
import { PeerhoodError } from '../common/errors.ts'
import type { Datastore } from 'interface-datastore'
import { decodeRecord, type DecodedRecord } from './codec.ts'
import { supersedes } from './conflict.ts'
import { type TextKeyBatch, writeBatch } from './datastore-writes.ts'
import { entryBatches, getIfPresent, type GetIfPresent, getManyIfPresent, type GetManyIfPresent, isLevelDatastore, keyBatches } from './datastore-reads.ts'
import { type ExpiryEntry, ExpiryQueue } from './expiry-queue.ts'
import { KeyedLock } from './keyed-lock.ts'
import { corruptRecord, verifyStored } from './stored-check.ts'
import { expiresOfKey, expiresOfKeyText, expiryKeyText, expiryPrefix, groupPrefix, idOfKey, idOfKeyText, recordKeyText, recordsPrefix, typeKeyText, typePrefix } from './store-keys.ts'

/** Options of a {@link RecordStore}. */
export interface RecordStoreInit {
  /**
   * Whether the datastore's prefix queries yield keys in byte order (LevelDB does, memory does
   * not): then expiry sweeps are range scans that stop at the first unexpired key; otherwise the
   * store keeps each group's expiry order in memory.
   * @default true for a `LevelDatastore`, false otherwise
   */
  orderedKeys?: boolean
  /**
   * Whether every record read is checked (it decodes, is the record its key names, and its
   * signature verifies, or, in a whole-group listing, it hashes to what the expiry index keeps)
   * before it is returned. A read that fails is `DATASTORE_CORRUPT`.
   * @default true for a `LevelDatastore` (a disk can change bytes), false otherwise
   */
  verifyReads?: boolean
}

/** Options of {@link RecordStore.list} and {@link RecordStore.count}. */
export interface ListOptions {
  /** Only records of this type. @default every type */
  type?: string
  /** Include tombstones (only without `type`: tombstones are not in the type index). @default false */
  includeDeleted?: boolean
}

/** One entry of {@link RecordStore.hashes}. */
export interface RecordHashEntry {
  /** Record id (32 hex). */
  id: string
  /** Record hash (sha256 of the SignedRecord). */
  hash: Uint8Array
  /** When it expires, ms since the epoch. */
  expires: number
}

const EMPTY = new Uint8Array(0)

/**
 * Adds to `batch` the writes that replace `current` (if any) by `decoded`, index entries included.
 * `keepsValues`: the datastore keeps the value objects it is given (memory), so a view into a
 * larger message (a gossip bundle, a sync page) is copied rather than pinning the message;
 * LevelDB copies every value into its write batch anyway.
 */
function writeOps (batch: TextKeyBatch, decoded: DecodedRecord, current: DecodedRecord | undefined, keepsValues: boolean): void {
  const { record } = decoded
  const { groupId, id } = record
  const bytes = !keepsValues || decoded.bytes.byteLength === decoded.bytes.buffer.byteLength ? decoded.bytes : Uint8Array.from(decoded.bytes)
  const typeKey = record.deleted ? undefined : typeKeyText(groupId, record.type, id)
  const expiryKey = expiryKeyText(groupId, record.expires, id)
  batch.put(recordKeyText(groupId, id), bytes)
  batch.put(expiryKey, decoded.hash)
  if (typeKey !== undefined) batch.put(typeKey, EMPTY)
  if (current === undefined) return
  const old = current.record
  // some datastores (datastore-core's) apply a batch's puts before its deletes: never delete a key that is put again
  const oldExpiry = expiryKeyText(groupId, old.expires, id)
  if (oldExpiry !== expiryKey) batch.delete(oldExpiry)
  if (!old.deleted) {
    const oldType = typeKeyText(groupId, old.type, id)
    if (oldType !== typeKey) batch.delete(oldType)
  }
}

/** Signed records of any number of groups, indexed by type and expiry. */
export class RecordStore {
  private readonly datastore: Datastore
  private readonly ordered: boolean
  private readonly verifyReads: boolean
  /** Whether the datastore keeps the values it is given (not LevelDB): see `writeOps`. */
  private readonly keepsValues: boolean
  private readonly getIfPresent: GetIfPresent
  private readonly getManyIfPresent: GetManyIfPresent
  /** Expiry order per group, for unordered datastores (a group's appears at its first sweep). */
  private readonly queues = new Map<string, ExpiryQueue>()
  private readonly lock = new KeyedLock()

  constructor (datastore: Datastore, init: RecordStoreInit = {}) {
    this.datastore = datastore
    this.ordered = init.orderedKeys ?? isLevelDatastore(datastore)
    this.verifyReads = init.verifyReads ?? isLevelDatastore(datastore)
    this.keepsValues = !isLevelDatastore(datastore)
    this.getIfPresent = getIfPresent(datastore)
    this.getManyIfPresent = getManyIfPresent(datastore)
  }

  /** Decodes stored bytes, checking them when reads verify (`hash`: what the expiry index says they hash to). */
  private decode (groupId: string, id: string, bytes: Uint8Array, hash?: Uint8Array): DecodedRecord {
    if (this.verifyReads) return verifyStored(groupId, id, bytes, hash)
    try {
      return decodeRecord(bytes)
    } catch (err) {
      throw corruptRecord(groupId, id, 'it no longer decodes', err)
    }
  }

  /**
   * The stored version of a record (tombstones included), or undefined. Throws `DATASTORE_CORRUPT`.
   * `options.hash`: the hash this store's own expiry index gave for it (a sync session serving
   * what it listed); bytes that hash to it need no signature check (see `verifyStored`).
   */
  async get (groupId: string, id: string, options: { hash?: Uint8Array } = {}): Promise<DecodedRecord | undefined> {
    const bytes = await this.getIfPresent(recordKeyText(groupId, id))
    return bytes === undefined ? undefined : this.decode(groupId, id, bytes, options.hash)
  }

  /**
   * The stored versions of several records of one group (tombstones included), in one read where
   * the datastore allows it (LevelDB). Throws `DATASTORE_CORRUPT` as {@link get}; `options.hashes`:
   * for each id, the `hash` {@link get} takes.
   */
  async getMany (groupId: string, ids: readonly string[], options: { hashes?: ReadonlyArray<Uint8Array | undefined> } = {}): Promise<Array<DecodedRecord | undefined>> {
    const values = await this.getManyIfPresent(ids.map(id => recordKeyText(groupId, id)))
    return values.map((bytes, i) => bytes === undefined ? undefined : this.decode(groupId, ids[i]!, bytes, options.hashes?.[i]))
  }

  /**
   * Stores a record if it wins the conflict order over the stored version (or there is none),
   * atomically with its index entries. Resolves once committed: true if it changed the store.
   */
  async put (decoded: DecodedRecord): Promise<boolean> {
    const { groupId, id } = decoded.record
    return this.lock.run(groupId, async () => {
      const current = await this.get(groupId, id)
      if (!supersedes(decoded, current)) return false
      const batch = writeBatch(this.datastore)
      writeOps(batch, decoded, current, this.keepsValues)
      await batch.commit()
      this.queues.get(groupId)?.set(id, decoded.record.expires)
      return true
    })
  }

  /**
   * {@link put} for several records of one group with distinct ids, in one read of their stored
   * versions and one atomic write (a sync page, where a read and a commit per record were the
   * cost). Each is stored only if it wins over its stored version; resolves with, for each, whether
   * it changed the store.
   */
  async putMany (records: readonly DecodedRecord[]): Promise<boolean[]> {
    if (records.length === 0) return []
    const groupId = records[0]!.record.groupId
    const ids = records.map(({ record }) => record.id)
    if (records.some(({ record }) => record.groupId !== groupId) || new Set(ids).size !== ids.length) {
      throw new PeerhoodError('INTERNAL', 'putMany takes records of one group with distinct ids')
    }
    return this.lock.run(groupId, async () => {
      const currents = await this.getMany(groupId, ids)
      const wins = records.map((decoded, i) => supersedes(decoded, currents[i]))
      if (!wins.includes(true)) return wins
      const batch = writeBatch(this.datastore)
      records.forEach((decoded, i) => { if (wins[i]) writeOps(batch, decoded, currents[i], this.keepsValues) })
      await batch.commit()
      const queue = this.queues.get(groupId)
      if (queue !== undefined) records.forEach(({ record }, i) => { if (wins[i]) queue.set(record.id, record.expires) })
      return wins
    })
  }

  /**
   * Stores new records of one group in one atomic write with their index entries: bulk import,
   * where one commit (and one read) per record would be the cost. Their ids must be fresh (this
   * creator's tag and 8 bytes from the CSPRNG), so nothing is stored under them and no read is made.
   */
  async putNew (records: readonly DecodedRecord[]): Promise<void> {
    if (records.length === 0) return
    const groupId = records[0]!.record.groupId
    await this.lock.run(groupId, async () => {
      const batch = writeBatch(this.datastore)
      for (const decoded of records) {
        const { record } = decoded
        if (record.groupId !== groupId) throw new PeerhoodError('INTERNAL', 'putNew takes records of one group')
        batch.put(recordKeyText(groupId, record.id), decoded.bytes)
        batch.put(expiryKeyText(groupId, record.expires, record.id), decoded.hash)
        if (!record.deleted) batch.put(typeKeyText(groupId, record.type, record.id), EMPTY)
      }
      await batch.commit()
      const queue = this.queues.get(groupId)
      if (queue !== undefined) for (const { record } of records) queue.set(record.id, record.expires)
    })
  }

  /** Records of a group, optionally of one type (live ones unless `includeDeleted`). Throws `DATASTORE_CORRUPT`. */
  async * list (groupId: string, options: ListOptions = {}): AsyncGenerator<DecodedRecord> {
    if (options.type !== undefined) {
      for await (const key of this.datastore.queryKeys({ prefix: typePrefix(groupId, options.type) })) {
        const found = await this.get(groupId, idOfKey(key))
        if (found !== undefined && !found.record.deleted) yield found
      }
      return
    }
    // one scan of the expiry index spares a signature check per record (see verifyStored)
    const hashes = new Map<string, Uint8Array>()
    if (this.verifyReads) for await (const { key, value } of this.datastore.query({ prefix: expiryPrefix(groupId) })) hashes.set(idOfKey(key), value)
    for await (const { key, value } of this.datastore.query({ prefix: recordsPrefix(groupId) })) {
      const id = idOfKey(key)
      const found = this.decode(groupId, id, value, hashes.get(id))
      if (options.includeDeleted === true || !found.record.deleted) yield found
    }
  }

  /**
   * A group's live records as `<type, URI-encoded>/<id>` text, in batches, from the type index
   * (all types, or one): nothing decoded.
   */
  async * liveKeyBatches (groupId: string, type?: string): AsyncGenerator<string[]> {
    const strip = typePrefix(groupId).length
    for await (const batch of keyBatches(this.datastore, typePrefix(groupId, type))) yield batch.map(key => key.slice(strip))
  }

  /** How many records a group holds (read from the indexes, nothing decoded). */
  async count (groupId: string, options: ListOptions = {}): Promise<number> {
    const prefix = options.type !== undefined
      ? typePrefix(groupId, options.type)
      : options.includeDeleted === true ? recordsPrefix(groupId) : typePrefix(groupId)
    let n = 0
    for await (const batch of keyBatches(this.datastore, prefix)) n += batch.length
    return n
  }

  /** (id, hash, expires) of every record and tombstone not expired at `now`, from the expiry index. */
  async * hashes (groupId: string, options: { now: number }): AsyncGenerator<RecordHashEntry> {
    for await (const batch of entryBatches(this.datastore, expiryPrefix(groupId))) {
      for (const [key, value] of batch) {
        const expires = expiresOfKeyText(key)
        if (expires > options.now) yield { id: idOfKeyText(key), hash: value, expires }
      }
    }
  }

  /** The expiry index entries due at `now`, read in key order: a range scan. */
  private async orderedDue (groupId: string, now: number): Promise<ExpiryEntry[]> {
    const due: ExpiryEntry[] = []
    for await (const key of this.datastore.queryKeys({ prefix: expiryPrefix(groupId) })) {
      const expires = expiresOfKey(key)
      if (expires > now) break
      due.push({ id: idOfKey(key), expires })
    }
    return due
  }

  /** A group's expiry queue, filled from its expiry index the first time (call under the group's lock). */
  private async queueOf (groupId: string): Promise<ExpiryQueue> {
    let queue = this.queues.get(groupId)
    if (queue === undefined) {
      queue = new ExpiryQueue()
      for await (const key of this.datastore.queryKeys({ prefix: expiryPrefix(groupId) })) queue.set(idOfKey(key), expiresOfKey(key))
      this.queues.set(groupId, queue)
    }
    return queue
  }

  /**
   * Removes every record and tombstone of a group that expired at `now` (expires ≤ now), in one
   * batch; resolves with the removed records.
   */
  async expire (groupId: string, now: number): Promise<DecodedRecord[]> {
    return this.lock.run(groupId, async () => {
      const queue = this.ordered ? undefined : await this.queueOf(groupId)
      const due = queue === undefined ? await this.orderedDue(groupId, now) : queue.takeDue(now)
      if (due.length === 0) return []
      const removed: DecodedRecord[] = []
      const batch = writeBatch(this.datastore)
      try {
        for (const { id, expires } of due) {
          batch.delete(expiryKeyText(groupId, expires, id))
          const found = await this.get(groupId, id)
          if (found === undefined || found.record.expires !== expires) continue
          batch.delete(recordKeyText(groupId, id))
          if (!found.record.deleted) batch.delete(typeKeyText(groupId, found.record.type, id))
          removed.push(found)
        }
        await batch.commit()
      } catch (err) {
        // nothing was removed: the records are due at the next sweep
        for (const { id, expires } of due) queue?.set(id, expires)
        throw err
      }
      return removed
    })
  }

  /**
   * Removes one record (or tombstone) outright, with its index entries: for versions this node
   * must no longer hold (issue 15: a revoked member's versions made after its revocation).
   * Resolves with whether there was one.
   */
  async remove (groupId: string, id: string): Promise<boolean> {
    return this.lock.run(groupId, async () => {
      const found = await this.get(groupId, id)
      if (found === undefined) return false
      const batch = writeBatch(this.datastore)
      batch.delete(recordKeyText(groupId, id))
      batch.delete(expiryKeyText(groupId, found.record.expires, id))
      if (!found.record.deleted) batch.delete(typeKeyText(groupId, found.record.type, id))
      await batch.commit()
      this.queues.get(groupId)?.delete(id)
      return true
    })
  }

  /** Removes everything of a group; resolves with the number of keys removed. */
  async deleteGroup (groupId: string): Promise<number> {
    return this.lock.run(groupId, async () => {
      const keys: string[] = []
      for await (const batch of keyBatches(this.datastore, groupPrefix(groupId))) keys.push(...batch)
      const batch = writeBatch(this.datastore)
      for (const key of keys) batch.delete(key)
      if (keys.length > 0) await batch.commit()
      this.queues.delete(groupId)
      return keys.length
    })
  }
}
