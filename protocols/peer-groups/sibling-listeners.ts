/**
 * What the peer-groups service hears from its sibling services while it runs: members proven,
 * lost and refused by the membership handshake, gossip messages, and the password verifier
 * handed over by another administrator.
 */
import type { GossipsubMessage } from '@libp2p/gossipsub'
import type { DataIncomingEvent } from '../direct-data/types.ts'
import type { MemberLostEvent, MemberProvenEvent, MemberRefusedEvent } from '../membership/types.ts'
import type { GroupsContext } from './group-context.ts'
import { memberLost, memberProven } from './group-members.ts'
import { acceptSharedVerifier } from './verifier-sharing.ts'

/** Listens to the sibling services; returns the functions that stop each listener. */
export function listenToSiblings (ctx: GroupsContext): Array<() => void> {
  const { membership, pubsub, direct } = ctx.services()
  const onProven = (evt: CustomEvent<MemberProvenEvent>): void => { memberProven(ctx, evt.detail.groupId, evt.detail.peerId, evt.detail.member) }
  const onLost = (evt: CustomEvent<MemberLostEvent>): void => { memberLost(ctx, evt.detail.groupId, evt.detail.peerId) }
  const onRefused = (evt: CustomEvent<MemberRefusedEvent>): void => { ctx.events.safeDispatchEvent('membership:refused', { detail: evt.detail }) }
  const onGossip = (evt: CustomEvent<GossipsubMessage>): void => {
    const { msgId, propagationSource, msg } = evt.detail
    ctx.gossip.onMessage(msgId, propagationSource.toString(), msg.topic, msg.data).catch(err => { ctx.log.error('gossip ingress failed: %s', err?.message) })
  }
  const onData = (evt: CustomEvent<DataIncomingEvent>): void => { acceptSharedVerifier(ctx.sharing, evt.detail) }
  membership.addEventListener('member:proven', onProven)
  membership.addEventListener('member:lost', onLost)
  membership.addEventListener('member:refused', onRefused)
  pubsub.addEventListener('gossipsub:message', onGossip)
  direct.addEventListener('data:incoming', onData)
  return [
    () => { membership.removeEventListener('member:proven', onProven) },
    () => { membership.removeEventListener('member:lost', onLost) },
    () => { membership.removeEventListener('member:refused', onRefused) },
    () => { pubsub.removeEventListener('gossipsub:message', onGossip) },
    () => { direct.removeEventListener('data:incoming', onData) }
  ]
}
