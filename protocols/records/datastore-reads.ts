/**
 * How the record store reads its datastore. interface-datastore's `get` throws a `NotFoundError`
 * (an Error, stack and all) for a missing key, and ingress looks up a stored version that is not
 * there for every new record it sees, twice; so the store reads through {@link getIfPresent},
 * which answers undefined for a miss without constructing anything.
 */
import { type Datastore, Key } from 'interface-datastore'

/** A datastore read by key text that answers undefined for a missing key. */
export type GetIfPresent = (key: string) => Promise<Uint8Array | undefined>

/** What the store uses of datastore-level's `LevelDatastore`: its abstract-level database. */
interface LevelDatastoreLike extends Datastore {
  db: {
    get (key: string): Promise<Uint8Array | undefined>
    getMany (keys: string[]): Promise<Array<Uint8Array | undefined>>
    keys (options: { gte: string, lt: string, keyEncoding: 'utf8' }): { nextv (size: number): Promise<string[]>, close (): Promise<void> }
    iterator (options: { gte: string, lt: string, keyEncoding: 'utf8', valueEncoding: 'view' }): { nextv (size: number): Promise<Array<[string, Uint8Array]>>, close (): Promise<void> }
  }
}

/**
 * Whether `datastore` is datastore-level's `LevelDatastore`, told by name so that protocols do
 * not load LevelDB. Its prefix queries yield keys in byte order.
 */
export function isLevelDatastore (datastore: Datastore): datastore is LevelDatastoreLike {
  return datastore.constructor?.name === 'LevelDatastore' && typeof (datastore as Partial<LevelDatastoreLike>).db?.get === 'function'
}

function isNotFound (err: unknown): boolean {
  return (err as Error | undefined)?.name === 'NotFoundError'
}

/** The cheapest read of `datastore` that answers undefined for a missing key. */
export function getIfPresent (datastore: Datastore): GetIfPresent {
  if (isLevelDatastore(datastore)) {
    // the read LevelDatastore.get makes (abstract-level answers undefined for a missing key), without its NotFoundError
    const { db } = datastore
    return async key => (await db.get(key)) ?? undefined
  }
  // `has` is the interface's existence check that allocates nothing (a Map lookup in the memory datastore)
  return async text => {
    const key = new Key(text, false)
    if (!(await datastore.has(key))) return undefined
    try {
      return await datastore.get(key)
    } catch (err) {
      if (isNotFound(err)) return undefined // removed in between
      throw err
    }
  }
}

/** Several datastore reads by key text at once, answering undefined for each missing key. */
export type GetManyIfPresent = (keys: readonly string[]) => Promise<Array<Uint8Array | undefined>>

/**
 * The cheapest read of several keys of `datastore`: on LevelDB one native call (one snapshot, one
 * trip to the thread pool) for all of them; a cold sync's page would otherwise make one per record.
 */
export function getManyIfPresent (datastore: Datastore): GetManyIfPresent {
  if (isLevelDatastore(datastore) && typeof datastore.db.getMany === 'function') {
    const { db } = datastore
    return async keys => keys.length === 0 ? [] : (await db.getMany(keys as string[])).map(value => value ?? undefined)
  }
  const one = getIfPresent(datastore)
  return async keys => Promise.all(keys.map(one))
}

/** Keys read from LevelDB per native call. */
const KEY_BATCH = 4096

/**
 * Every key under `prefix`, as text, in batches, in the datastore's order. On LevelDB this reads
 * the keys in native batches without wrapping each in a `Key` (a page of the dashboard's records
 * table counts 100k of them in a fraction of the time a `queryKeys` takes).
 */
export async function * keyBatches (datastore: Datastore, prefix: string): AsyncGenerator<string[]> {
  if (isLevelDatastore(datastore) && typeof datastore.db.keys === 'function') {
    const iterator = datastore.db.keys({ gte: prefix, lt: `${prefix}\xFF`, keyEncoding: 'utf8' })
    try {
      for (let batch = await iterator.nextv(KEY_BATCH); batch.length > 0; batch = await iterator.nextv(KEY_BATCH)) yield batch
    } finally {
      await iterator.close()
    }
    return
  }
  let batch: string[] = []
  for await (const key of datastore.queryKeys({ prefix })) {
    batch.push(key.toString())
    if (batch.length >= KEY_BATCH) {
      yield batch
      batch = []
    }
  }
  if (batch.length > 0) yield batch
}

/**
 * Every entry under `prefix` as (key text, value), in batches, in the datastore's order. On
 * LevelDB native batches of entries, without a `Key` or a result object for each: a sync session
 * lists a group's 10k expiry-index entries this way before every reconciliation.
 */
export async function * entryBatches (datastore: Datastore, prefix: string): AsyncGenerator<Array<[string, Uint8Array]>> {
  if (isLevelDatastore(datastore) && typeof datastore.db.iterator === 'function') {
    const iterator = datastore.db.iterator({ gte: prefix, lt: `${prefix}\xFF`, keyEncoding: 'utf8', valueEncoding: 'view' })
    try {
      for (let batch = await iterator.nextv(KEY_BATCH); batch.length > 0; batch = await iterator.nextv(KEY_BATCH)) yield batch
    } finally {
      await iterator.close()
    }
    return
  }
  let batch: Array<[string, Uint8Array]> = []
  for await (const { key, value } of datastore.query({ prefix })) {
    batch.push([key.toString(), value])
    if (batch.length >= KEY_BATCH) {
      yield batch
      batch = []
    }
  }
  if (batch.length > 0) yield batch
}
