/**
 * A group's life on this node: stored and opened (created, joined, imported, or found in the
 * datastore at start), swept while open, closed at stop, deleted. Opening builds the group's
 * database and runtime, learns the stored chains, subscribes to the topic and publishes this
 * node's own records.
 */
import type { MemberInfo } from '../certificates/chain-result.ts'
import { validateChain } from '../certificates/chain-validator.ts'
import { PeerhoodError } from '../common/errors.ts'
import { scoreTopic, unscoreTopic } from '../group-gossip/score.ts'
import { createGroup as createStoredGroup } from '../groups/create-group.ts'
import { exportMembership, importMembership } from '../groups/membership-export.ts'
import type { StoredMembership } from '../groups/membership-store.ts'
import type { GroupProperties } from '../groups/properties.ts'
import { type GroupPropertiesPatch, updateProperties } from '../groups/update-properties.ts'
import { GroupDatabase } from '../records/database.ts'
import type { RecordChange, RecordConflict } from '../records/events.ts'
import { assertStarted, type GroupsContext, requireReady, runtimeOf } from './group-context.ts'
import { learnStoredChains } from './group-ingress.ts'
import { autoRenew } from './group-credentials.ts'
import { GroupRuntime } from './group-runtime.ts'
import { readSynchronized, synchronizedKey } from './group-state.ts'
import { groupFlags, groupSummary, reportStatus, setSynchronized } from './group-status.ts'
import { publishOwnMembership, publishProperties, refreshOwnPresence } from './own-records.ts'
import type { CreateGroupOptions, GroupSummary } from './types.ts'

/** Validates this node's own chain (or, when it has expired, reads it at a time inside it). */
function selfMember (ctx: GroupsContext, stored: StoredMembership): MemberInfo {
  const result = validateChain(stored.groupId, stored.chain, ctx.now(), ctx.init.cache)
  if (result.ok) return result.leaf
  throw new PeerhoodError(result.code, `this node's chain for ${stored.groupId} is not valid now (${result.reason})`, { details: { groupId: stored.groupId, reason: result.reason } })
}

/** Opens a stored membership: its database, runtime, topic and this node's own records. */
export async function openGroup (ctx: GroupsContext, stored: StoredMembership): Promise<GroupRuntime> {
  const self = selfMember(ctx, stored)
  ctx.registry.learn(self)
  const { groupId } = stored
  const { privateKey, peerId } = ctx.components
  const db = new GroupDatabase({
    groupId,
    store: ctx.records,
    self: { privateKey, peerId },
    lookupMember: peerId => ctx.registry.lookup(groupId, peerId),
    revokedAt: peerId => ctx.revocations.revokedAt(groupId, peerId),
    maxRecordSize: stored.properties.maxRecordSize,
    reserved: ctx.reservedTypes,
    now: ctx.now
  })
  const rt = new GroupRuntime(stored, self, db, await readSynchronized(ctx.components.datastore, groupId))
  const onChange = (evt: Event) => {
    const change = (evt as CustomEvent<RecordChange>).detail
    ctx.events.safeDispatchEvent('record:changed', { detail: { groupId, changeType: change.changeType, recordId: change.recordId, recordType: change.recordType } })
  }
  const onConflict = (evt: Event) => { ctx.events.safeDispatchEvent('record:conflict', { detail: (evt as CustomEvent<RecordConflict>).detail }) }
  db.addEventListener('record:changed', onChange)
  db.addEventListener('record:conflict', onConflict)
  rt.detach = () => { db.removeEventListener('record:changed', onChange); db.removeEventListener('record:conflict', onConflict) }
  ctx.groups.set(groupId, rt)
  ctx.byTopic.set(rt.topic, groupId)
  await learnStoredChains(ctx, rt)
  const { pubsub } = ctx.services()
  scoreTopic(pubsub, rt.topic)
  pubsub.subscribe(rt.topic)
  await publishOwnMembership(ctx, rt)
  await refreshOwnPresence(ctx, rt)
  ctx.finder.announce(rt.groupId)
  reportStatus(ctx, rt)
  ctx.reconnector?.watch(groupId)
  return rt
}

/** Stops a group's listeners and gossip (the runtime stays in the map: the caller removes it). */
export function closeGroup (ctx: GroupsContext, rt: GroupRuntime): void {
  rt.detach?.()
  ctx.byTopic.delete(rt.topic)
  ctx.outbox.drop(rt.topic)
  const { pubsub } = ctx.init.shared
  if (pubsub !== undefined) {
    try { pubsub.unsubscribe(rt.topic) } catch { /* pubsub already stopped */ }
    unscoreTopic(pubsub, rt.topic)
  }
}

/** Stores a membership, marks it synchronised when `synchronized`, and opens it. */
async function admit (ctx: GroupsContext, stored: StoredMembership, synchronized: boolean): Promise<GroupRuntime> {
  await ctx.memberships.put(stored)
  if (synchronized) await setSynchronized(ctx, stored.groupId, true)
  return openGroup(ctx, stored)
}

