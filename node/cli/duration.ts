/**
 * Durations and expiry times as people type them on the command line: `90m`, `500h`, `30d`,
 * `1y`, `1d12h`, `infinite`, or (for expiry) an ISO 8601 / W3C date. Pure.
 */
import { INFINITE, type LifetimeMs } from '../../protocols/certificates/constants.ts'
import { PeerhoodError } from '../../protocols/common/errors.ts'
import { parseW3cDate } from '../../protocols/records/dates.ts'

/** Milliseconds per unit; a year is 365.25 days, as the creator's 1000-year lifetime counts them. */
export const DURATION_UNITS_MS: Readonly<Record<string, number>> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
  y: 31_557_600_000
}

const DURATION = /^(?:\d+(?:ms|s|m|h|d|w|y))+$/
const PART = /(\d+)(ms|s|m|h|d|w|y)/g

/** Whether `text` has the shape of a duration (`1d12h`, `infinite`), valid or not. */
export function looksLikeDuration (text: string): boolean {
  const t = text.trim().toLowerCase()
  return t === 'infinite' || DURATION.test(t)
}

/**
 * A duration in milliseconds from `<n><unit>` parts (`ms`, `s`, `m`, `h`, `d`, `w`, `y`), e.g.
 * `500h`, `1d12h`. Throws `INVALID_ARGUMENT` for anything else (`infinite` included: see
 * {@link parseLifetime}), a zero duration, or one beyond `Number.MAX_SAFE_INTEGER` milliseconds.
 */
export function parseDuration (text: string): number {
  const t = text.trim().toLowerCase()
  if (t === INFINITE) throw new PeerhoodError('INVALID_ARGUMENT', '"infinite" is not allowed here', { details: { value: text } })
  if (!DURATION.test(t)) {
    throw new PeerhoodError('INVALID_ARGUMENT', `not a duration: "${text}" (e.g. 90m, 500h, 30d, 1y, infinite)`, { details: { value: text } })
  }
  let ms = 0
  for (const [, n, unit] of t.matchAll(PART)) ms += Number(n) * DURATION_UNITS_MS[unit!]!
  if (ms <= 0 || !Number.isSafeInteger(ms)) {
    throw new PeerhoodError('INVALID_ARGUMENT', `a duration is positive and finite: "${text}"`, { details: { value: text } })
  }
  return ms
}

/**
 * A certificate lifetime: a duration ({@link parseDuration}) or `infinite`, which is not a number
 * of milliseconds but "as long as the issuer's own certificate" (the issuer resolves it).
 */
export function parseLifetime (text: string): LifetimeMs {
  return text.trim().toLowerCase() === INFINITE ? INFINITE : parseDuration(text)
}

/**
 * An invitation's expiry: `infinite` (as long as the issuer's own certificate) or an expiry
 * time ({@link parseExpiry}).
 */
export function parseInvitationExpiry (text: string, now: number): LifetimeMs {
  return text.trim().toLowerCase() === INFINITE ? INFINITE : parseExpiry(text, now)
}

/**
 * An expiry time in epoch milliseconds: `now` plus a relative duration (`2h`, `30d`), or an
 * absolute W3C / ISO 8601 date (`2026-01-01`, `2026-01-01T12:00:00Z`). Throws `INVALID_ARGUMENT`.
 */
export function parseExpiry (text: string, now: number): number {
  if (looksLikeDuration(text)) return now + parseDuration(text)
  const ms = parseW3cDate(text.trim())
  if (ms === undefined) {
    throw new PeerhoodError('INVALID_ARGUMENT', `not a duration or a date: "${text}" (e.g. 2h, 30d, 2026-01-01T00:00:00Z)`, { details: { value: text } })
  }
  return ms
}
