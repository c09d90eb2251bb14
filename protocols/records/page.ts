/**
 * One page of a group's live records, for views that scroll through databases too large to
 * load whole (the dashboard's records table). The page is cut from the type index, which holds
 * keys only, so only the page's own records are read and decoded.
 */
import { RESERVED_TYPE_PREFIX } from './constants.ts'
import type { GroupDatabase } from './database.ts'
import type { GroupRecord } from './types.ts'

/** Largest page. */
export const MAX_PAGE_SIZE = 1000

/** Options of {@link pageRecords}. */
export interface RecordPageOptions {
  /** Records to skip. @default 0 */
  offset?: number
  /** Records in the page, at most {@link MAX_PAGE_SIZE}. @default 100 */
  limit?: number
  /** Only this type (reserved `peerhood.*` types are listed only this way). @default every type */
  type?: string
}

/** One page and the total it was cut from. */
export interface RecordPage {
  /** Live records matching the options, all pages together. */
  total: number
  /** Index of the page's first record. */
  offset: number
  /** The page, ordered by type then id (LevelDB) or by arrival (memory). */
  records: GroupRecord[]
}

/**
 * The last listing read per database: the keys of one type (or all), kept until the database
 * changes, so scrolling reads the index once rather than once per page. One listing per database
 * (about 50 bytes per record) bounds the memory.
 */
const listings = new WeakMap<GroupDatabase, { type: string | undefined, keys: string[] }>()

/** Changes seen per database: a listing read while one happened is not kept. */
const generations = new WeakMap<GroupDatabase, number>()

async function listing (db: GroupDatabase, type: string | undefined): Promise<string[]> {
  const cached = listings.get(db)
  if (cached !== undefined && cached.type === type) return cached.keys
  if (!generations.has(db)) {
    generations.set(db, 0)
    db.addEventListener('record:changed', () => {
      generations.set(db, (generations.get(db) ?? 0) + 1)
      listings.delete(db)
    })
  }
  const generation = generations.get(db)
  const keys: string[] = []
  for await (const batch of db.store.liveKeyBatches(db.groupId, type)) {
    // an encoded type keeps the reserved prefix as it is (letters and a dot)
    for (const key of batch) if (type !== undefined || !key.startsWith(RESERVED_TYPE_PREFIX)) keys.push(key)
  }
  if (generations.get(db) === generation) listings.set(db, { type, keys })
  return keys
}

/** A page of `db`'s live records. */
export async function pageRecords (db: GroupDatabase, options: RecordPageOptions = {}): Promise<RecordPage> {
  const offset = Math.max(0, Math.floor(options.offset ?? 0))
  const limit = Math.min(MAX_PAGE_SIZE, Math.max(0, Math.floor(options.limit ?? 100)))
  const keys = await listing(db, options.type)
  const records: GroupRecord[] = []
  for (const key of keys.slice(offset, offset + limit)) {
    const found = await db.store.get(db.groupId, key.slice(key.lastIndexOf('/') + 1))
    // a record deleted since its key was read is left out of the page
    if (found !== undefined && !found.record.deleted) records.push(found.record)
  }
  return { total: keys.length, offset, records }
}
