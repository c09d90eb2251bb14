/**
 * Members coming and going in the open groups: what happens when the membership handshake proves
 * a member ({@link memberProven}: gossip admitted, verifier shared, sync started) or loses one
 * ({@link memberLost}), and the member list of a group.
 */
import type { MemberInfo } from '../certificates/chain-result.ts'
import { type GroupsContext, runtimeOf } from './group-context.ts'
import { reportStatus } from './group-status.ts'
import { syncWith } from './group-sync.ts'
import { listMembers } from './member-list.ts'
import { syncWithRetry } from './sync-retry.ts'
import type { GroupMember } from './types.ts'
import { shareVerifier } from './verifier-sharing.ts'

/** A member the handshake proved (ignored while it is cooling down from penalties). */
export function memberProven (ctx: GroupsContext, groupId: string, peerId: string, member: MemberInfo): void {
  const rt = ctx.groups.get(groupId)
  if (rt === undefined || !ctx.penalties.admits(peerId)) return
  ctx.registry.learn(member)
  ctx.services().pubsub.gate.admit(peerId)
  shareVerifier(ctx.sharing, groupId, member)
  ctx.events.safeDispatchEvent('member:changed', { detail: { groupId, changeType: 'connected', peerId, roles: [...member.roles] } })
  reportStatus(ctx, rt)
  ctx.reconnector?.check(groupId)
  ctx.upgrade.consider(peerId)
  // One side starts the sync: the lower PeerId, or anyone who has never synchronised; when both
  // do, the two requests join one session.
  if (!rt.synchronized || ctx.components.peerId.toString() < peerId) {
    syncWithRetry({
      run: async () => { await syncWith(ctx, groupId, peerId, { join: true }) },
      stillConnected: () => ctx.started && ctx.groups.has(groupId) && ctx.services().membership.isProven(groupId, peerId),
      onFailure: err => { ctx.log('sync of %s with %s failed: %s', groupId, peerId, (err as Error)?.message) }
    }).catch(() => {})
  }
}

/** A member no longer connected: its gossip and direct connections end. */
export function memberLost (ctx: GroupsContext, groupId: string, peerId: string): void {
  const rt = ctx.groups.get(groupId)
  if (rt === undefined) return
  ctx.services().pubsub.gate.revoke(peerId, rt.topic)
  ctx.services().direct.revoke(groupId, peerId)
  ctx.events.safeDispatchEvent('member:changed', { detail: { groupId, changeType: 'disconnected', peerId } })
  reportStatus(ctx, rt)
  ctx.reconnector?.check(groupId)
}

/** The members of a group this node knows of, with whether each is connected, present and revoked. */
export async function groupMembers (ctx: GroupsContext, groupId: string, options: { present?: boolean } = {}): Promise<GroupMember[]> {
  const rt = runtimeOf(ctx, groupId)
  const membership = ctx.services().membership
  return listMembers({
    db: rt.db,
    self: rt.self,
    known: ctx.registry.members(groupId),
    isConnected: peerId => membership.isProven(groupId, peerId),
    isRevoked: peerId => ctx.revocations.revokedAt(groupId, peerId) !== undefined,
    now: ctx.now(),
    ...options
  })
}
