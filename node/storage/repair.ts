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
import { MemoryDatastore } from 'datastore-core'
import { LevelDatastore } from 'datastore-level'
import { Key } from 'interface-datastore'
import { PeerhoodError } from '../../protocols/common/errors.ts'
import { MEMBERSHIP_KEY_PREFIX } from '../../protocols/groups/constants.ts'
import { DatastoreMembershipStore } from '../../protocols/groups/membership-store.ts'
import { GROUP_STATE_PREFIX } from '../../protocols/peer-groups/constants.ts'
import { synchronizedKey } from '../../protocols/peer-groups/group-state.ts'
import { STORE_PREFIX } from '../../protocols/records/constants.ts'
import { expiryKey, typeKey } from '../../protocols/records/store-keys.ts'
import { verifyStored } from '../../protocols/records/stored-check.ts'
import { unwritable } from '../data-dir/fs.ts'
import { openDataDir } from '../data-dir/open.ts'
import { DATASTORE_DIR } from '../data-dir/layout.ts'
import { locked } from './errors.ts'
import { lockHolder } from './lock-holder.ts'
import { type LostRange, salvageLevelDb } from './salvage.ts'

/** What repair did to one group. */
export interface GroupRepair {
  /** The group. */
  groupId: string
  /** Its friendly name. */
  friendlyName: string
  /** Whether this node owns the group (its root key was kept). */
  owner: boolean
  /** Records (and tombstones) kept. */
  kept: number
  /** Records dropped because they no longer verify. */
  dropped: number
  /** Whether the group is marked not synchronised, to re-fetch what was lost at its next connection. */
  refetch: boolean
}

/** One record repair dropped. */
export interface DroppedRecord {
  /** Its group. */
  groupId: string
  /** Its id (as its key names it). */
  id: string
  /** Why. */
  reason: string
}

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

const GROUPS = `${MEMBERSHIP_KEY_PREFIX}/`
const GROUPS_END = `${MEMBERSHIP_KEY_PREFIX}0` // '/' + 1
const RECORDS = `${STORE_PREFIX}/`
const MAX_LISTED = 1000

/** Whether a lost range may hold a key starting with `prefix`. */
function mayHold (range: LostRange, prefix: string): boolean {
  const end = prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1)
  return (range.upTo === undefined || range.upTo >= prefix) && (range.after === undefined || range.after < end)
}

function stateKey (groupId: string): string {
  return synchronizedKey(groupId).toString()
}

/** Reads the memberships; any that does not decode, or whose root key is not its group's, stops repair. */
async function checkMemberships (entries: Map<string, Uint8Array>, datastore: string): Promise<Map<string, { friendlyName: string, owner: boolean }>> {
  const memory = new MemoryDatastore()
  for (const [key, value] of entries) if (key >= GROUPS && key < GROUPS_END) await memory.put(new Key(key), value)
  const store = new DatastoreMembershipStore(memory)
  const groups = new Map<string, { friendlyName: string, owner: boolean }>()
  for (const groupId of await store.list()) {
    try {
      const stored = await store.get(groupId)
      if (stored === undefined) throw new Error('missing')
      groups.set(groupId, { friendlyName: stored.properties.friendlyName, owner: stored.rootPrivateKey !== undefined })
    } catch (err) {
      throw new PeerhoodError('DATASTORE_CORRUPT',
        `the membership of group ${groupId} (its properties, chain or root key) is damaged; repair never drops a membership or a root key, and changed nothing. ` +
        'Import the membership again from an export ("peerhood group export" on a healthy copy), or restore the data directory from a backup',
        { cause: err, details: { path: datastore, groupId } })
    }
  }
  return groups
}

/**
 * Repairs the datastore of the data directory `dir` (no node may run on it: repair takes its
 * lock). Codes: `DATA_DIR_LOCKED`, `DATASTORE_LOCKED`, `NOT_FOUND` (no datastore), `INVALID_IDENTITY` (a damaged identity:
 * repair stops), `DATASTORE_CORRUPT` (a loss that may touch memberships or root keys: repair
 * stops and changes nothing), `DATA_DIR_READ_ONLY`, `DATA_DIR_UNWRITABLE`.
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
    const touching = salvage.lost.find(range => mayHold(range, GROUPS))
    if (touching !== undefined) {
      throw new PeerhoodError('DATASTORE_CORRUPT',
        `${join(datastore, touching.file)}: ${touching.reason}, and what was lost may include group memberships or root keys, which no group can send back. ` +
        'Repair changed nothing: restore the data directory from a backup, or import the memberships again from exports',
        { details: { path: join(datastore, touching.file), datastore, reason: touching.reason } })
    }
    const memberships = await checkMemberships(salvage.entries, datastore)
    const output = new Map<string, Uint8Array>()
    const perGroup = new Map<string, GroupRepair>()
    for (const [groupId, m] of memberships) perGroup.set(groupId, { groupId, friendlyName: m.friendlyName, owner: m.owner, kept: 0, dropped: 0, refetch: false })
    const dropped: DroppedRecord[] = []
    for (const [key, value] of salvage.entries) {
      if (!key.startsWith(RECORDS)) {
        if (!key.startsWith(`${GROUP_STATE_PREFIX}/`)) output.set(key, value)
        continue
      }
      // /peerhood/records/<group>/r/<id>: records only; the indexes are rebuilt below
      const [segment, kind, id] = key.slice(RECORDS.length).split('/')
      if (kind !== 'r' || segment === undefined || id === undefined) continue
      const groupId = decodeURIComponent(segment)
      const group = perGroup.get(groupId)
      try {
        if (group === undefined) throw new Error('no membership of its group is stored')
        const record = verifyStored(groupId, id, value)
        output.set(key, value)
        output.set(expiryKey(groupId, record.record.expires, id).toString(), record.hash)
        if (!record.record.deleted) output.set(typeKey(groupId, record.record.type, id).toString(), new Uint8Array(0))
        group.kept++
      } catch (err) {
        const reason = (err as PeerhoodError).details?.reason as string | undefined ?? (err as Error).message
        if (group !== undefined) group.dropped++
        if (dropped.length < MAX_LISTED) dropped.push({ groupId, id, reason })
      }
    }
    for (const group of perGroup.values()) {
      const prefix = `${RECORDS}${encodeURIComponent(group.groupId)}/`
      group.refetch = group.dropped > 0 || salvage.lost.some(range => mayHold(range, prefix))
      const previous = salvage.entries.get(stateKey(group.groupId))
      const synchronized = !group.refetch && previous?.[0] === 1
      output.set(stateKey(group.groupId), new Uint8Array([synchronized ? 1 : 0]))
    }
    const damagedCopy = await swapIn(datastore, output, options.now ?? Date.now())
    return {
      dataDir: opened.path,
      damagedCopy,
      filesRead: salvage.files,
      manifestReadable: salvage.manifest,
      lost: salvage.lost,
      keysWritten: output.size,
      groups: [...perGroup.values()],
      dropped
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
