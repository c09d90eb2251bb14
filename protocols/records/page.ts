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

/** A page of `db`'s live records. */
export async function pageRecords (db: GroupDatabase, options: RecordPageOptions = {}): Promise<RecordPage> {
  const offset = Math.max(0, Math.floor(options.offset ?? 0))
  const limit = Math.min(MAX_PAGE_SIZE, Math.max(0, Math.floor(options.limit ?? 100)))
  const ids: string[] = []
  let total = 0
  for await (const batch of db.store.liveKeyBatches(db.groupId, options.type)) {
    for (const key of batch) {
      // an encoded type keeps the reserved prefix as it is (letters and a dot)
      if (options.type === undefined && key.startsWith(RESERVED_TYPE_PREFIX)) continue
      if (total >= offset && ids.length < limit) ids.push(key.slice(key.lastIndexOf('/') + 1))
      total++
    }
  }
  const records: GroupRecord[] = []
  for (const id of ids) {
    const found = await db.store.get(db.groupId, id)
    // a record deleted since its key was read is left out of the page
    if (found !== undefined && !found.record.deleted) records.push(found.record)
  }
  return { total, offset, records }
}
