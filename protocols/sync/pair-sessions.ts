/**
 * One reconciliation per pair and group at a time. When two members connect, both may want to
 * sync (the one that has never synchronised, and the lower PeerId): without this, the whole
 * database would cross the wire twice. Sessions are bidirectional, so one is enough: a second
 * request from either side joins the running session instead of starting its own.
 *
 * Both sides decide the same way when their requests cross: the session started by the lower
 * PeerId runs, the other is refused with `BUSY`, and its initiator joins the session it is then
 * answering.
 */
import { PeerhoodError } from '../common/errors.ts'
import type { RespondOutcome } from './responder.ts'
import type { SyncResult } from './types.ts'

/** How long a finished inbound session can still be joined, in milliseconds. */
export const JOINABLE_AFTER_END_MS = 10_000

/** What to do with an inbound session request, given what already runs for its pair and group. */
export type InboundDecision = 'accept' | 'busy'

/**
 * Pure rule: an inbound request is refused while another inbound session of the pair and group
 * runs, and while our own outbound one runs and wins the tie; otherwise it is accepted (and an
 * outbound session of ours, if any, will be refused by the peer). Of two crossing sessions, one
 * asking for everything (its initiator holds nothing: a member that never synchronised the group)
 * wins, so a fresh member pulls the group in one stream instead of waiting for the other side to
 * index its whole set and push it; otherwise the lower PeerId's wins. Both sides know both
 * sessions' kinds (their own, and the Hello they received), so they decide alike.
 */
export function inboundDecision (state: { inbound: boolean, outbound: boolean, localPeer: string, remotePeer: string, outboundSolicits?: boolean, inboundSolicits?: boolean }): InboundDecision {
  if (state.inbound) return 'busy'
  if (!state.outbound) return 'accept'
  const ours = state.outboundSolicits === true
  const theirs = state.inboundSolicits === true
  if (ours !== theirs) return ours ? 'busy' : 'accept'
  return state.localPeer < state.remotePeer ? 'busy' : 'accept'
}

/** The key of a pair and group. */
export function pairKey (groupId: string, remotePeer: string): string {
  return `${groupId}\n${remotePeer}`
}

interface Inbound {
  startedAt: number
  done: Promise<RespondOutcome>
  settled: boolean
  connectionId: string
}

/** A claimed inbound session: call `end` with its outcome when it finishes. */
export interface InboundClaim {
  end (outcome: RespondOutcome): void
}

/** The sessions running (and just finished, for joining) per pair and group. */
export class PairSessions {
  readonly #localPeer: string
  readonly #outbound = new Map<string, Promise<SyncResult>>()
  /** The outbound sessions that ask for everything (see {@link inboundDecision}). */
  readonly #soliciting = new WeakSet<Promise<SyncResult>>()
  readonly #inbound = new Map<string, Inbound>()
  readonly #inboundWaiters = new Map<string, Set<() => void>>()
  readonly #now: () => number

  constructor (localPeer: string, now: () => number = () => performance.now()) {
    this.#localPeer = localPeer
    this.#now = now
  }

  /** The running outbound session of a pair and group, if any. */
  outbound (key: string): Promise<SyncResult> | undefined {
    return this.#outbound.get(key)
  }

  /** The running (or just finished) inbound session of a pair and group, as an initiator's result. */
  inbound (key: string, since = -Infinity): Promise<SyncResult> | undefined {
    const inbound = this.#inbound.get(key)
    if (inbound === undefined || inbound.startedAt < since) return undefined
    return inbound.done.then(asSyncResult)
  }

  /** The inbound session of a pair and group running now (not one that has ended), as an initiator's result. */
  runningInbound (key: string): Promise<SyncResult> | undefined {
    const inbound = this.#inbound.get(key)
    return inbound?.settled === false ? inbound.done.then(asSyncResult) : undefined
  }

