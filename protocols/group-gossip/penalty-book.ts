/**
 * Peerhood's own record of misbehaving peers, kept because gossipsub's is not enough: gossipsub 17
 * overwrites a disconnected peer's retained score when it reconnects, so a graylisted peer could
 * hang up and come back clean. The book survives reconnects: its penalty points decay with a
 * half-life, and gossipsub reads them through `appSpecificScore` (P5), so a peer's penalty holds
 * for its decay period however often it reconnects.
 *
 * Bounded: at most `capacity` peers; when full, the least penalised is forgotten first, so an
 * attacker must earn more penalties than a peer already holds to push it out.
 */

/** Why a peer was penalised: a closed set, counted in metrics. */
export type PenaltyReason =
  /** A gossip bundle with a rejected record. */
  | 'gossip-rejected'
  /** More records of unknown signers than the sender may have parked. */
  | 'unknown-signer-flood'
  /** Records rejected in a sync session. */
  | 'sync-rejected'

/** Every penalty reason. */
export const PENALTY_REASONS: readonly PenaltyReason[] = ['gossip-rejected', 'unknown-signer-flood', 'sync-rejected']

/** Options of {@link PenaltyBook}. */
export interface PenaltyBookInit {
  /** Most peers remembered. @default 4096 */
  capacity?: number
  /** Time for a peer's points to halve, in milliseconds. @default 600000 (10 minutes) */
  halfLifeMs?: number
  /** Most points a peer can hold (bounds how long a cool-down lasts). @default 64 */
  maxPoints?: number
  /** Points at which a peer is disconnected and refused until they decay below it. @default 8 */
  coolDownPoints?: number
  /** Score per squared point, as gossipsub's P4 counts invalid messages. @default -20 */
  weight?: number
  /** Clock, epoch milliseconds. @default Date.now */
  now?: () => number
}

/** Default half-life of a penalty: 10 minutes. */
export const PENALTY_HALF_LIFE_MS = 600_000

interface Entry { points: number, at: number }

/** A bounded book of penalty points per PeerId, decaying with a half-life. */
export class PenaltyBook {
  private readonly entries = new Map<string, Entry>()
  private readonly capacity: number
  private readonly halfLifeMs: number
  private readonly maxPoints: number
  /** Points at which a peer cools down (is disconnected and refused). */
  readonly coolDownPoints: number
  private readonly weight: number
  private readonly now: () => number
  private readonly penalisedBy = new Map<PenaltyReason, number>()

  constructor (init: PenaltyBookInit = {}) {
    this.capacity = init.capacity ?? 4096
    this.halfLifeMs = init.halfLifeMs ?? PENALTY_HALF_LIFE_MS
    this.maxPoints = init.maxPoints ?? 64
    this.coolDownPoints = init.coolDownPoints ?? 8
    this.weight = init.weight ?? -20
    this.now = init.now ?? Date.now
  }

  /**
   * Adds penalty points to a peer, up to `ceiling` (a penalty that may graylist but not cool
   * down passes `coolDownPoints - 1`); resolves whether it is now cooling down.
   */
  penalise (peerId: string, points: number, reason: PenaltyReason, ceiling: number = this.maxPoints): boolean {
    this.penalisedBy.set(reason, (this.penalisedBy.get(reason) ?? 0) + 1)
    const current = this.points(peerId)
    if (current === 0 && !this.entries.has(peerId)) this.makeRoom()
    const next = Math.max(current, Math.min(this.maxPoints, ceiling, current + points))
    this.entries.set(peerId, { points: next, at: this.now() })
    return next >= this.coolDownPoints
  }

  /** A peer's points now (decayed). */
  points (peerId: string): number {
    const entry = this.entries.get(peerId)
    if (entry === undefined) return 0
    const points = entry.points * 2 ** (-(this.now() - entry.at) / this.halfLifeMs)
    if (points < 0.1) {
      this.entries.delete(peerId)
      return 0
    }
    return points
  }

  /** The peer's gossipsub P5 score: `weight × points²`, 0 for a clean peer. */
  score (peerId: string): number {
    const p = this.points(peerId)
    return p === 0 ? 0 : this.weight * p * p
  }

  /** Whether a peer is cooling down: to be disconnected and refused until its points decay. */
  coolingDown (peerId: string): boolean {
    return this.points(peerId) >= this.coolDownPoints
  }

  /** Peers in the book now. */
  get size (): number {
    return this.entries.size
  }

  /** Peers in the book cooling down now. */
  coolingDownCount (): number {
    let n = 0
    for (const id of [...this.entries.keys()]) if (this.coolingDown(id)) n++
    return n
  }

  /** Penalties given so far, by reason. */
  penalties (): Array<{ reason: PenaltyReason, count: number }> {
    return PENALTY_REASONS.map(reason => ({ reason, count: this.penalisedBy.get(reason) ?? 0 }))
  }

  private makeRoom (): void {
    if (this.entries.size < this.capacity) return
    let weakest: string | undefined
    let least = Infinity
    for (const id of [...this.entries.keys()]) {
      const p = this.points(id)
      if (p === 0) return // decayed away: room made
      if (p < least) { least = p; weakest = id }
    }
    if (weakest !== undefined) this.entries.delete(weakest)
  }
}
