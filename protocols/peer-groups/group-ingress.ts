/**
 * Records entering an open group's database and what the reserved ones mean: every remote record
 * (gossip or sync) goes through {@link ingest}; records this node writes go through
 * {@link publishRecord}; membership, credentials, properties, presence and revocation records
 * update the registry, the group and this node's own credentials ({@link applySystemRecord}).
 */
import { validateChain } from '../certificates/chain-validator.ts'
import type { DecodedRecord } from '../records/codec.ts'
import type { GroupDatabase } from '../records/database.ts'
import type { IngressVerdict } from '../records/reasons.ts'
import type { GroupRecord } from '../records/types.ts'
import { REVOCATION_RECORD_TYPE } from '../revocation/record.ts'
import { decodeChainData } from './chain-data.ts'
import { CREDENTIALS_RECORD_TYPE, MEMBERSHIP_RECORD_TYPE, PRESENCE_RECORD_TYPE } from './constants.ts'
import { type GroupsContext, gossipReaches } from './group-context.ts'
import type { GroupRuntime } from './group-runtime.ts'
import { publishOwnMembership } from './own-records.ts'
import { isPresent } from './presence.ts'
import { isNewerOwnCredential, readSystemRecord } from './system-records.ts'

/** What ingress uses. */
export type IngressContext = Pick<GroupsContext,
  'init' | 'log' | 'events' | 'registry' | 'revocations' | 'counters' | 'gossip' | 'outbox' | 'memberships' | 'started' | 'now' | 'services' | 'publish'>

/** Every remote record, from gossip or sync (relayed or sent by `from`), goes through here. */
export async function ingest (ctx: IngressContext, rt: GroupRuntime, bytes: Uint8Array, from: string): Promise<IngressVerdict> {
  let verdict = await rt.db.applyRemote(bytes, ctx.now(), from)
  // A member's first record is often its own membership record: its chain vouches for its signer.
  if (verdict.action === 'defer' && verdict.record?.record.type === MEMBERSHIP_RECORD_TYPE) {
    const id = verdict.record.record.id
    // its chain vouches for its signer: the record itself (parked just now) is retried with the rest
    if (applySystemRecord(ctx, rt, verdict.record.record)) verdict = (await retryDeferred(ctx, rt)).find(v => v.record?.record.id === id) ?? verdict
  } else if (verdict.action === 'accept' && verdict.record !== undefined) {
    if (applySystemRecord(ctx, rt, verdict.record.record)) await retryDeferred(ctx, rt)
  }
  ctx.counters.count(verdict, rt.groupId)
  return verdict
}

/**
 * {@link ingest} for a page of sync records sent by `from`, verdicts in order: reserved
 * (`peerhood.*`) records first, one at a time as gossip brings them (a member's membership record
 * vouches for its other records of the page, which are then not parked), then the others in one
 * {@link GroupDatabase.applyAdmittedMany}: the same checks, one read and one write for the page.
 */
export async function ingestMany (ctx: IngressContext, rt: GroupRuntime, records: readonly Uint8Array[], from: string): Promise<IngressVerdict[]> {
  const verdicts: IngressVerdict[] = new Array(records.length)
  const rest: number[] = []
  const admitted = records.map(bytes => rt.db.admit(bytes))
  for (let i = 0; i < records.length; i++) {
    const a = admitted[i]!
    if ('action' in a) {
      ctx.counters.count(a, rt.groupId)
      verdicts[i] = a
    } else if (a.record.type.startsWith('peerhood.')) {
      verdicts[i] = await ingest(ctx, rt, records[i]!, from)
    } else {
      rest.push(i)
    }
  }
  const applied = await rt.db.applyAdmittedMany(rest.map(i => admitted[i] as DecodedRecord), ctx.now(), from)
  rest.forEach((i, k) => {
    // application records teach nothing about members (applySystemRecord skips them)
    ctx.counters.count(applied[k]!, rt.groupId)
    verdicts[i] = applied[k]!
  })
  return verdicts
}

/** Retries the records parked for want of their signer's credential. */
export async function retryDeferred (ctx: IngressContext, rt: GroupRuntime): Promise<IngressVerdict[]> {
  if (rt.db.deferredCount === 0) return []
  const verdicts = await rt.db.retryDeferred(ctx.now())
  for (const v of verdicts) if (v.action === 'accept' && v.record !== undefined) applySystemRecord(ctx, rt, v.record.record)
  ctx.gossip.settle(verdicts)
  return verdicts
}

