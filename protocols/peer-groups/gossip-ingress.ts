/**
 * Records arriving on gossip, validated asynchronously: every message goes through the same
 * ingress as sync, and its verdict is reported to gossipsub, which forwards accepted records and
 * scores rejected ones against their senders. A record whose signer is not known yet is held
 * (not forwarded, not dropped) until the signer's membership arrives, then reported and
 * forwarded — as long as gossipsub still has it in its message cache.
 */
import { TopicValidatorResult } from '@libp2p/gossipsub'
import type { IngressVerdict } from '../records/reasons.ts'

/** What gossip ingress needs from the groups service. */
export interface GossipIngressHost {
  /** The group a topic belongs to, if this node is a member. */
  groupOfTopic (topic: string): string | undefined
  /** Whether `peerId` has proven membership of `groupId` on its connection. */
  isProven (groupId: string, peerId: string): boolean
  /** Runs a record through ingress. */
  ingest (groupId: string, bytes: Uint8Array): Promise<IngressVerdict>
  /** Reconciles with the peer that relayed a record of an unknown signer. */
  pullFrom (groupId: string, peerId: string): void
  /** Reports a verdict to gossipsub. */
  report (msgId: string, propagationSource: string, result: TopicValidatorResult): void
  now (): number
}

/** How long a held record waits for its signer, in milliseconds (gossipsub's message cache is ~5 s). */
export const HOLD_MS = 4_000

interface Held { msgId: string, source: string, since: number }

/** Validates gossip messages and reports their verdicts. */
export class GossipIngress {
  /** record hash (hex) → held message */
  private readonly held = new Map<string, Held>()

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
    const verdict = await this.host.ingest(groupId, data)
    if (verdict.action === 'defer' && verdict.record !== undefined) {
      this.held.set(Buffer.from(verdict.record.hash).toString('hex'), { msgId, source, since: this.host.now() })
      this.host.pullFrom(groupId, source)
      return
    }
    this.host.report(msgId, source, resultOf(verdict))
  }

  /** Reports the verdicts of parked records that were retried (accepted ones are forwarded now). */
  settle (verdicts: IngressVerdict[]): void {
    for (const verdict of verdicts) {
      if (verdict.record === undefined || verdict.action === 'defer') continue
      const key = Buffer.from(verdict.record.hash).toString('hex')
      const held = this.held.get(key)
      if (held === undefined) continue
      this.held.delete(key)
      this.host.report(held.msgId, held.source, resultOf(verdict))
    }
  }

  /** Gives up on records held longer than {@link HOLD_MS} (they stay parked in the database). */
  expire (): void {
    const cutoff = this.host.now() - HOLD_MS
    for (const [key, held] of this.held) {
      if (held.since > cutoff) continue
      this.held.delete(key)
      this.host.report(held.msgId, held.source, TopicValidatorResult.Ignore)
    }
  }

  /** Messages held now. */
  get heldCount (): number {
    return this.held.size
  }
}

/** A verdict as gossipsub's validation result: a record we already hold is still a valid one to forward. */
export function resultOf (verdict: IngressVerdict): TopicValidatorResult {
  if (verdict.action === 'accept' || verdict.reason === 'DUPLICATE') return TopicValidatorResult.Accept
  return verdict.action === 'reject' ? TopicValidatorResult.Reject : TopicValidatorResult.Ignore
}
