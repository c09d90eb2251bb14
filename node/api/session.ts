/**
 * Dashboard login without the bearer token in the browser: `peerhood ui` asks (with the token)
 * for a one-time code, the page trades the code for an HttpOnly, SameSite=Strict session cookie.
 * Codes and sessions live in memory only: a restarted node forgets them.
 */
import { createHash, randomBytes } from 'node:crypto'

/** How long a login code may be redeemed, in milliseconds. */
export const LOGIN_CODE_TTL_MS = 60_000

/** How long a dashboard session lasts, in milliseconds (12 h). */
export const SESSION_TTL_MS = 12 * 60 * 60 * 1000

/** Unredeemed codes kept at once; the oldest is dropped beyond it. */
const MAX_CODES = 16

/** Sessions kept at once; the oldest is dropped beyond it. */
const MAX_SESSIONS = 64

function digest (text: string): string {
  return createHash('sha256').update(text).digest('base64url')
}

/** One-time login codes and the sessions they opened, for one API server. */
export class UiSessions {
  /** Name of the session cookie (per port: every port of 127.0.0.1 shares one cookie jar). */
  readonly cookieName: string
  private readonly now: () => number
  /** sha256 of each unredeemed code → expiry; only hashes are kept. */
  private readonly codes = new Map<string, number>()
  /** sha256 of each session id → expiry. */
  private readonly sessions = new Map<string, number>()

  constructor (port: number, now: () => number = Date.now) {
    this.cookieName = `peerhood_session_${port}`
    this.now = now
  }

  /** A fresh single-use code, valid {@link LOGIN_CODE_TTL_MS}. */
  issueCode (): { code: string, expiresMs: number } {
    const code = randomBytes(16).toString('base64url')
    const expiresMs = this.now() + LOGIN_CODE_TTL_MS
    bounded(this.codes, MAX_CODES).set(digest(code), expiresMs)
    return { code, expiresMs }
  }

  /** Redeems a code (once, before it expires): the new session id, or undefined. */
  redeem (code: string): string | undefined {
    const key = digest(code)
    const expires = this.codes.get(key)
    this.codes.delete(key)
    if (expires === undefined || expires < this.now()) return undefined
    const session = randomBytes(32).toString('base64url')
    bounded(this.sessions, MAX_SESSIONS).set(digest(session), this.now() + SESSION_TTL_MS)
    return session
  }

  /** The `Set-Cookie` value for a session. */
  cookie (session: string): string {
    return `${this.cookieName}=${session}; HttpOnly; SameSite=Strict; Path=/; Max-Age=${SESSION_TTL_MS / 1000}`
  }

  /** Whether a `Cookie` header carries a live session of this server. */
  isValid (cookieHeader: string | undefined): boolean {
    if (cookieHeader === undefined) return false
    for (const part of cookieHeader.split(';')) {
      const eq = part.indexOf('=')
      if (part.slice(0, eq).trim() !== this.cookieName) continue
      const key = digest(part.slice(eq + 1).trim())
      const expires = this.sessions.get(key)
      if (expires === undefined) continue
      if (expires < this.now()) {
        this.sessions.delete(key)
        continue
      }
      // the lookup is by a hash of the cookie: its timing says nothing about a live session id
      return true
    }
    return false
  }
}

/** `map` after dropping its oldest entries so one more fits under `max`. */
function bounded (map: Map<string, number>, max: number): Map<string, number> {
  while (map.size >= max) {
    const oldest = map.keys().next().value
    if (oldest === undefined) break
    map.delete(oldest)
  }
  return map
}
