/**
 * A group's status flags and summary as the service reports them, and the `group:status` event
 * sent when the flags change.
 */
import type { GroupsContext } from './group-context.ts'
import type { GroupRuntime } from './group-runtime.ts'
import { synchronizedKey } from './group-state.ts'
import type { GroupStatus, GroupSummary } from './types.ts'

/** What the status helpers read. */
export type StatusContext = Pick<GroupsContext, 'started' | 'services' | 'events' | 'groups' | 'components' | 'records'>

/** The status flags of an open group now. */
export function groupFlags (ctx: Pick<StatusContext, 'started' | 'services'>, rt: GroupRuntime): GroupStatus {
  return rt.status(ctx.started, ctx.services().membership.provenMembers(rt.groupId).length)
}

/** Sends `group:status` when the flags differ from the last ones reported. */
export function reportStatus (ctx: Pick<StatusContext, 'started' | 'services' | 'events'>, rt: GroupRuntime): void {
  const status = groupFlags(ctx, rt)
  if (rt.statusChanged(status)) ctx.events.safeDispatchEvent('group:status', { detail: { groupId: rt.groupId, status } })
}

/** The group as `list()` and `get()` report it. */
export function groupSummary (ctx: Pick<StatusContext, 'started' | 'services'>, rt: GroupRuntime): GroupSummary {
  return rt.summary(ctx.started, ctx.services().membership.provenMembers(rt.groupId).length)
}

/** The flags with the counts of stored and deferred records (`status()`). */
export async function groupStatus (ctx: StatusContext, rt: GroupRuntime): Promise<GroupStatus & { records: number, deferred: number }> {
  return { ...groupFlags(ctx, rt), records: await ctx.records.count(rt.groupId), deferred: rt.db.deferredCount }
}

/** Stores whether a group has synchronised once, and reports the new status of an open group. */
export async function setSynchronized (ctx: StatusContext, groupId: string, value: boolean): Promise<void> {
  await ctx.components.datastore.put(synchronizedKey(groupId), new Uint8Array([value ? 1 : 0]))
  const rt = ctx.groups.get(groupId)
  if (rt !== undefined) {
    rt.synchronized = value
    reportStatus(ctx, rt)
  }
}
