/**
 * The administrator's decision on a renewal request, pure (time and cache passed in):
 *
 * 1. this node administers the group (`NOT_FOUND`);
 * 2. the presented chain validates now for the group (`INVALID_TIME_PERIOD` when only time fails,
 *    else `INVALID_CERTIFICATE`);
 * 3. it ends with the requester's own GMC, the requester being the connection's remote peer
 *    (`NOT_AUTHORIZED`);
 * 4. `renewCredentials` issues the same roles for the same key, starting now (backdated by up to
 *    {@link CLOCK_SKEW_ALLOWANCE_MS} for clock skew, but later than the current GMC, else
 *    `INVALID_TIME_PERIOD`), lasting as long as the current GMC, or less if the member asks for
 *    less, and never past this administrator's own end; this administrator must be allowed to
 *    grant those roles (`NOT_AUTHORIZED`) within 24 GMCs (`CHAIN_TOO_LONG`).
 */
import { isPeerhoodError } from '../common/errors.ts'
import type { ChainCache } from '../certificates/chain-cache.ts'
import type { MemberInfo } from '../certificates/chain-result.ts'
import { renewCredentials } from '../certificates/issue.ts'
import { type Issuer, resolveIssuer } from '../certificates/issuer.ts'
import { floorToSecond } from '../certificates/serial.ts'
import { validateChain } from '../certificates/chain-validator.ts'
import { CLOCK_SKEW_ALLOWANCE_MS } from './constants.ts'
import { Status } from './pb/credentials.ts'

/** A renewal request as decoded. */
export interface RenewalRequest {
  /** The group. */
  groupId: string
  /** The member's current chain. */
  chain: Uint8Array[]
  /** Wanted lifetime in milliseconds; 0 for the current GMC's. */
  lifetimeMs: number
}

/** What the decision needs besides the request. */
export interface RenewalContext {
  /** PeerId of the requester, from the connection. */
  remotePeer: string
  /** This node's issuer credentials for the group, if it administers it. */
  issuer: Issuer | undefined
  /** Current time, epoch milliseconds. */
  now: number
  /** Chain cache. */
  cache?: ChainCache
}

/** The decision. */
export interface RenewalDecision {
  /** Status to answer. */
  status: Status
  /** With OK: the member's new chain. */
  chain?: Uint8Array[]
  /** With OK: what it proves. */
  member?: MemberInfo
}

function issueFailure (err: unknown): Status {
  if (isPeerhoodError(err, 'NOT_AUTHORIZED') || isPeerhoodError(err, 'CIRCULAR_CHAIN_DETECTED')) return Status.NOT_AUTHORIZED
  if (isPeerhoodError(err, 'CHAIN_TOO_LONG')) return Status.CHAIN_TOO_LONG
  if (isPeerhoodError(err, 'INVALID_TIME_PERIOD')) return Status.INVALID_TIME_PERIOD
  return Status.INTERNAL
}

/** Decides a renewal request (see the module comment for the order of checks). */
export function decideRenewal (request: RenewalRequest, ctx: RenewalContext): RenewalDecision {
  const { issuer, now } = ctx
  if (issuer === undefined) return { status: Status.NOT_FOUND }
  const verdict = validateChain(request.groupId, request.chain, now, ctx.cache)
  if (!verdict.ok) return { status: verdict.reason === 'expired' || verdict.reason === 'not-yet-valid' ? Status.INVALID_TIME_PERIOD : Status.INVALID_CERTIFICATE }
  const current = verdict.leaf
  if (current.peerId !== ctx.remotePeer) return { status: Status.NOT_AUTHORIZED }
  let notBefore: number
  let issuerEnd: number
  try {
    const resolved = resolveIssuer(issuer, now, ctx.cache)
    if (resolved.groupId !== request.groupId) return { status: Status.NOT_FOUND }
    issuerEnd = resolved.notAfter
    notBefore = Math.max(floorToSecond(now - CLOCK_SKEW_ALLOWANCE_MS), current.notBefore + 1000, resolved.notBefore)
  } catch {
    return { status: Status.NOT_FOUND }
  }
  if (notBefore > now) return { status: Status.INVALID_TIME_PERIOD }
  const currentLifetime = current.notAfter - current.notBefore
  const wanted = request.lifetimeMs > 0 ? Math.min(request.lifetimeMs, currentLifetime) : currentLifetime
  const lifetimeMs = Math.min(wanted, issuerEnd - notBefore)
  try {
    const issued = renewCredentials(issuer, request.chain[request.chain.length - 1]!, { now, notBefore, lifetimeMs, ...(ctx.cache === undefined ? {} : { cache: ctx.cache }) })
    return { status: Status.OK, chain: issued.chain, member: issued.member }
  } catch (err) {
    return { status: issueFailure(err) }
  }
}
