/**
 * When a watched contact that is not reachable is looked for again: the group reconnector's
 * capped exponential backoff with jitter, per contact. Pure: the time and the random draw come in.
 */
import { type ReconnectBackoff, reconnectDelay } from '../peer-groups/reconnect-schedule.ts'

/** Backoff of the contact finder: at once, then 2 s, 4 s … up to 5 min. */
export const FIND_BACKOFF: ReconnectBackoff = { minDelayMs: 2_000, maxDelayMs: 5 * 60_000, factor: 2, jitter: 0.2 }

/** Where one contact's search stands. */
export interface FindState {
  /** Attempts made since the contact was last reached. */
  attempt: number
  /** Epoch milliseconds before which no attempt is made. */
  nextAt: number
}

/** Whether an attempt is due. A contact never tried is due at once. */
export function findDue (state: FindState | undefined, now: number): boolean {
  return state === undefined || state.nextAt <= now
}

/** The state after an attempt started at `now`. */
export function afterFindAttempt (state: FindState | undefined, now: number, backoff: ReconnectBackoff = FIND_BACKOFF, random = 0): FindState {
  const attempt = (state?.attempt ?? 0) + 1
  return { attempt, nextAt: now + reconnectDelay(attempt, backoff, random) }
}
