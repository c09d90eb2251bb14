/**
 * Record bundles arriving on gossip, validated asynchronously: every record of a bundle goes
 * through the same ingress as sync, one after the other, and the bundle's verdict is reported to
 * gossipsub, which forwards accepted bundles and scores rejected ones against their senders.
 *
 * A bundle is forwarded only when every record in it is one this node would forward itself: the
 * first rejected record rejects the bundle and ends its judging (records before it stay stored;
 * an honest publisher's records reach everyone by sync anyway), so a forged bundle costs one
 * signature check however many records it claims. A record whose signer is not known yet holds its bundle (not forwarded, not dropped)
 * until the signer's membership arrives, then the bundle is reported — as long as gossipsub
 * still has it in its message cache.
 *
 * A bundle is forwarded only when this node holds the membership (or credentials) record of
 * every signer that makes it worth forwarding: a neighbour that cannot place a signer pulls from
 * this node, and that pull must bring the signer's credential. So a neighbour may hold the relay
 * to account for records it could not vouch for (see `penalties.ts`).
 */
import { TopicValidatorResult } from '@libp2p/gossipsub'
import { decodeBundle } from '../group-gossip/bundle.ts'
import type { PenaltyReason } from '../group-gossip/penalty-book.ts'
import { type IngressVerdict, verdict as makeVerdict } from '../records/reasons.ts'
import { bytesKey } from '../common/bytes.ts'

/** What gossip ingress needs from the groups service. */
export interface GossipIngressHost {
  /** The group a topic belongs to, if this node is a member. */
  groupOfTopic (topic: string): string | undefined
  /** Whether `peerId` has proven membership of `groupId` on its connection. */
  isProven (groupId: string, peerId: string): boolean
  /** Whether this node holds the record of `peerId`'s credential in `groupId` (a pull from it hands the credential on). */
  vouches (groupId: string, peerId: string): boolean
  /** Runs a record relayed by `source` through ingress. */
  ingest (groupId: string, bytes: Uint8Array, source: string): Promise<IngressVerdict>
  /** Counts a verdict reached before ingress (a message that is not a bundle). */
  count (verdict: IngressVerdict, groupId: string): void
  /** Penalises the peer that relayed a rejected bundle (beyond gossipsub's score, which a reconnect resets). */
  penalise (peerId: string, reason: PenaltyReason): void
  /** Reconciles with the peer that relayed a record of an unknown signer. */
  pullFrom (groupId: string, peerId: string): void
  /** Reports a verdict to gossipsub; false when it accepted the message too late to forward it. */
  report (msgId: string, propagationSource: string, result: TopicValidatorResult): boolean | undefined
  /** A bundle of `groupId` was accepted too late for gossipsub to forward it: members may lack its records. */
  forwardLost (groupId: string): void
  now (): number
}

/** How long a held bundle waits for its signers, in milliseconds (gossipsub's message cache is ~5 s). */
export const HOLD_MS = 4_000

/** A bundle waiting for the memberships of some of its records' signers. */
interface HeldBundle {
  groupId: string
  msgId: string
  source: string
  since: number
  /** Verdict of each record, by record hash ({@link bytesKey}); `defer` until settled. */
  verdicts: Map<string, IngressVerdict>
}

const hashKey = (verdict: IngressVerdict): string | undefined =>
  verdict.record === undefined ? undefined : bytesKey(verdict.record.hash)

/** Validates gossip bundles and reports their verdicts. */
export class GossipIngress {
  /** record hash (hex) → bundles waiting on that record */
  private readonly waiting = new Map<string, Set<HeldBundle>>()
  private readonly held = new Set<HeldBundle>()

  constructor (private readonly host: GossipIngressHost) {}

  /** Handles one `gossipsub:message`. */
  async onMessage (msgId: string, source: string, topic: string, data: Uint8Array): Promise<void> {
    const groupId = this.host.groupOfTopic(topic)
    // relayed records from peers that have not proven membership are not taken (the gate keeps
    // the group's traffic from them, so this only happens in the moment before their proof)
    if (groupId === undefined || !this.host.isProven(groupId, source)) {
      this.host.report(msgId, source, TopicValidatorResult.Ignore)
      return
    }
    const records = decodeBundle(data)
    if (records === undefined) {
      this.host.count(makeVerdict('MALFORMED', undefined, 'not a record bundle'), groupId)
      this.reject(msgId, source, 'gossip-rejected')
      return
    }
    const verdicts: IngressVerdict[] = []
    for (const bytes of records) {
      const v = await this.host.ingest(groupId, bytes, source)
      verdicts.push(v)
      // one refused record settles the bundle: the rest need not be judged for gossip's sake
      if (v.action === 'reject') break
    }
    const result = bundleResult(verdicts)
    if (result !== undefined) {
      this.settleBundle(groupId, msgId, source, result, verdicts)
      return
    }
    this.hold(groupId, msgId, source, verdicts)
    this.host.pullFrom(groupId, source)
  }

