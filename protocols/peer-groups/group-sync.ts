/**
 * Sync of an open group with one member: the catch-up this node asks for ({@link syncWith}),
 * and the set it offers a proven member who asks ({@link resolveSet}). Records received either
 * way go through ingress, and the first sync makes the group ready.
 */
import type { PeerId } from '@libp2p/interface'
import { peerIdFromString } from '@libp2p/peer-id'
import type { SyncSet } from '../sync/types.ts'
import { type GroupsContext, runtimeOf } from './group-context.ts'
import { ingest, ingestMany, retryDeferred } from './group-ingress.ts'
import { reportStatus, setSynchronized } from './group-status.ts'
import { recordSyncSet } from './record-sync-set.ts'
import { sharedVerifyPool } from '../common/ed25519-verify-pool.ts'

/**
 * Most records a never-synchronised group may hold and still ask for everything (`solicitNew`):
 * its own membership and presence, and what a first attempt cut short stored. Beyond it, the
 * records it holds would cross the wire again.
 */
export const SOLICIT_NEW_MAX_HELD = 16

/** Options of {@link syncWith}. */
export interface SyncWithOptions {
  /** Aborts the sync. */
  signal?: AbortSignal
  /** Join a session of this pair and group that is running now instead of starting another. @default false */
  join?: boolean
}

/** Reconciles a group with a member, then retries deferred records and marks the group synchronised. */
export async function syncWith (ctx: GroupsContext, groupId: string, peerId: string, options: SyncWithOptions = {}): Promise<void> {
  const rt = runtimeOf(ctx, groupId)
  const peer = peerIdFromString(peerId)
  let solicitedNew = false
  await rt.coldSync.run(peerId, () => rt.synchronized, async () => {
    // never synchronised: ask for everything, as Windows' SOLICIT_NEW did; this node's own few
    // records (its membership, its presence) follow in a second session, once it is ready. An
    // interrupted first sync (a relay's data limit) that stored more resumes by reconciling,
    // or it would start over from the first record every time.
    solicitedNew = !rt.synchronized && await ctx.records.count(groupId, { includeDeleted: true }) <= SOLICIT_NEW_MAX_HELD
    // the whole group is on its way: its signature checks need the threads, started while the peer reads
    if (solicitedNew) sharedVerifyPool().warm()
    const result = await ctx.services().sync.sync(peer, groupId, {
      solicitNew: solicitedNew,
      ...(options.signal === undefined ? {} : { signal: options.signal }),
      ...(options.join === undefined ? {} : { join: options.join }),
      onProgress: p => { ctx.events.safeDispatchEvent('sync:progress', { detail: { groupId, peerId, ...p } }) }
    })
    await retryDeferred(ctx, rt)
    if (!rt.synchronized) await setSynchronized(ctx, groupId, true)
    ctx.events.safeDispatchEvent('sync:completed', {
      detail: { groupId, peerId, recordsReceived: result.recordsReceived, recordsSent: result.recordsSent, roundTrips: result.roundTrips, bytes: result.bytesSent + result.bytesReceived }
    })
    reportStatus(ctx, rt)
  })
  if (solicitedNew && ctx.started && ctx.groups.has(groupId)) {
    syncWith(ctx, groupId, peerId, options).catch((err: Error) => { ctx.log('offering own records of %s to %s failed: %s', groupId, peerId, err?.message) })
  }
}

/**
 * The set of a group, for a proven member not cooling down only; its rejected records cost it
 * penalties. Throws `SYNC_BUSY` while this node pulls the group for the first time from another member.
 */
export function resolveSet (ctx: GroupsContext, groupId: string, remotePeer: PeerId): SyncSet | undefined {
  const rt = ctx.groups.get(groupId)
  const peer = remotePeer.toString()
  if (rt === undefined || !ctx.services().membership.isProven(groupId, peer) || !ctx.penalties.admits(peer)) return undefined
  rt.coldSync.admit(peer)
  return recordSyncSet({
    groupId,
    store: ctx.records,
    ingest: async bytes => {
      const verdict = await ingest(ctx, rt, bytes, peer)
      ctx.relay.pass(rt.topic, verdict)
      return verdict
    },
    ingestMany: async records => {
      const verdicts = await ingestMany(ctx, rt, records, peer)
      for (const verdict of verdicts) ctx.relay.pass(rt.topic, verdict)
      return verdicts
    },
    judge: ctx.penalties.syncSession(peer),
    afterApply: async () => { await retryDeferred(ctx, rt) },
    serves: record => rt.db.admitsDecoded(record)
  })
}
