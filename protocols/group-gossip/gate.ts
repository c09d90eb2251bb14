/**
 * Membership gating for gossipsub: a peer's subscription to a group topic, its GRAFTs and its
 * IWANTs count only once it has proven membership of that group. Until then the subscription is
 * held back, so flood publishing, the mesh and gossip never send it the group's records; when
 * it proves membership the held subscription is admitted.
 *
 * Gossipsub has no hook for this, so the gate wraps three of its methods on the instance. This
 * module is the only place that knows them (`@libp2p/gossipsub` 17).
 */
import type { PeerId } from '@libp2p/interface'
import { isGroupTopic } from './topic.ts'

/** Decides whether a peer may receive a topic's traffic. */
export type GateDecision = (peerId: string, topic: string) => boolean

/** Controls of an installed gate. */
export interface GossipGate {
  /** Re-checks a peer's held subscriptions (call after it proved membership). */
  admit (peerId: string): void
  /** Removes a peer's subscription and mesh place for a topic, and holds it back (membership ended). */
  revoke (peerId: string, topic: string): void
  /** Forgets a peer's held subscriptions (it disconnected). */
  forget (peerId: string): void
  /** Subscriptions held back, for metrics and tests. */
  readonly heldCount: number
}

interface GossipInternals {
  handleReceivedSubscription (from: PeerId, topic: string, subscribe: boolean): boolean
  handleGraft (id: string, graft: Array<{ topicID?: string }>): Promise<unknown>
  handleIWant (id: string, iwant: unknown[]): Array<{ topic: string }>
  graftOnSubscribe (id: string, topic: string): boolean
  sendGraft (id: string, topics: string[]): void
  mesh: Map<string, Set<string>>
  topics: Map<string, Set<string>>
}

/** Installs the gate on a gossipsub instance. */
export function installGate (pubsub: object, allows: GateDecision): GossipGate {
  const ps = pubsub as unknown as GossipInternals
  const held = new Map<string, { peer: PeerId, topics: Set<string> }>()
  const peers = new Map<string, PeerId>()
  const permits = (peerId: string, topic: string): boolean => !isGroupTopic(topic) || allows(peerId, topic)
  const subscribe = ps.handleReceivedSubscription.bind(ps)
  const graft = ps.handleGraft.bind(ps)
  const iwant = ps.handleIWant.bind(ps)
  const hold = (peer: PeerId, topic: string): void => {
    const id = peer.toString()
    const entry = held.get(id) ?? { peer, topics: new Set<string>() }
    entry.topics.add(topic)
    held.set(id, entry)
  }

  ps.handleReceivedSubscription = (from, topic, on) => {
    const id = from.toString()
    peers.set(id, from)
    if (!on) {
      held.get(id)?.topics.delete(topic)
      return subscribe(from, topic, on)
    }
    if (permits(id, topic)) return subscribe(from, topic, on)
    hold(from, topic)
    return false
  }
  ps.handleGraft = async (id, grafts) => graft(id, grafts.filter(g => g.topicID == null || permits(id, g.topicID)))
  ps.handleIWant = (id, wants) => iwant(id, wants).filter(msg => permits(id, msg.topic))

  return {
    admit (peerId) {
      const entry = held.get(peerId)
      if (entry === undefined) return
      const grafted: string[] = []
      for (const topic of [...entry.topics]) {
        if (!permits(peerId, topic)) continue
        entry.topics.delete(topic)
        subscribe(entry.peer, topic, true)
        // as gossipsub does for a fresh subscription: into the mesh now, not at the next
        // heartbeat, so records forwarded in the meantime reach the new member
        if (ps.graftOnSubscribe(peerId, topic)) grafted.push(topic)
      }
      if (grafted.length > 0) ps.sendGraft(peerId, grafted)
      if (entry.topics.size === 0) held.delete(peerId)
    },
    revoke (peerId, topic) {
      ps.mesh.get(topic)?.delete(peerId)
      const peer = peers.get(peerId)
      if (peer === undefined || ps.topics.get(topic)?.has(peerId) !== true) return
      subscribe(peer, topic, false)
      hold(peer, topic)
    },
    forget (peerId) {
      held.delete(peerId)
      peers.delete(peerId)
    },
    get heldCount () {
      let n = 0
      for (const e of held.values()) n += e.topics.size
      return n
    }
  }
}
