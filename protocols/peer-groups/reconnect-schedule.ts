/**
 * When a group with no proven connection tries its members again: capped exponential backoff
 * with jitter. Pure: the attempt number and the random draw come in, a delay goes out.
 */

/** Backoff settings of the reconnector. */
export interface ReconnectBackoff {
  /** Delay before the second attempt, in milliseconds (the first runs at once). @default 1000 */
  minDelayMs: number
  /** Longest delay between two attempts, in milliseconds. @default 60000 */
  maxDelayMs: number
  /** Growth factor from one delay to the next. @default 2 */
  factor: number
  /**
   * Share of each delay drawn at random (0 = none, 0.5 = the delay lies in [50 %, 100 %] of its
   * nominal value), so members cut off together do not all redial in the same instant. @default 0.2
   */
  jitter: number
}

/** Defaults of {@link ReconnectBackoff}. */
export const DEFAULT_RECONNECT_BACKOFF: ReconnectBackoff = { minDelayMs: 1_000, maxDelayMs: 60_000, factor: 2, jitter: 0.2 }

/**
 * Milliseconds to wait before attempt `attempt` (0-based): 0 for the first, then
 * `minDelayMs · factor^(attempt-1)` capped at `maxDelayMs`, less up to `jitter` of it.
 * `random` is a draw in [0, 1).
 */
export function reconnectDelay (attempt: number, backoff: ReconnectBackoff = DEFAULT_RECONNECT_BACKOFF, random = 0): number {
  if (!Number.isFinite(attempt) || attempt <= 0) return 0
  const min = Math.max(0, backoff.minDelayMs)
  const max = Math.max(min, backoff.maxDelayMs)
  // the exponent is bounded so a long outage never overflows to Infinity
  const nominal = Math.min(max, min * Math.max(1, backoff.factor) ** Math.min(attempt - 1, 64))
  const jitter = Math.min(1, Math.max(0, backoff.jitter))
  const draw = Math.min(1, Math.max(0, random))
  return Math.round(nominal * (1 - jitter * draw))
}
