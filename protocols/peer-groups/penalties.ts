/**
 * What misbehaviour costs a member: penalty points in the book (which gossipsub reads into the
 * peer's score, and which survive reconnects), and past the book's cool-down threshold a hang-up,
 * repeated whenever the peer proves membership again until its points decay.
 *
 * Gossip: each rejected bundle costs {@link GOSSIP_REJECT_POINTS}; records of unknown signers
 * that a pull from their relay does not place cost it a point per {@link UNVOUCHED_PER_POINT}. Sync: a session may carry a
 * few rejected records for free (an honest peer can hold a record this node judges differently,
 * e.g. across a credential renewal); beyond {@link SYNC_REJECT_ALLOWANCE} each costs
 * {@link SYNC_REJECT_POINTS}, and a session whose sender cools down is aborted (`THROTTLED`).
 */
import { peerIdFromString } from '@libp2p/peer-id'
import type { ConnectionManager } from '@libp2p/interface-internal'
import { PeerhoodError } from '../common/errors.ts'
import type { PenaltyBook, PenaltyReason } from '../group-gossip/penalty-book.ts'
import type { IngressVerdict } from '../records/reasons.ts'

/** Points per rejected gossip bundle (three graylist a peer; see `PenaltyBook`). */
export const GOSSIP_REJECT_POINTS = 1
/**
 * Records of unknown signers, relayed by a peer and still unplaced after a pull from it, per
 * point: 128 (half a sender's parking budget) cool it down. An honest relay forwards only
 * records whose signers' credentials it holds, so a pull from it places them all.
 */
export const UNVOUCHED_PER_POINT = 16
/** Pull rounds after which a relay's records still unplaced are left to expire from the queue. */
export const MAX_PULL_ROUNDS = 4
/** Rejected records a sync session may carry without cost. */
export const SYNC_REJECT_ALLOWANCE = 16
/** Points per rejected record of a sync session beyond the allowance. */
export const SYNC_REJECT_POINTS = 0.25

/** What {@link GroupPenalties} needs. */
export interface GroupPenaltiesInit {
  /** The book (the gossip service's). */
  book: () => PenaltyBook
  connectionManager: Pick<ConnectionManager, 'closeConnections'>
  log: (format: string, ...args: unknown[]) => void
  /** Clock, epoch milliseconds (the database's). */
  now: () => number
}

/** Penalties of the groups service. */
export class GroupPenalties {
  constructor (private readonly init: GroupPenaltiesInit) {}

  /** Adds points to a peer (up to `ceiling`); hangs up on it when it starts cooling down. */
  penalise (peerId: string, points: number, reason: PenaltyReason, ceiling?: number): void {
    if (this.init.book().penalise(peerId, points, reason, ceiling)) this.hangUp(peerId)
  }

  /**
   * Penalises the relay of a rejected gossip bundle. A rejected record alone graylists but never
   * cools a peer down (members' views of a record can differ for a moment, e.g. across a
   * credential renewal, and a graylisted peer's gossip is dropped anyway); a flood of records
   * of unknown signers does.
   */
  gossipRejected (peerId: string, reason: PenaltyReason): void {
    this.penalise(peerId, GOSSIP_REJECT_POINTS, reason, this.init.book().coolDownPoints - 1)
  }

  /**
   * Pulls from a relay of records whose signers are unknown here, then holds it to account for
   * those it parked before the pull and the pull did not place (a failed pull places nothing).
   * Records parked during a pull are judged by the next round, up to {@link MAX_PULL_ROUNDS}.
   * `parked(after, upTo)` counts the relay's records first parked in (after, upTo] still parked.
   */
  async pull (peerId: string, sync: () => Promise<void>, parked: (after: number, upTo: number) => number): Promise<void> {
    let after = -Infinity
    for (let round = 0; round < MAX_PULL_ROUNDS; round++) {
      const upTo = this.init.now()
      await sync().catch(err => { this.init.log('pull from %s failed: %s', peerId, err?.message) })
      const unplaced = parked(after, upTo)
      if (unplaced > 0) this.penalise(peerId, unplaced / UNVOUCHED_PER_POINT, 'unknown-signer-flood')
      if (this.init.book().coolingDown(peerId) || parked(upTo, Infinity) === 0) return
      after = upTo
    }
  }

  /** False, and hangs up on it, for a peer cooling down. */
  admits (peerId: string): boolean {
    if (!this.init.book().coolingDown(peerId)) return true
    this.hangUp(peerId)
    return false
  }

  /**
   * A judge for the records of one sync session with `peerId`: counts its rejected records,
   * penalises those beyond the allowance, and throws `THROTTLED` once the peer cools down.
   * Records of unknown signers beyond the sender's parking budget cost nothing here: an honest
   * first sync of a large group can bring many before their signers' memberships.
   */
  syncSession (peerId: string): (verdict: IngressVerdict) => void {
    let rejected = 0
    return (verdict) => {
      if (verdict.action !== 'reject' || verdict.reason === 'UNKNOWN_SIGNER_FLOOD') return
      if (++rejected <= SYNC_REJECT_ALLOWANCE) return
      this.penalise(peerId, SYNC_REJECT_POINTS, 'sync-rejected')
      if (this.init.book().coolingDown(peerId)) {
        throw new PeerhoodError('THROTTLED', 'the sync peer sent too many rejected records', { details: { peerId, rejected } })
      }
    }
  }

  private hangUp (peerId: string): void {
    this.init.connectionManager.closeConnections(peerIdFromString(peerId)).catch(err => { this.init.log('hang-up on %s failed: %s', peerId, err?.message) })
  }
}
