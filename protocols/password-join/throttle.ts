/**
 * Throttling failed password attempts: a pure state machine, time passed in on every call.
 *
 * Each key (a remote peer in a group, or a whole group) counts failures in a sliding window.
 * Reaching `maxFailures` within `windowMs` blocks the key for `baseBlockMs`, doubling with every
 * further block (up to `maxBlockMs`) until the key stays quiet for `maxBlockMs + windowMs`, or
 * succeeds. The map is bounded: past `maxEntries` the least recently updated key is forgotten.
 *
 * Two levels: per (peer, group), so one guesser is slowed without bothering anyone else; and per
 * group, so guessers that change PeerId (a new Ed25519 key costs nothing) are still bounded.
 */

/** When a key is blocked. */
export interface ThrottlePolicy {
  /** Failures within `windowMs` that block the key. */
  maxFailures: number
  /** The sliding window, in milliseconds. */
  windowMs: number
  /** First block, in milliseconds; each further one doubles. */
  baseBlockMs: number
  /** Longest block, in milliseconds. */
  maxBlockMs: number
}

/** Options of {@link PasswordThrottle}. */
export interface PasswordThrottleInit {
  /** Per (peer, group). @default 3 failures per 60 s block for 60 s, doubling to 1 h */
  peer?: Partial<ThrottlePolicy>
  /** Per group, all peers together. @default 30 failures per 60 s block for 60 s, doubling to 15 min */
  group?: Partial<ThrottlePolicy>
  /** Most keys remembered. @default 10000 */
  maxEntries?: number
}

/** Default per-peer policy. */
export const DEFAULT_PEER_POLICY: ThrottlePolicy = { maxFailures: 3, windowMs: 60_000, baseBlockMs: 60_000, maxBlockMs: 3_600_000 }

/** Default per-group policy. */
export const DEFAULT_GROUP_POLICY: ThrottlePolicy = { maxFailures: 30, windowMs: 60_000, baseBlockMs: 60_000, maxBlockMs: 900_000 }

interface KeyState {
  failures: number[]
  blocks: number
  blockedUntil: number
  lastFailure: number
}

/** One level of throttling: keys under one policy. */
export class Throttle {
  /** When keys are blocked. */
  readonly policy: ThrottlePolicy
  /** Most keys remembered. */
  readonly maxEntries: number
  readonly #keys = new Map<string, KeyState>()

  /** A throttle with `policy`, remembering at most `maxEntries` keys. @default maxEntries 10000 */
  constructor (policy: ThrottlePolicy, maxEntries = 10_000) {
    this.policy = policy
    this.maxEntries = maxEntries
  }

  /** Keys remembered. */
  get size (): number {
    return this.#keys.size
  }

  #live (key: string, now: number): KeyState | undefined {
    const state = this.#keys.get(key)
    if (state !== undefined && now - state.lastFailure > this.policy.maxBlockMs + this.policy.windowMs && now >= state.blockedUntil) {
      this.#keys.delete(key)
      return undefined
    }
    return state
  }

  /** Milliseconds until `key` may try again; 0 when it may now. */
  retryAfter (key: string, now: number): number {
    const state = this.#live(key, now)
    return state === undefined ? 0 : Math.max(0, state.blockedUntil - now)
  }

  /** Records a failure; returns the block it caused (0 when none). */
  fail (key: string, now: number): number {
    const state = this.#live(key, now) ?? { failures: [], blocks: 0, blockedUntil: 0, lastFailure: now }
    state.failures = state.failures.filter(t => now - t < this.policy.windowMs)
    state.failures.push(now)
    state.lastFailure = now
    let blockMs = 0
    if (state.failures.length >= this.policy.maxFailures) {
      blockMs = Math.min(this.policy.maxBlockMs, this.policy.baseBlockMs * 2 ** state.blocks)
      state.blocks++
      state.blockedUntil = now + blockMs
      state.failures = []
    }
    this.#keys.delete(key)
    this.#keys.set(key, state)
    if (this.#keys.size > this.maxEntries) this.#keys.delete(this.#keys.keys().next().value as string)
    return blockMs
  }

  /** Forgets a key (after a success). */
  clear (key: string): void {
    this.#keys.delete(key)
  }
}

/** Both levels of throttling for password join. */
export class PasswordThrottle {
  /** Per (peer, group). */
  readonly peers: Throttle
  /** Per group. */
  readonly groups: Throttle

  /** Both levels, with the default policies unless overridden. */
  constructor (init: PasswordThrottleInit = {}) {
    const maxEntries = init.maxEntries ?? 10_000
    this.peers = new Throttle({ ...DEFAULT_PEER_POLICY, ...init.peer }, maxEntries)
    this.groups = new Throttle({ ...DEFAULT_GROUP_POLICY, ...init.group }, maxEntries)
  }

  /** Milliseconds until `peerId` may try `groupId` again; 0 when it may now. */
  retryAfter (peerId: string, groupId: string, now: number): number {
    return Math.max(this.peers.retryAfter(peerKey(peerId, groupId), now), this.groups.retryAfter(groupId, now))
  }

  /** Records a wrong password; returns the block now in force (0 when none). */
  fail (peerId: string, groupId: string, now: number): number {
    this.peers.fail(peerKey(peerId, groupId), now)
    this.groups.fail(groupId, now)
    return this.retryAfter(peerId, groupId, now)
  }

  /** Records a right password: the peer's record is cleared (the group's is not). */
  succeed (peerId: string, groupId: string): void {
    this.peers.clear(peerKey(peerId, groupId))
  }
}

function peerKey (peerId: string, groupId: string): string {
  return `${peerId}\n${groupId}`
}
