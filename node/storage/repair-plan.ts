/**
 * What `peerhood repair` keeps of the keys salvage read (the Peerhood side of repair). It stops (`DATASTORE_CORRUPT`) when a loss may touch a membership or a root key, or one no longer
 * decodes; keeps the records that verify, rebuilds their type and expiry indexes, and clears the
 * synchronised flag of each group that may have lost records.
 */
import { join } from 'node:path'
import { Key } from 'interface-datastore'
import { MemoryDatastore } from 'datastore-core'
import { PeerhoodError } from '../../protocols/common/errors.ts'
import { MEMBERSHIP_KEY_PREFIX } from '../../protocols/groups/constants.ts'
import { DatastoreMembershipStore } from '../../protocols/groups/membership-store.ts'
import { GROUP_STATE_PREFIX } from '../../protocols/peer-groups/constants.ts'
import { synchronizedKey } from '../../protocols/peer-groups/group-state.ts'
import { STORE_PREFIX } from '../../protocols/records/constants.ts'
import { expiryKey, typeKey } from '../../protocols/records/store-keys.ts'
import { verifyStored } from '../../protocols/records/stored-check.ts'
import type { LostRange, Salvage } from './salvage.ts'

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

/** What repair writes, and what it did per group. */
export interface RepairPlan {
  /** Every key of the new datastore. */
  output: Map<string, Uint8Array>
  /** Per group. */
  groups: GroupRepair[]
  /** Records dropped (at most the first 1000). */
  dropped: DroppedRecord[]
}

/** Decides what the repaired datastore of `datastore` holds; throws `DATASTORE_CORRUPT` to stop. */
export async function planRepair (salvage: Salvage, datastore: string): Promise<RepairPlan> {
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
  return { output, groups: [...perGroup.values()], dropped }
}