/** Creates a group with this node as creator and owner (synchronised from the start). */
export async function createGroup (ctx: GroupsContext, options: CreateGroupOptions): Promise<GroupSummary> {
  assertStarted(ctx)
  const created = await createStoredGroup({
    ...options,
    creator: { privateKey: ctx.components.privateKey, displayName: ctx.init.displayName ?? ctx.components.peerId.toString() },
    now: ctx.now()
  })
  const rt = await admit(ctx, { groupId: created.groupId, properties: created.properties, chain: created.creatorChain, rootPrivateKey: created.rootPrivateKey }, true)
  await publishProperties(ctx, rt)
  return groupSummary(ctx, rt)
}

/** Stores and opens a membership this node just received (join, password join). */
export async function admitSelf (ctx: GroupsContext, groupId: string, properties: GroupProperties, chain: Uint8Array[]): Promise<void> {
  await admit(ctx, { groupId, properties, chain }, false)
  ctx.services().membership.refresh().catch(() => {})
}

/** Imports an exported membership (ALREADY_EXISTS when this identity is a member here). */
export async function importGroup (ctx: GroupsContext, text: string, password: string): Promise<GroupSummary> {
  assertStarted(ctx)
  const imported = await importMembership(text, password, { expectPeerId: ctx.components.peerId.toString(), now: ctx.now(), cache: ctx.init.cache })
  if (ctx.groups.has(imported.groupId) || await ctx.memberships.has(imported.groupId)) {
    throw new PeerhoodError('ALREADY_EXISTS', 'this identity is already a member of that group here', { details: { groupId: imported.groupId } })
  }
  const stored: StoredMembership = {
    groupId: imported.groupId,
    properties: imported.properties,
    chain: [...imported.chain],
    ...(imported.rootPrivateKey === undefined ? {} : { rootPrivateKey: imported.rootPrivateKey })
  }
  // the owner is authoritative; anyone else is ready after its first sync
  const rt = await admit(ctx, stored, stored.rootPrivateKey !== undefined)
  ctx.services().membership.refresh().catch(() => {})
  return groupSummary(ctx, rt)
}

/** Exports this node's membership, with the root key only for the owner (NOT_AUTHORIZED otherwise). */
export async function exportGroup (ctx: GroupsContext, groupId: string, password: string, options: { includeRootKey?: boolean } = {}): Promise<string> {
  const { membership } = runtimeOf(ctx, groupId)
  if (options.includeRootKey === true && membership.rootPrivateKey === undefined) {
    throw new PeerhoodError('NOT_AUTHORIZED', 'only the owner holds the group root key')
  }
  return exportMembership({
    groupId,
    properties: membership.properties,
    chain: membership.chain,
    ...(options.includeRootKey === true && membership.rootPrivateKey !== undefined ? { rootPrivateKey: membership.rootPrivateKey } : {})
  }, password)
}

/** Changes the group's properties (creator only) and publishes them. */
export async function setGroupProperties (ctx: GroupsContext, groupId: string, patch: GroupPropertiesPatch): Promise<GroupProperties> {
  const rt = runtimeOf(ctx, groupId)
  requireReady(rt)
  const properties = updateProperties(rt.membership.properties, patch, rt.self.roles, ctx.now())
  rt.membership = { ...rt.membership, properties }
  await ctx.memberships.put(rt.membership)
  await publishProperties(ctx, rt)
  ctx.events.safeDispatchEvent('property:changed', { detail: { groupId, properties } })
  return properties
}

/** Leaves a group on this node: closes it and deletes its records, membership and state. */
export async function deleteGroup (ctx: GroupsContext, groupId: string): Promise<void> {
  const rt = runtimeOf(ctx, groupId)
  closeGroup(ctx, rt)
  ctx.reconnector?.forget(groupId)
  ctx.groups.delete(groupId)
  ctx.services().membership.forgetGroup(groupId)
  ctx.registry.forgetGroup(groupId)
  ctx.revocations.forgetGroup(groupId)
  await ctx.records.deleteGroup(groupId)
  await ctx.memberships.delete(groupId)
  try { await ctx.components.datastore.delete(synchronizedKey(groupId)) } catch { /* never synchronised */ }
}

/** Removes expired records (not while disconnected when the group defers expiry), refreshes presence, renews. */
export async function sweepGroups (ctx: GroupsContext): Promise<void> {
  ctx.gossip.expire()
  ctx.finder.reannounce([...ctx.groups.keys()])
  for (const rt of ctx.groups.values()) {
    if (rt.membership.properties.flags.deferExpiration && !groupFlags(ctx, rt).hasConnections) continue
    await rt.db.expire(ctx.now()).catch(err => { ctx.log.error('expiry of %s failed: %s', rt.groupId, err?.message) })
    await refreshOwnPresence(ctx, rt).catch(err => { ctx.log.error('presence of %s failed: %s', rt.groupId, err?.message) })
    autoRenew(ctx, rt).catch(() => {})
  }
}
