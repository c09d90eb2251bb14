/**
 * How the record store writes its datastore in batches. datastore-level's `batch()` collects
 * `{ type, key, value }` objects and hands the array to LevelDB, whose binding then reads three
 * properties of each object across the native boundary; abstract-level's chained batch takes each
 * operation as arguments instead: a 10k-record cold sync (30k operations) spends about a third
 * less of the event loop's time on its writes that way (measured: 77–92 ms against 122–129 ms).
 */
import { type Datastore, Key } from 'interface-datastore'
import { isLevelDatastore } from './datastore-reads.ts'

/** What the store uses of an abstract-level chained batch. */
interface ChainedBatch {
  put (key: string, value: Uint8Array): unknown
  del (key: string): unknown
  write (): Promise<void>
}

/** A batch of writes by key text (keys as `store-keys.ts` spells them), committed atomically. */
export interface TextKeyBatch {
  put (key: string, value: Uint8Array): void
  delete (key: string): void
  commit (): Promise<void>
}

/** A batch of `datastore`'s writes, committed atomically; on LevelDB a chained batch. */
export function writeBatch (datastore: Datastore): TextKeyBatch {
  const db = isLevelDatastore(datastore) ? (datastore.db as unknown as { batch?: () => ChainedBatch }) : undefined
  if (typeof db?.batch !== 'function') {
    const batch = datastore.batch()
    return {
      put (key, value) { batch.put(new Key(key, false), value) },
      delete (key) { batch.delete(new Key(key, false)) },
      async commit () { await batch.commit() }
    }
  }
  const chained = db.batch()
  return {
    put (key, value) { chained.put(key, value) },
    delete (key) { chained.del(key) },
    async commit () { await chained.write() }
  }
}
