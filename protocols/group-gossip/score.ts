/**
 * Peer scoring for group topics, tuned so that a peer sending rejected records is graylisted
 * after a few of them (LIBP2P-V3.md §2.4: P4 counts only for topics listed in the score params,
 * and mesh time must be counted in seconds, not milliseconds).
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

/** Global score parameters; `ipColocation` false for loopback tests where every peer shares an IP. */
export function groupScoreParams (options: { ipColocation: boolean }): Partial<PeerScoreParams> {
  return {
    IPColocationFactorWeight: options.ipColocation ? -10 : 0,
    topics: {}
  }
}

interface ScoreInternals { score: { params: PeerScoreParams } }

/** Starts counting P1–P4 for a topic (gossipsub takes topic params only at construction). */
export function scoreTopic (pubsub: object, topic: string): void {
  const params = (pubsub as unknown as ScoreInternals).score.params
  params.topics[topic] ??= groupTopicScoreParams()
}

/** Stops counting a topic. */
export function unscoreTopic (pubsub: object, topic: string): void {
  delete (pubsub as unknown as ScoreInternals).score.params.topics[topic]
}