  /** The session of a pair and group running now, either way, if any (settles when it ends). */
  running (key: string): Promise<unknown> | undefined {
    const inbound = this.#inbound.get(key)
    return this.#outbound.get(key) ?? (inbound?.settled === false ? inbound.done : undefined)
  }

  /** Registers an outbound session (`solicits`: it asks for everything); it is forgotten when it settles. */
  trackOutbound (key: string, session: Promise<SyncResult>, solicits = false): void {
    this.#outbound.set(key, session)
    if (solicits) this.#soliciting.add(session)
    const forget = (): void => { if (this.#outbound.get(key) === session) this.#outbound.delete(key) }
    session.then(forget, forget)
  }

  /**
   * Claims an inbound session for the pair and group (`solicits`: its initiator asks for
   * everything), or undefined when it must be refused as busy.
   * A running inbound session on another connection does not count: the peer asks again on a new
   * connection when the old one died (a relayed circuit cut at its limit) before its session ended.
   */
  claimInbound (key: string, remotePeer: string, connectionId = '', solicits = false): InboundClaim | undefined {
    const running = this.#inbound.get(key)
    const outbound = this.#outbound.get(key)
    const decision = inboundDecision({
      inbound: running?.settled === false && running.connectionId === connectionId,
      outbound: outbound !== undefined,
      localPeer: this.#localPeer,
      remotePeer,
      outboundSolicits: outbound !== undefined && this.#soliciting.has(outbound),
      inboundSolicits: solicits
    })
    if (decision === 'busy') return undefined
    let settle!: (outcome: RespondOutcome) => void
    const done = new Promise<RespondOutcome>(resolve => { settle = resolve })
    const inbound: Inbound = { startedAt: this.#now(), done, settled: false, connectionId }
    this.#inbound.set(key, inbound)
    for (const wake of this.#inboundWaiters.get(key) ?? []) wake()
    return {
      end: (outcome) => {
        inbound.settled = true
        settle(outcome)
        // kept a little longer: a refused initiator may look for it after it ended
        setTimeout(() => { if (this.#inbound.get(key) === inbound) this.#inbound.delete(key) }, JOINABLE_AFTER_END_MS).unref?.()
      }
    }
  }

  /**
   * Waits (up to `timeoutMs`) for an inbound session of the pair and group that started at or after
   * `since`, and resolves with its result; undefined when none came.
   */
  async awaitInbound (key: string, since: number, timeoutMs: number): Promise<SyncResult | undefined> {
    const ready = this.inbound(key, since)
    if (ready !== undefined) return await ready
    const waiters = this.#inboundWaiters.get(key) ?? new Set()
    this.#inboundWaiters.set(key, waiters)
    let wake!: () => void
    const arrived = new Promise<boolean>(resolve => {
      wake = () => { resolve(true) }
      waiters.add(wake)
      setTimeout(() => { resolve(false) }, timeoutMs).unref?.()
    })
    try {
      if (!await arrived) return undefined
    } finally {
      waiters.delete(wake)
      if (waiters.size === 0) this.#inboundWaiters.delete(key)
    }
    return await this.inbound(key, since)
  }

  /** The clock these sessions are timed with. */
  now (): number {
    return this.#now()
  }
}

/** An inbound session's outcome as the result a joined `sync()` call returns; its refusal as the error. */
export function asSyncResult (outcome: RespondOutcome): SyncResult {
  if (outcome.error !== undefined) throw new PeerhoodError(outcome.error, 'the sync session this request joined failed', { details: { joined: true } })
  return {
    mode: outcome.mode ?? 'in-sync',
    roundTrips: 0,
    bytesSent: outcome.bytesSent,
    bytesReceived: outcome.bytesReceived,
    symbols: outcome.symbols,
    recordsReceived: outcome.recordsReceived,
    recordsSent: outcome.recordsSent,
    accepted: outcome.accepted,
    rejected: outcome.rejected,
    remoteAccepted: 0,
    remoteRejected: 0,
    durationMs: outcome.durationMs
  }
}
