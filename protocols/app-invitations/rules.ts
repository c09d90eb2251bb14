/**
 * The decisions of application invitations as pure functions: sizes, expiry, who may deliver,
 * the verified marking, throttling, what a cancellation does in each phase, and how a sender
 * answers a response. No I/O, no clock of their own.
 */
import { PeerhoodError } from '../common/errors.ts'
import {
  DEFAULT_EXPIRY_MS, MAX_APP_ID_CHARS, MAX_EXPIRY_MS, MAX_INVITATION_DATA_BYTES, MAX_INVITATION_MESSAGE_CHARS, MAX_PENDING_PER_SENDER,
  MAX_PENDING_TOTAL, MIN_EXPIRY_MS, SENDER_BURST, SENDER_PER_MINUTE
} from './constants.ts'
import type { AcceptPolicy, IncomingState, InvitationContent, OutgoingState } from './types.ts'

/** Accept policies by name. */
export const ACCEPT_POLICIES: readonly AcceptPolicy[] = ['contacts', 'anyone', 'none']

/** An application id: 1 to 255 characters of letters, digits and `.-_{}`. Code: `INVALID_OBJECT_ID`. */
export function checkAppId (appId: string): string {
  if (typeof appId !== 'string' || appId.length === 0 || appId.length > MAX_APP_ID_CHARS || !/^[A-Za-z0-9._{}-]+$/.test(appId)) {
    throw new PeerhoodError('INVALID_OBJECT_ID', 'an application id is 1 to 255 letters, digits or . - _ { }', { details: { appId } })
  }
  return appId
}

/** A message of at most 255 characters. Code: `INVITATION_MESSAGE_TOO_LONG`. */
export function checkMessage (message: string): string {
  if ([...message].length > MAX_INVITATION_MESSAGE_CHARS) {
    throw new PeerhoodError('INVITATION_MESSAGE_TOO_LONG', `a message is at most ${MAX_INVITATION_MESSAGE_CHARS} characters`, { details: { limit: MAX_INVITATION_MESSAGE_CHARS } })
  }
  return message
}

/** What an invitation carries, checked (the same check runs on the sender and on arrival). Codes: those of the parts, `APPLICATION_DATA_TOO_LARGE`. */
export function checkContent (content: InvitationContent): InvitationContent {
  checkAppId(content.appId)
  checkMessage(content.message)
  if (content.data.byteLength > MAX_INVITATION_DATA_BYTES) {
    throw new PeerhoodError('APPLICATION_DATA_TOO_LARGE', `invitation data is at most ${MAX_INVITATION_DATA_BYTES} bytes`, { details: { limit: MAX_INVITATION_DATA_BYTES, size: content.data.byteLength } })
  }
  return content
}

/** The expiry a sender asks for: default 5 minutes, 1 s to 24 h. Code: `INVALID_TIME_PERIOD`. */
export function senderExpiry (requestedMs?: number): number {
  if (requestedMs === undefined) return DEFAULT_EXPIRY_MS
  if (!Number.isInteger(requestedMs) || requestedMs < MIN_EXPIRY_MS || requestedMs > MAX_EXPIRY_MS) {
    throw new PeerhoodError('INVALID_TIME_PERIOD', 'an invitation expires after 1 second to 24 hours', { details: { min: MIN_EXPIRY_MS, max: MAX_EXPIRY_MS } })
  }
  return requestedMs
}

/** The time a recipient grants an arriving invitation: what the sender asked, at most 24 h; 0 means already expired. */
export function grantedExpiry (wireMs: number): number {
  return Math.min(Math.max(0, wireMs), MAX_EXPIRY_MS)
}

/** Whether `invitations.accept` lets a sender deliver. */
export function mayDeliver (policy: AcceptPolicy, senderIsTrustedContact: boolean): boolean {
  if (policy === 'anyone') return true
  if (policy === 'contacts') return senderIsTrustedContact
  return false
}

/**
 * The recipient's marking: verified only if the sender says it invited this node as its contact
 * (so it checked this PeerId) and the sender is a trusted contact here (the connection proved its
 * PeerId). An endpoint invitation is unverified on both sides.
 */
export function recipientVerified (senderInvitedContact: boolean, senderIsTrustedContact: boolean): boolean {
  return senderInvitedContact && senderIsTrustedContact
}

/** Whether another invitation from a sender may be held: per sender and in total. */
export function roomFor (pendingFromSender: number, pendingTotal: number): boolean {
  return pendingFromSender < MAX_PENDING_PER_SENDER && pendingTotal < MAX_PENDING_TOTAL
}

