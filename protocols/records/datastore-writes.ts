/**
 * How the record store writes its datastore in batches. datastore-level's `batch()` collects
 * `{ type, key, value }` objects and hands the array to LevelDB, whose binding then reads three
 * properties of each object across the native boundary; abstract-level's chained batch takes each
 * operation as arguments instead: a 10k-record cold sync (30k operations) spends about a third
 * less of the event loop's time on its writes that way (measured: 77–92 ms against 122–129 ms).
 */
import type { Batch, Datastore, Key } from 'interface-datastore'
import { isLevelDatastore } from './datastore-reads.ts'

/** What the store uses of an abstract-level chained batch. */
interface ChainedBatch {
  put (key: string, value: Uint8Array): unknown
  del (key: string): unknown
  write (): Promise<void>
}

/** A batch of `datastore`'s writes, committed atomically; on LevelDB a chained batch. */
export function writeBatch (datastore: Datastore): Batch {
  const db = isLevelDatastore(datastore) ? (datastore.db as unknown as { batch?: () => ChainedBatch }) : undefined
  if (typeof db?.batch !== 'function') return datastore.batch()
  const chained = db.batch()
  return {
    put (key: Key, value: Uint8Array) { chained.put(key.toString(), value) },
    delete (key: Key) { chained.del(key.toString()) },
    async commit () { await chained.write() }
  }
}
