/**
 * Membership gating for gossipsub: a peer's subscription to a group topic, its GRAFTs and its
 * IWANTs count only once it has proven membership of that group. Until then the subscription is
 * held back, so flood publishing, the mesh and gossip never send it the group's records; when
 * it proves membership the held subscription is admitted.
 *
 * Held subscriptions come from peers that have proven nothing, so they are bounded: per peer
 * (beyond its budget a peer's further subscriptions are not held) and in total (when full, the
 * peer holding the most gives up its oldest), and released when the peer disconnects.
 *
 * Gossipsub has no hook for this, so the gate wraps four of its methods on the instance. This
 * module is the only place that knows them (`@libp2p/gossipsub` 17).
 */
import type { PeerId } from '@libp2p/interface'
import { isGroupTopic } from './topic.ts'

/** Decides whether a peer may receive a topic's traffic. */
export type GateDecision = (peerId: string, topic: string) => boolean

/** Bounds of what the gate holds back. */
export interface GateLimits {
  /** Most subscriptions held for one peer. @default 64 */
  perPeer?: number
  /** Most subscriptions held in total. @default 8192 */
  total?: number
}

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
  /** Peers with subscriptions held back. */
  readonly heldPeers: number
}

interface GossipInternals {
  handleReceivedSubscription (from: PeerId, topic: string, subscribe: boolean): boolean
  handleGraft (id: string, graft: Array<{ topicID?: string }>): Promise<unknown>
  handleIWant (id: string, iwant: unknown[]): Array<{ topic: string }>
  removePeer (peerId: PeerId): void
  graftOnSubscribe (id: string, topic: string): boolean
  sendGraft (id: string, topics: string[]): void
  mesh: Map<string, Set<string>>
  topics: Map<string, Set<string>>
}

/** Installs the gate on a gossipsub instance. */
export function installGate (pubsub: object, allows: GateDecision, limits: GateLimits = {}): GossipGate {
  const ps = pubsub as unknown as GossipInternals
  const perPeer = limits.perPeer ?? 64
  const total = limits.total ?? 8192
  const held = new Map<string, { peer: PeerId, topics: Set<string> }>()
  let heldCount = 0
  const peers = new Map<string, PeerId>()
  const permits = (peerId: string, topic: string): boolean => !isGroupTopic(topic) || allows(peerId, topic)
  const subscribe = ps.handleReceivedSubscription.bind(ps)
  const graft = ps.handleGraft.bind(ps)
  const iwant = ps.handleIWant.bind(ps)
  const removePeer = ps.removePeer.bind(ps)
  const release = (id: string, topic: string): void => {
    const entry = held.get(id)
    if (entry?.topics.delete(topic) !== true) return
    heldCount--
    if (entry.topics.size === 0) held.delete(id)
  }
  // the peer holding most gives up its oldest: one peer's flood cannot push out another's few
  const evict = (): void => {
    let largest: { id: string, topics: Set<string> } | undefined
    for (const [id, entry] of held) if (largest === undefined || entry.topics.size > largest.topics.size) largest = { id, topics: entry.topics }
    const oldest = largest?.topics.values().next()
    if (largest !== undefined && oldest?.done === false) release(largest.id, oldest.value)
  }
  const hold = (peer: PeerId, topic: string): void => {
    const id = peer.toString()
    const entry = held.get(id) ?? { peer, topics: new Set<string>() }
    if (entry.topics.has(topic) || entry.topics.size >= perPeer) return
    if (heldCount >= total) evict()
    entry.topics.add(topic)
    heldCount++
    held.set(id, entry)
  }
  const forget = (id: string): void => {
    heldCount -= held.get(id)?.topics.size ?? 0
    held.delete(id)
    peers.delete(id)
  }

  ps.handleReceivedSubscription = (from, topic, on) => {
    const id = from.toString()
    peers.set(id, from)
    if (!on) {
      release(id, topic)
      return subscribe(from, topic, on)
    }
    if (permits(id, topic)) return subscribe(from, topic, on)
    hold(from, topic)
    return false
  }
  ps.handleGraft = async (id, grafts) => graft(id, grafts.filter(g => g.topicID == null || permits(id, g.topicID)))
  ps.handleIWant = (id, wants) => iwant(id, wants).filter(msg => permits(id, msg.topic))
  ps.removePeer = (peerId) => {
    forget(peerId.toString())
    removePeer(peerId)
  }

  return {
    admit (peerId) {
      const entry = held.get(peerId)
      if (entry === undefined) return
      const grafted: string[] = []
      for (const topic of [...entry.topics]) {
        if (!permits(peerId, topic)) continue
        release(peerId, topic)
        subscribe(entry.peer, topic, true)
        // as gossipsub does for a fresh subscription: into the mesh now, not at the next
        // heartbeat, so records forwarded in the meantime reach the new member
        if (ps.graftOnSubscribe(peerId, topic)) grafted.push(topic)
      }
      if (grafted.length > 0) ps.sendGraft(peerId, grafted)
    },
    revoke (peerId, topic) {
      ps.mesh.get(topic)?.delete(peerId)
      const peer = peers.get(peerId)
      if (peer === undefined || ps.topics.get(topic)?.has(peerId) !== true) return
      subscribe(peer, topic, false)
      hold(peer, topic)
    },
    forget,
    get heldCount () {
      return heldCount
    },
    get heldPeers () {
      return held.size
    }
  }
}