  private hold (groupId: string, msgId: string, source: string, verdicts: IngressVerdict[]): void {
    const bundle: HeldBundle = { groupId, msgId, source, since: this.host.now(), verdicts: new Map() }
    for (const v of verdicts) {
      const key = hashKey(v)
      if (key === undefined) continue
      bundle.verdicts.set(key, v)
      if (v.action !== 'defer') continue
      const set = this.waiting.get(key)
      if (set === undefined) this.waiting.set(key, new Set([bundle]))
      else set.add(bundle)
    }
    this.held.add(bundle)
  }

  private settleBundle (groupId: string, msgId: string, source: string, result: TopicValidatorResult, verdicts: Iterable<IngressVerdict>): void {
    if (result === TopicValidatorResult.Reject) {
      this.reject(msgId, source, 'gossip-rejected')
      return
    }
    if (result === TopicValidatorResult.Accept) {
      for (const v of verdicts) {
        const modifier = v.record?.record.modifier
        if (modifier !== undefined && resultOf(v) === TopicValidatorResult.Accept && !this.host.vouches(groupId, modifier)) {
          result = TopicValidatorResult.Ignore
          break
        }
      }
    }
    if (this.host.report(msgId, source, result) === false) this.host.forwardLost(groupId)
  }

  private reject (msgId: string, source: string, reason: PenaltyReason): void {
    this.host.report(msgId, source, TopicValidatorResult.Reject)
    this.host.penalise(source, reason)
  }

  private release (bundle: HeldBundle, result: TopicValidatorResult): void {
    this.held.delete(bundle)
    for (const key of bundle.verdicts.keys()) {
      const set = this.waiting.get(key)
      set?.delete(bundle)
      if (set?.size === 0) this.waiting.delete(key)
    }
    this.settleBundle(bundle.groupId, bundle.msgId, bundle.source, result, bundle.verdicts.values())
  }

  /** Reports the verdicts of held bundles whose parked records were retried. */
  settle (verdicts: IngressVerdict[]): void {
    for (const v of verdicts) {
      if (v.action === 'defer') continue
      const key = hashKey(v)
      const bundles = key === undefined ? undefined : this.waiting.get(key)
      if (bundles === undefined || key === undefined) continue
      for (const bundle of [...bundles]) {
        bundle.verdicts.set(key, v)
        const result = bundleResult([...bundle.verdicts.values()])
        if (result !== undefined) this.release(bundle, result)
      }
    }
  }

  /** Gives up on bundles held longer than {@link HOLD_MS} (their records stay parked in the database). */
  expire (): void {
    const cutoff = this.host.now() - HOLD_MS
    for (const bundle of [...this.held]) {
      if (bundle.since <= cutoff) this.release(bundle, TopicValidatorResult.Ignore)
    }
  }

  /** Bundles held now. */
  get heldCount (): number {
    return this.held.size
  }
}

/** A verdict as gossipsub's validation result: a record we already hold is still a valid one to forward. */
export function resultOf (verdict: IngressVerdict): TopicValidatorResult {
  if (verdict.action === 'accept' || verdict.reason === 'DUPLICATE') return TopicValidatorResult.Accept
  return verdict.action === 'reject' ? TopicValidatorResult.Reject : TopicValidatorResult.Ignore
}

/**
 * The validation result of a bundle from its records' verdicts: Reject if any record is rejected;
 * undefined (hold it) while any is deferred; Accept if any is one to forward; else Ignore.
 */
export function bundleResult (verdicts: readonly IngressVerdict[]): TopicValidatorResult | undefined {
  let forward = false
  let deferred = false
  for (const v of verdicts) {
    const result = resultOf(v)
    if (result === TopicValidatorResult.Reject) return TopicValidatorResult.Reject
    if (v.action === 'defer') deferred = true
    else if (result === TopicValidatorResult.Accept) forward = true
  }
  if (deferred) return undefined
  return forward ? TopicValidatorResult.Accept : TopicValidatorResult.Ignore
}
