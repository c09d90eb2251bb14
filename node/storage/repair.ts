/**
 * `peerhood repair`: rebuilds a damaged datastore from what still verifies, so that the groups
 * can send back the rest.
 *
 * 1. Salvage: every key LevelDB's files still hold with a matching checksum (`salvage.ts`).
 * 2. Refuse to go on when the loss may touch what no group can send back: the memberships and
 *    group root keys (`/peerhood/groups/…`); the identity files are checked when the data
 *    directory opens. Nothing is changed then.
 * 3. Re-validate: each membership decodes and its root key is its group's; each record decodes,
 *    is the record its key names and its signature verifies; records of no membership go.
 * 4. Rebuild the type and expiry indexes from the records kept.
 * 5. Mark not synchronised every group that may have lost something, so its next connection
 *    to a member re-fetches it (the node starts the sync of a group not synchronised).
 * 6. Write the result into a new LevelDB, then swap it in; the damaged folder is kept beside
 *    it as `datastore.damaged-<time>` (repair deletes nothing).
 */
import { randomBytes } from 'node:crypto'
import { existsSync } from 'node:fs'
import { rename, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { LevelDatastore } from 'datastore-level'
import { PeerhoodError } from '../../protocols/common/errors.ts'
import { unwritable } from '../data-dir/fs.ts'
import { DATASTORE_DIR } from '../data-dir/layout.ts'
import { openDataDir } from '../data-dir/open.ts'
import { locked } from './errors.ts'
import { lockHolder } from './lock-holder.ts'
import { type DroppedRecord, type GroupRepair, planRepair } from './repair-plan.ts'
import { type LostRange, salvageLevelDb } from './salvage.ts'

export type { DroppedRecord, GroupRepair } from './repair-plan.ts'

/** What {@link repairDataDir} did. */
export interface RepairReport {
  /** The data directory. */
  dataDir: string
  /** Where the damaged datastore was moved (kept, not deleted). */
  damagedCopy: string
  /** Table and log files read. */
  filesRead: number
  /** Whether LevelDB's MANIFEST was readable. */
  manifestReadable: boolean
  /** Key ranges that could not be read. */
  lost: LostRange[]
  /** Keys written to the new datastore. */
  keysWritten: number
  /** Per group. */
  groups: GroupRepair[]
  /** Records dropped (at most the first 1000). */
  dropped: DroppedRecord[]
}

/**
 * Repairs the datastore of the data directory `dir` (no node may run on it: repair takes its
 * lock). `options.now` names the damaged copy (default: the clock). Codes: `DATA_DIR_LOCKED`,
 * `DATASTORE_LOCKED`, `NOT_FOUND` (no datastore), `INVALID_IDENTITY` (a damaged identity: repair
 * stops), `DATASTORE_CORRUPT` (a damaged membership or root key, or a loss that may touch one:
 * repair stops and changes nothing), `DATA_DIR_READ_ONLY`, `DATA_DIR_UNWRITABLE`.
 */
export async function repairDataDir (dir: string, options: { now?: number } = {}): Promise<RepairReport> {
  const opened = await openDataDir(dir, { create: false })
  try {
    const datastore = join(opened.path, DATASTORE_DIR)
    const lockFile = join(datastore, 'LOCK')
    const holder = await lockHolder(lockFile)
    if (holder !== undefined) throw locked(datastore, lockFile, holder)
    if (!existsSync(datastore)) throw new PeerhoodError('NOT_FOUND', `${datastore} does not exist: there is nothing to repair`, { details: { path: datastore } })
    const salvage = await salvageLevelDb(datastore)
    const plan = await planRepair(salvage, datastore)
    const damagedCopy = await swapIn(datastore, plan.output, options.now ?? Date.now())
    return {
      dataDir: opened.path,
      damagedCopy,
      filesRead: salvage.files,
      manifestReadable: salvage.manifest,
      lost: salvage.lost,
      keysWritten: plan.output.size,
      groups: plan.groups,
      dropped: plan.dropped
    }
  } catch (err) {
    const { code, path } = err as NodeJS.ErrnoException
    if (err instanceof PeerhoodError || code === undefined) throw err
    throw unwritable(path ?? opened.path, err, 'repair')
  } finally {
    await opened.release()
  }
}

/** Writes `entries` into a new LevelDB beside `datastore`, then moves the old one aside and the new one in. */
async function swapIn (datastore: string, entries: Map<string, Uint8Array>, now: number): Promise<string> {
  const fresh = `${datastore}.repair-${randomBytes(4).toString('hex')}`
  const damagedCopy = `${datastore}.damaged-${new Date(now).toISOString().replace(/[:.]/g, '-')}`
  const { db } = new LevelDatastore(fresh)
  try {
    await db.open({ createIfMissing: true, errorIfExists: true, compression: false })
    const sorted = [...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    for (let i = 0; i < sorted.length; i += 1000) {
      // keys as their original bytes (salvage reads them as latin1), not re-encoded as UTF-8
      const ops = sorted.slice(i, i + 1000).map(([key, value]) => ({ type: 'put' as const, key: Buffer.from(key, 'latin1') as unknown as string, value, keyEncoding: 'buffer' }))
      await db.batch(ops, { sync: i + 1000 >= sorted.length })
    }
    await db.close()
  } catch (err) {
    await db.close().catch(() => {})
    await rm(fresh, { recursive: true, force: true })
    throw err
  }
  await rename(datastore, damagedCopy)
  await rename(fresh, datastore)
  return damagedCopy
}
