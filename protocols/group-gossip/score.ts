/**
 * Peer scoring for group topics, tuned so that a peer sending rejected records is graylisted
 * after a few of them (LIBP2P-V3.md §2.4: P4 counts only for topics listed in the score params,
 * and mesh time must be counted in seconds, not milliseconds).
 *
 * Only what group members do counts. Gossipsub's own IP colocation factor (P6) is off: it counts
 * every connected peer, members or not, so throwaway identities on a member's IP (behind its NAT,
 * or every peer of a loopback cluster) pushed members below the graylist. Peerhood's colocation
 * term counts proven members only (non-members get nothing from the gate anyway), and the
 * penalty book adds the penalties that must survive a reconnect; both reach gossipsub as P5.
 */
import { createTopicScoreParams, type PeerScoreParams, type PeerScoreThresholds, type TopicScoreParams } from '@libp2p/gossipsub/score'

/** Score thresholds: below -80 a peer is graylisted (its RPCs are ignored). */
export const GROUP_SCORE_THRESHOLDS: Partial<PeerScoreThresholds> = {
  gossipThreshold: -10,
  publishThreshold: -50,
  graylistThreshold: -80,
  acceptPXThreshold: 10,
  opportunisticGraftThreshold: 5
}

/** Topic score parameters of a group topic. */
export function groupTopicScoreParams (): TopicScoreParams {
  return createTopicScoreParams({
    topicWeight: 1,
    timeInMeshQuantum: 1000,
    timeInMeshWeight: 0.1,
    timeInMeshCap: 100,
    firstMessageDeliveriesWeight: 1,
    firstMessageDeliveriesCap: 10,
    firstMessageDeliveriesDecay: 0.5,
    // P4: an invalid (rejected) record costs -20 × count²: the third one graylists the sender
    invalidMessageDeliveriesWeight: -20,
    invalidMessageDeliveriesDecay: 0.99,
    meshMessageDeliveriesWeight: 0,
    meshFailurePenaltyWeight: 0
  })
}

/** Proven members beyond this many on one IP lower each other's score. */
export const MEMBER_COLOCATION_THRESHOLD = 10
/** Score per squared member beyond {@link MEMBER_COLOCATION_THRESHOLD} on one IP. */
export const MEMBER_COLOCATION_WEIGHT = -10

/** Global score parameters: gossipsub's P6 off, and P5 (weight 1) from `appScore`. */
export function groupScoreParams (appScore: (peerId: string) => number): Partial<PeerScoreParams> {
  return {
    IPColocationFactorWeight: 0,
    appSpecificScore: appScore,
    appSpecificWeight: 1,
    topics: {}
  }
}

interface ScoreInternals {
  score: {
    params: PeerScoreParams
    peerStats: Map<string, { knownIPs: Set<string> }>
    peerIPs: Map<string, Set<string>>
  }
}

/**
 * Whether an address is this machine's own (127.0.0.0/8, ::1, or IPv4 loopback mapped into IPv6):
 * peers there are processes on one host (a process cluster, tests), not sybils behind one NAT.
 */
export function isLoopbackIp (ip: string): boolean {
  return ip.startsWith('127.') || ip === '::1' || ip.startsWith('::ffff:127.')
}

/**
 * Peerhood's colocation term of a peer: 0 unless it is a proven member, then
 * `weight × surplus²` for each of its IPs shared by more than the threshold of proven members
 * (peers that are not members are not counted, so they cannot push members out). Loopback
 * addresses are not counted: a cluster of 32 member processes on one machine all share 127.0.0.1.
 */
export function memberColocation (pubsub: object, peerId: string, isMember: (peerId: string) => boolean): number {
  if (!isMember(peerId)) return 0
  const { peerStats, peerIPs } = (pubsub as unknown as ScoreInternals).score
  let score = 0
  for (const ip of peerStats.get(peerId)?.knownIPs ?? []) {
    if (isLoopbackIp(ip)) continue
    let members = 0
    for (const other of peerIPs.get(ip) ?? []) if (isMember(other)) members++
    const surplus = members - MEMBER_COLOCATION_THRESHOLD
    if (surplus > 0) score += MEMBER_COLOCATION_WEIGHT * surplus * surplus
  }
  return score
}

/** Starts counting P1–P4 for a topic (gossipsub takes topic params only at construction). */
export function scoreTopic (pubsub: object, topic: string): void {
  const params = (pubsub as unknown as ScoreInternals).score.params
  params.topics[topic] ??= groupTopicScoreParams()
}

/** Stops counting a topic. */
export function unscoreTopic (pubsub: object, topic: string): void {
  delete (pubsub as unknown as ScoreInternals).score.params.topics[topic]
}
