/**
 * Gossip for group records: one topic per group, `StrictNoSign` with content-hash message ids
 * (the records carry their own signatures), membership-gated subscriptions, and peer scoring
 * that graylists peers that send rejected records.
 *
 * Use `groupGossip()` in place of `gossipsub()` as the `pubsub` service.
 */
import { createHash } from 'node:crypto'
import { installReattach } from './reattach.ts'
import { type GossipReceipts, installReceipts } from './receipts.ts'
import { gossipsub, type GossipSub, type GossipSubComponents, type GossipsubOpts, type TopicValidatorResult } from '@libp2p/gossipsub'
import { type GateDecision, type GateLimits, type GossipGate, installGate } from './gate.ts'
import { PenaltyBook } from './penalty-book.ts'
import { GROUP_SCORE_THRESHOLDS, groupScoreParams, memberColocation } from './score.ts'

export { groupTopic, isGroupTopic, GROUP_TOPIC_PREFIX } from './topic.ts'
export { scoreTopic, unscoreTopic, groupTopicScoreParams, GROUP_SCORE_THRESHOLDS } from './score.ts'
export type { GossipGate, GateDecision, GateLimits } from './gate.ts'
export { PenaltyBook, type PenaltyBookInit, type PenaltyReason } from './penalty-book.ts'
export type { GossipReceipts } from './receipts.ts'

/** A gossipsub service with its membership gate. */
export type GroupGossip = GossipSub & {
  /** The membership gate. */
  readonly gate: GossipGate
  /** Penalties that survive reconnects (P5 of every peer's score). */
  readonly penalties: PenaltyBook
  /** Gossip messages received so far, new, duplicate and invalid, and those accepted too late to forward. */
  readonly receipts: GossipReceipts
  /** Mesh peers of a topic (present on the gossipsub class, not on its interface). */
  getMeshPeers (topic: string): string[]
  /** A peer's current score (present on the gossipsub class, not on its interface). */
  getScore (peerId: string): number
  /**
   * Reports the verdict on a message received with async validation (present on the gossipsub
   * class, not on its interface). Returns false when the verdict was `accept` but the message had
   * left gossipsub's cache, so it was not forwarded (wrapped by `receipts.ts`).
   */
  reportMessageValidationResult (msgId: string, propagationSource: string, acceptance: TopicValidatorResult): boolean
}

/** Options of {@link groupGossip}. */
export interface GroupGossipInit {
  /** Who may receive a group topic's traffic; consulted on subscription, GRAFT and IWANT. */
  allows: GateDecision
  /** Penalise many proven members behind one IP (off for loopback clusters); peers that are not members never count. @default true */
  ipColocation?: boolean
  /** Whether a peer is a proven member of any group (only members count for colocation). @default nobody */
  isMember?: (peerId: string) => boolean
  /** The penalty book read into every peer's score. @default a new book */
  penalties?: PenaltyBook
  /** Bounds of the subscriptions the gate holds back. @default the gate's defaults */
  gateLimits?: GateLimits
  /** Further gossipsub options. @default {} */
  gossipsub?: Partial<GossipsubOpts>
}

/** Content-hash message id: sha256 of the record bytes. */
export function contentMessageId (msg: { data: Uint8Array }): Uint8Array {
  return createHash('sha256').update(msg.data).digest()
}

/** The gated gossipsub service factory. */
export function groupGossip (init: GroupGossipInit): (components: GossipSubComponents) => GroupGossip {
  const penalties = init.penalties ?? new PenaltyBook()
  const isMember = init.isMember ?? (() => false)
  const colocation = init.ipColocation ?? true
  let instance: object | undefined
  const appScore = (peerId: string): number =>
    penalties.score(peerId) + (colocation && instance !== undefined ? memberColocation(instance, peerId, isMember) : 0)
  const make = gossipsub({
    globalSignaturePolicy: 'StrictNoSign',
    msgIdFn: contentMessageId,
    allowPublishToZeroTopicPeers: true,
    ignoreDuplicatePublishError: true,
    emitSelf: false,
    // records are judged by the groups service, which reports each verdict (so a record whose
    // signer is not known yet can be held and forwarded once it is)
    asyncValidation: true,
    scoreParams: groupScoreParams(appScore),
    scoreThresholds: GROUP_SCORE_THRESHOLDS,
    // members reached only through a relay still get live records (docs/relay.md)
    runOnLimitedConnection: true,
    ...init.gossipsub
  })
  return (components) => {
    const ps = make(components)
    instance = ps
    const gate = installGate(ps, init.allows, init.gateLimits)
    const receipts = installReceipts(ps)
    const detach = installReattach(ps, components as Parameters<typeof installReattach>[1])
    const startable = ps as unknown as { stop: () => Promise<void> }
    const stop = startable.stop.bind(ps)
    startable.stop = async () => { detach(); await stop() }
    return Object.assign(ps, { gate, penalties, receipts }) as GroupGossip
  }
}
