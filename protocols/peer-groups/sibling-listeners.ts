/**
 * What the peer-groups service hears from its sibling services while it runs: members proven,
 * lost and refused by the membership handshake, gossip messages, and the password verifier
 * handed over by another administrator.
 */
import type { PeerId } from '@libp2p/interface'
import type { GroupsContext } from './group-context.ts'
import { memberLost, memberProven } from './group-members.ts'
import { acceptSharedVerifier } from './verifier-sharing.ts'

/** Listens to the sibling services; returns the functions that stop each listener. */
export function listenToSiblings (ctx: GroupsContext): Array<() => void> {
  const unlisten: Array<() => void> = []
  const membership = ctx.services().membership
  const on = <K extends 'member:proven' | 'member:lost' | 'member:refused'>(type: K, fn: (detail: any) => void) => {
    const listener = (evt: CustomEvent) => { fn(evt.detail) }
    membership.addEventListener(type, listener as any)
    unlisten.push(() => { membership.removeEventListener(type, listener as any) })
  }
  on('member:proven', d => { memberProven(ctx, d.groupId, d.peerId, d.member) })
  on('member:lost', d => { memberLost(ctx, d.groupId, d.peerId) })
  on('member:refused', d => { ctx.events.safeDispatchEvent('membership:refused', { detail: d }) })
  const pubsub = ctx.services().pubsub
  const onGossip = (evt: CustomEvent<{ msgId: string, propagationSource: PeerId, msg: { topic: string, data: Uint8Array } }>) => {
    const { msgId, propagationSource, msg } = evt.detail
    ctx.gossip.onMessage(msgId, propagationSource.toString(), msg.topic, msg.data).catch(err => { ctx.log.error('gossip ingress failed: %s', err?.message) })
  }
  pubsub.addEventListener('gossipsub:message', onGossip as any)
  unlisten.push(() => { pubsub.removeEventListener('gossipsub:message', onGossip as any) })
  const direct = ctx.services().direct
  const onData = (evt: CustomEvent<{ groupId: string, peerId: string, type: string, data: Uint8Array }>) => { acceptSharedVerifier(ctx.sharing, evt.detail) }
  direct.addEventListener('data:incoming', onData as any)
  unlisten.push(() => { direct.removeEventListener('data:incoming', onData as any) })
  return unlisten
}
