/**
 * Credentials in an open group: issuing a member's GMC, storing a renewal this node issued as
 * administrator, renewing this node's own GMC before it expires, and revoking a member. The
 * certificate rules live in `protocols/certificates`, the revocation rules in `revocations.ts`.
 */
import type { PeerId } from '@libp2p/interface'
import { peerIdFromString } from '@libp2p/peer-id'
import type { MemberInfo } from '../certificates/chain-result.ts'
import { validateChain } from '../certificates/chain-validator.ts'
import { issueCredentials } from '../certificates/issue.ts'
import { normalizeRoles } from '../certificates/roles.ts'
import { PeerhoodError } from '../common/errors.ts'
import { type GroupsContext, requireReady, runtimeOf } from './group-context.ts'
import type { GroupRuntime } from './group-runtime.ts'
import { publishCredentials } from './own-records.ts'
import { revokingGroup } from './revocation-bridge.ts'
import type { RevokeOptions, RevokeResult } from './revocations.ts'
import type { IssueCredentialsOptions } from './types.ts'

/** What the credential operations use. */
export type CredentialsContext = Pick<GroupsContext,
  'components' | 'init' | 'log' | 'events' | 'started' | 'groups' | 'registry' | 'revocations' | 'joining' | 'renewing' | 'now' | 'publish'>

/** Issues a GMC for a PeerId (INVALID_PEER_ID, NOT_AUTHORIZED); with `store`, also publishes it. */
export async function issue (ctx: CredentialsContext, groupId: string, options: IssueCredentialsOptions): Promise<{ chain: Uint8Array[], member: MemberInfo }> {
  const rt = runtimeOf(ctx, groupId)
  let subject: PeerId
  try { subject = peerIdFromString(options.peerId) } catch (err) {
    throw new PeerhoodError('INVALID_PEER_ID', `not a PeerId: ${options.peerId}`, { cause: err })
  }
  if (subject.publicKey?.type !== 'Ed25519') throw new PeerhoodError('INVALID_PEER_ID', 'the subject must be an Ed25519 PeerId')
  ctx.revocations.assertNotRevoked(groupId, options.peerId)
  const issued = issueCredentials(
    { privateKey: ctx.components.privateKey, chain: rt.membership.chain },
    { publicKey: subject.publicKey, displayName: options.displayName ?? options.peerId },
    { roles: normalizeRoles(options.roles ?? ['member']), now: ctx.now(), cache: ctx.init.cache, ...(options.lifetimeMs === undefined ? {} : { lifetimeMs: options.lifetimeMs }) }
  )
  ctx.registry.learn(issued.member)
  if (options.store === true) {
    requireReady(rt)
    await publishCredentials(ctx, rt, options.peerId, issued.chain, issued.member.notAfter)
  }
  return { chain: issued.chain, member: issued.member }
}

/** A renewal this node issued as administrator: stored in the database for its subject. */
export async function storeIssuedCredentials (ctx: CredentialsContext, groupId: string, peerId: string, chain: Uint8Array[]): Promise<void> {
  const rt = runtimeOf(ctx, groupId)
  ctx.revocations.assertNotRevoked(groupId, peerId)
  const result = validateChain(groupId, chain, ctx.now(), ctx.init.cache)
  if (!result.ok) return
  ctx.registry.learn(result.leaf)
  await publishCredentials(ctx, rt, peerId, chain, result.leaf.notAfter)
}

/** Renews this node's GMC with a connected administrator when it is due (auto-renew). */
export async function autoRenew (ctx: CredentialsContext, rt: GroupRuntime): Promise<void> {
  if (!ctx.joining.dueForRenewal(rt.groupId)) return
  // Windows' credentials-expiring notice: once per certificate, when it enters the renewal window
  if (rt.warnedExpiry !== rt.self.serialNumber) {
    rt.warnedExpiry = rt.self.serialNumber
    ctx.events.safeDispatchEvent('credentials:expiring', { detail: { groupId: rt.groupId, notAfter: rt.self.notAfter } })
  }
  if (ctx.init.autoRenew === false || ctx.renewing.has(rt.groupId)) return
  ctx.renewing.add(rt.groupId)
  try {
    await ctx.joining.renew(rt.groupId)
  } catch (err) {
    ctx.log('auto-renew of %s: %s', rt.groupId, (err as Error | undefined)?.message)
  } finally {
    ctx.renewing.delete(rt.groupId)
  }
}

/** Revokes (or with `lift`, restores) a member: a signed `peerhood.revocation` record, spread like any record. */
export async function revoke (ctx: CredentialsContext, groupId: string, peerId: string, options: RevokeOptions = {}): Promise<RevokeResult> {
  const rt = runtimeOf(ctx, groupId)
  const { published, result } = await ctx.revocations.revoke(revokingGroup(rt, ctx.registry), peerId, options)
  await ctx.publish(rt, published)
  return result
}
