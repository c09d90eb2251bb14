/**
 * The record operations of the API (add, update, delete, get, list, page, search): each on an
 * open group, writes only once the group has synchronised, and every write published for gossip.
 * Reserved `peerhood.` records stay out of listings unless asked for by type.
 */
import type { AddRecordInit } from '../records/changes.ts'
import { type RecordPage, type RecordPageOptions, pageRecords as pageDatabase } from '../records/page.ts'
import type { SearchQuery } from '../records/search/index.ts'
import type { GroupRecord } from '../records/types.ts'
import { DEFAULT_RECORD_LIFETIME_MS } from './constants.ts'
import { type GroupsContext, requireReady, runtimeOf } from './group-context.ts'
import type { GroupRuntime } from './group-runtime.ts'
import type { AddRecordOptions, UpdateRecordOptions } from './types.ts'

/** What the record operations use. */
export type RecordsContext = Pick<GroupsContext, 'started' | 'groups' | 'now' | 'publish'>

/** An open group that has synchronised once (INVALID_GROUP, GROUP_NOT_READY). */
function readyGroup (ctx: RecordsContext, groupId: string): GroupRuntime {
  const rt = runtimeOf(ctx, groupId)
  requireReady(rt)
  return rt
}

function addInit (ctx: RecordsContext, options: AddRecordOptions): AddRecordInit {
  return {
    type: options.type,
    ...(options.data === undefined ? {} : { data: options.data }),
    ...(options.attributes === undefined ? {} : { attributes: options.attributes }),
    expires: options.expires ?? ctx.now() + DEFAULT_RECORD_LIFETIME_MS
  }
}

/** Adds a record and publishes it. */
export async function addRecord (ctx: RecordsContext, groupId: string, options: AddRecordOptions): Promise<GroupRecord> {
  const rt = readyGroup(ctx, groupId)
  const published = await rt.db.add(addInit(ctx, options))
  await ctx.publish(rt, published)
  return published.record
}

/** Adds records in one batch and publishes them (one gossip burst). */
export async function addRecords (ctx: RecordsContext, groupId: string, records: readonly AddRecordOptions[]): Promise<GroupRecord[]> {
  const rt = readyGroup(ctx, groupId)
  const published = await rt.db.addMany(records.map(options => addInit(ctx, options)))
  for (const p of published) await ctx.publish(rt, p)
  return published.map(p => p.record)
}

/** Updates a record and publishes the new version. */
export async function updateRecord (ctx: RecordsContext, groupId: string, recordId: string, options: UpdateRecordOptions): Promise<GroupRecord> {
  const rt = readyGroup(ctx, groupId)
  const published = await rt.db.update(recordId, options)
  await ctx.publish(rt, published)
  return published.record
}

/** Deletes a record and publishes its tombstone. */
export async function deleteRecord (ctx: RecordsContext, groupId: string, recordId: string): Promise<void> {
  const rt = readyGroup(ctx, groupId)
  await ctx.publish(rt, await rt.db.delete(recordId))
}

/** One record (GROUP_NOT_READY before the first sync). */
export async function getRecord (ctx: RecordsContext, groupId: string, recordId: string): Promise<GroupRecord> {
  return readyGroup(ctx, groupId).db.get(recordId)
}

/** The records of a group, of one type or every application type. */
export async function listRecords (ctx: RecordsContext, groupId: string, options: { type?: string } = {}): Promise<GroupRecord[]> {
  const rt = runtimeOf(ctx, groupId)
  const out: GroupRecord[] = []
  for await (const record of rt.db.list(options)) {
    if (options.type !== undefined || !record.type.startsWith('peerhood.')) out.push(record)
  }
  return out
}

/** One page of a group's records. */
export async function pageRecords (ctx: RecordsContext, groupId: string, options: RecordPageOptions = {}): Promise<RecordPage> {
  return pageDatabase(runtimeOf(ctx, groupId).db, options)
}

/** The application records that match a query. */
export async function searchRecords (ctx: RecordsContext, groupId: string, query: SearchQuery): Promise<GroupRecord[]> {
  const rt = runtimeOf(ctx, groupId)
  const out: GroupRecord[] = []
  for await (const record of rt.db.search(query)) if (!record.type.startsWith('peerhood.')) out.push(record)
  return out
}