/** A sender's token bucket: tokens left and when it was last filled (epoch ms). */
export interface Bucket { tokens: number, at: number }

/**
 * Takes one token from a sender's bucket: `burst` at most, refilled at `perMinute`. Returns
 * whether the invitation may pass and the new bucket.
 */
export function takeToken (bucket: Bucket | undefined, now: number, burst = SENDER_BURST, perMinute = SENDER_PER_MINUTE): { allowed: boolean, bucket: Bucket } {
  const start = bucket ?? { tokens: burst, at: now }
  const tokens = Math.min(burst, start.tokens + Math.max(0, now - start.at) * perMinute / 60_000)
  if (tokens >= 1) return { allowed: true, bucket: { tokens: tokens - 1, at: now } }
  return { allowed: false, bucket: { tokens, at: now } }
}

/** Whether an outgoing state is final. */
export function isFinal (state: OutgoingState | IncomingState): boolean {
  return state !== 'queued' && state !== 'sending' && state !== 'delivered' && state !== 'pending'
}

/**
 * What a sender's cancel does: `abort` before delivery (queued or being sent), `notify` the
 * recipient once delivered and unanswered, `noop` once final (the answer stands).
 */
export function cancelAction (state: OutgoingState): 'abort' | 'notify' | 'noop' {
  if (state === 'queued' || state === 'sending') return 'abort'
  if (state === 'delivered') return 'notify'
  return 'noop'
}

/** How a sender answers a recipient's response, given the invitation's state and the time. */
export function responseVerdict (state: OutgoingState | undefined, expiresAt: number, now: number): 'OK' | 'UNKNOWN_INVITATION' | 'CANCELLED' | 'EXPIRED' | 'ALREADY_ANSWERED' {
  if (state === undefined || state === 'queued' || state === 'error') return 'UNKNOWN_INVITATION'
  if (state === 'cancelled') return 'CANCELLED'
  if (state === 'expired') return 'EXPIRED'
  if (state === 'accepted' || state === 'declined') return 'ALREADY_ANSWERED'
  // 'sending' too: the reply to the invite may still be on its way when the answer arrives
  if (now >= expiresAt) return 'EXPIRED'
  return 'OK'
}

/** The local error for a sender's refusal of a response. */
export function verdictError (verdict: 'UNKNOWN_INVITATION' | 'CANCELLED' | 'EXPIRED' | 'ALREADY_ANSWERED'): PeerhoodError {
  if (verdict === 'CANCELLED') return new PeerhoodError('INVITE_CANCELLED', 'the sender cancelled the invitation')
  if (verdict === 'EXPIRED') return new PeerhoodError('INVITATION_EXPIRED', 'the invitation expired')
  return new PeerhoodError('INVITE_RESPONSE_NOT_AVAILABLE', 'the sender does not wait for an answer to this invitation')
}

/** The accept policy named by config. Code: `INVALID_ARGUMENT`. */
export function parseAcceptPolicy (value: string): AcceptPolicy {
  if ((ACCEPT_POLICIES as readonly string[]).includes(value)) return value as AcceptPolicy
  throw new PeerhoodError('INVALID_ARGUMENT', 'invitations.accept is contacts, anyone or none', { details: { value } })
}

/** An invitee's outcome in a hosted session from its invitation's final state (`accepted` until it is a connected member). */
export function sessionOutcome (state: OutgoingState): 'accepted' | 'declined' | 'expired' | 'cancelled' | 'error' | 'pending' {
  if (state === 'accepted' || state === 'declined' || state === 'expired' || state === 'cancelled' || state === 'error') return state
  return 'pending'
}

/**
 * The outcome of a fan-out (one person invited on several endpoints), as .NET's
 * `PeerContact.Invite` gives it: the accepted invitation as soon as one is; once all are final,
 * the first declined, else the first expired, else the first; undefined while it is open.
 */
export function fanoutResult<T extends { state: OutgoingState }> (invitations: readonly T[]): T | undefined {
  const accepted = invitations.find(i => i.state === 'accepted')
  if (accepted !== undefined) return accepted
  if (invitations.length === 0 || !invitations.every(i => isFinal(i.state))) return undefined
  return invitations.find(i => i.state === 'declined') ?? invitations.find(i => i.state === 'expired') ?? invitations[0]
}

/** In a fan-out, once one invitation is accepted, the unfinished others are cancelled (first acceptance wins). */
export function fanoutCancels (acceptedId: string, siblings: ReadonlyArray<{ id: string, state: OutgoingState }>): string[] {
  return siblings.filter(s => s.id !== acceptedId && !isFinal(s.state)).map(s => s.id)
}