/**
 * Applies a record this node wrote and queues it for gossip; it leaves with the other records
 * of the same burst, in one bundle, once the current event-loop turn has run.
 */
export async function publishRecord (ctx: IngressContext, rt: GroupRuntime, published: { bytes: Uint8Array, record: GroupRecord }): Promise<void> {
  applySystemRecord(ctx, rt, published.record)
  if (gossipReaches(ctx, rt.topic)) ctx.outbox.enqueue(rt.topic, published.bytes)
}

/** Reads the chains of stored membership and credentials records (members seen before a restart), and the revocations. */
export async function learnStoredChains (ctx: IngressContext, rt: GroupRuntime): Promise<void> {
  for (const type of [MEMBERSHIP_RECORD_TYPE, CREDENTIALS_RECORD_TYPE]) {
    for await (const record of rt.db.list({ type })) applySystemRecord(ctx, rt, record)
  }
  for await (const record of rt.db.list({ type: REVOCATION_RECORD_TYPE })) ctx.revocations.apply(rt.groupId, record, rt.membership.properties.creatorPeerId, { stored: true })
}

/** Applies what a reserved record means; returns true when a new credential was learnt. */
export function applySystemRecord (ctx: IngressContext, rt: GroupRuntime, record: GroupRecord): boolean {
  if (!record.type.startsWith('peerhood.')) return false
  if (record.type === REVOCATION_RECORD_TYPE) return ctx.revocations.apply(rt.groupId, record, rt.membership.properties.creatorPeerId) && false
  if (record.type === MEMBERSHIP_RECORD_TYPE) ctx.revocations.noteChain(rt.groupId, record.creator, decodeChainData(record.data))
  if (record.type === PRESENCE_RECORD_TYPE && record.creator !== rt.self.peerId) {
    ctx.events.safeDispatchEvent('member:changed', { detail: { groupId: rt.groupId, changeType: 'updated', peerId: record.creator, present: isPresent(record, ctx.now()) } })
    return false
  }
  const signer = ctx.registry.lookup(rt.groupId, record.modifier)
  const outcome = readSystemRecord(record, {
    now: ctx.now(),
    cache: ctx.init.cache,
    current: rt.membership.properties,
    ...(signer === undefined ? {} : { signer })
  })
  if (outcome.kind === 'properties') {
    rt.membership = { ...rt.membership, properties: outcome.properties }
    ctx.memberships.put(rt.membership).catch(() => {})
    ctx.events.safeDispatchEvent('property:changed', { detail: { groupId: rt.groupId, properties: outcome.properties } })
    return false
  }
  if (outcome.kind !== 'member' && outcome.kind !== 'credentials') return false
  const known = ctx.registry.latest(rt.groupId, outcome.member.peerId) !== undefined
  const learnt = ctx.registry.learn(outcome.member, true)
  if (learnt && outcome.member.peerId !== rt.self.peerId) {
    ctx.events.safeDispatchEvent('member:changed', { detail: { groupId: rt.groupId, changeType: known ? 'updated' : 'joined', peerId: outcome.member.peerId, roles: [...outcome.member.roles] } })
  }
  if (outcome.kind === 'credentials' && isNewerOwnCredential(outcome.member, rt.self)) {
    adopt(ctx, rt, decodeChainData(record.data)).catch(err => { ctx.log.error('cannot adopt renewed credentials: %s', err?.message) })
  }
  return learnt
}

/** Adopts a renewed chain for this node (PEER_GROUP_STORE_CREDENTIALS). */
export async function adopt (ctx: IngressContext, rt: GroupRuntime, chain: Uint8Array[]): Promise<void> {
  const result = validateChain(rt.groupId, chain, ctx.now(), ctx.init.cache)
  if (!result.ok || result.leaf.peerId !== rt.self.peerId) return
  rt.membership = { ...rt.membership, chain }
  rt.self = result.leaf
  // the database checks this node's own records against the registry: it must know the new
  // credential before the membership record is rewritten under it (the issuer's copy of the
  // credentials may still be on its way)
  ctx.registry.learn(result.leaf)
  await ctx.memberships.put(rt.membership)
  await publishOwnMembership(ctx, rt)
  ctx.events.safeDispatchEvent('credentials:adopted', { detail: { groupId: rt.groupId, member: result.leaf } })
  // roles change on the next handshake, as in Windows (reconnect)
  ctx.services().membership.refresh().catch(() => {})
}
