/**
 * The administrator's role in password join, over one stream:
 *
 *   joiner → Hello { groupId, nonceJ, displayName }
 *   admin  → Challenge { status, salt, N, r, p, nonceA, admin chain }   (or a refusal status)
 *   joiner → Proof { mac("client") }
 *   admin  → Result { OK, joiner chain, mac("server") } | { AUTHENTICATION_FAILED | … }
 *
 * Cheapest checks first: message shape, throttling, authority; the password check is one HMAC
 * (the administrator never runs scrypt here). Nothing is issued unless the MAC matches.
 */
import { randomBytes } from 'node:crypto'
import type { PeerId, PublicKey, Stream } from '@libp2p/interface'
import { pbStream } from '@libp2p/utils'
import type { ChainCache } from '../certificates/chain-cache.ts'
import type { MemberInfo } from '../certificates/chain-result.ts'
import { type IssuedCredentials, issueCredentials } from '../certificates/issue.ts'
import { resolveIssuer } from '../certificates/issuer.ts'
import { floorToSecond } from '../certificates/serial.ts'
import { readMessage, refusingBadInput } from '../common/refusal.ts'
import { checkName } from '../certificates/templates.ts'
import { CLOCK_SKEW_ALLOWANCE_MS, MAX_GROUP_ID_BYTES, MAX_MESSAGE_BYTES, NONCE_BYTES } from './constants.ts'
import { Challenge, Hello, Proof, Result, Status } from './pb/password-join.ts'
import { issueStatus } from './status.ts'
import type { PasswordThrottle } from './throttle.ts'
import { macMatches, transcriptMac, type Transcript } from './transcript.ts'
import type { AuthenticationFailedEvent, PasswordAuthority, PasswordJoinInit } from './types.ts'

/** What the administrator's role needs. */
export interface AdminContext {
  /** The joiner, from the connection. */
  remotePeer: PeerId
  /** This node. */
  localPeer: PeerId
  /** Authorities and the issued-chain callback. */
  init: Pick<PasswordJoinInit, 'authorityFor' | 'onIssued'>
  /** The clock, epoch milliseconds. */
  now: () => number
  /** Failed-attempt throttling, shared by all exchanges. */
  throttle: PasswordThrottle
  /** Keys `peer\ngroup` with an exchange under way: one at a time each. */
  inFlight: Set<string>
  /** Chain cache. */
  cache: ChainCache
  /** Reports a refused attempt. */
  onFailure: (event: AuthenticationFailedEvent) => void
  /** Bounds the whole exchange. */
  signal: AbortSignal
}

/** How an exchange ended, for logs and tests. */
export interface AdminOutcome {
  /** The group asked for, when the Hello was readable. */
  groupId?: string
  /** The status sent last. */
  status: Status
  /** The joiner's new membership, when one was issued. */
  issued?: MemberInfo
}

function nameIsValid (name: string): boolean {
  try {
    checkName(name)
    return true
  } catch {
    return false
  }
}

function helloIsValid (hello: Hello): boolean {
  return hello.nonce.length === NONCE_BYTES && hello.groupId.length > 0 && Buffer.byteLength(hello.groupId) <= MAX_GROUP_ID_BYTES &&
    (hello.displayName === '' || nameIsValid(hello.displayName))
}

/** Issues the joiner's GMC with the password role, backdated a little for clock skew. */
function issueToJoiner (authority: PasswordAuthority, publicKey: PublicKey, displayName: string, ctx: AdminContext): IssuedCredentials {
  const now = ctx.now()
  const notBefore = Math.max(floorToSecond(now - CLOCK_SKEW_ALLOWANCE_MS), resolveIssuer(authority.issuer, now, ctx.cache).notBefore)
  return issueCredentials(authority.issuer, { publicKey, ...(displayName === '' ? {} : { displayName }) }, {
    roles: [authority.passwordRole],
    now,
    notBefore,
    cache: ctx.cache,
    ...(authority.lifetimeMs === undefined ? {} : { lifetimeMs: authority.lifetimeMs })
  })
}

/**
 * Answers one password join on `stream`. A message it will not read (too large, not protobuf, too
 * slow) is refused with the message the joiner waits for (a Challenge before the challenge, a
 * Result after it) carrying the code, then the error is rethrown.
 */
export async function respondPasswordJoin (stream: Stream, ctx: AdminContext): Promise<AdminOutcome> {
  let challenged = false
  return await refusingBadInput(stream, ctx.signal, refusal => {
    const fields = { status: Status.INVALID_REQUEST, retryAfterMs: 0, refusal }
    return challenged
      ? Result.encode({ ...fields, chain: [], mac: new Uint8Array(0) })
      : Challenge.encode({ ...fields, salt: new Uint8Array(0), n: 0, r: 0, p: 0, nonce: new Uint8Array(0), chain: [] })
  }, async () => await answerJoin(stream, ctx, () => { challenged = true }))
}

async function answerJoin (stream: Stream, ctx: AdminContext, onChallenged: () => void): Promise<AdminOutcome> {
  const pb = pbStream(stream, { maxDataLength: MAX_MESSAGE_BYTES })
  const options = { signal: ctx.signal }
  const refuse = async (status: Status, groupId?: string, retryAfterMs = 0, refusal?: string): Promise<AdminOutcome> => {
    await pb.write({ status, retryAfterMs, ...(refusal === undefined ? {} : { refusal }) }, Challenge, options)
    await stream.close(options)
    return { ...(groupId === undefined ? {} : { groupId }), status }
  }
  const hello = await readMessage(pb, Hello, ctx.signal)
  // the joiner's GMC is issued for the key behind its PeerId: an Ed25519 one
  const publicKey = ctx.remotePeer.publicKey
  if (!helloIsValid(hello) || publicKey?.type !== 'Ed25519') return await refuse(Status.INVALID_REQUEST, undefined, 0, 'INVALID_MESSAGE')
  const { groupId } = hello
  const peerId = ctx.remotePeer.toString()
  const key = `${peerId}\n${groupId}`
  const wait = ctx.throttle.retryAfter(peerId, groupId, ctx.now())
  if (wait > 0 || ctx.inFlight.has(key)) {
    ctx.onFailure({ groupId, peerId, reason: 'throttled', retryAfterMs: wait })
    return await refuse(Status.THROTTLED, groupId, Math.max(wait, 1000))
  }
  ctx.inFlight.add(key)
  try {
    let authority: PasswordAuthority | undefined
    try {
      authority = await ctx.init.authorityFor(groupId)
    } catch {
      return await refuse(Status.INTERNAL, groupId)
    }
    if (authority === undefined) return await refuse(Status.NOT_FOUND, groupId)
    const { verifier, issuer } = authority
    const nonceA = randomBytes(NONCE_BYTES)
    await pb.write({ status: Status.OK, salt: verifier.salt as Uint8Array<ArrayBuffer>, n: verifier.N, r: verifier.r, p: verifier.p, nonce: nonceA, chain: issuer.chain as Array<Uint8Array<ArrayBuffer>>, retryAfterMs: 0 }, Challenge, options)
    onChallenged()
    const proof = await readMessage(pb, Proof, ctx.signal)
    const transcript: Transcript = { groupId, joinerPeerId: peerId, adminPeerId: ctx.localPeer.toString(), nonceJ: hello.nonce, nonceA }
    const result = async (status: Status, fields: Partial<Result> = {}): Promise<void> => {
      await pb.write({ status, chain: [], mac: new Uint8Array(0), retryAfterMs: 0, ...fields }, Result, options)
      await stream.close(options)
    }
    if (!macMatches(verifier.key, 'client', transcript, proof.mac)) {
      const retryAfterMs = ctx.throttle.fail(peerId, groupId, ctx.now())
      ctx.onFailure({ groupId, peerId, reason: 'wrong-password', retryAfterMs })
      await result(Status.AUTHENTICATION_FAILED, { retryAfterMs })
      return { groupId, status: Status.AUTHENTICATION_FAILED }
    }
    ctx.throttle.succeed(peerId, groupId)
    let issued: IssuedCredentials
    try {
      issued = issueToJoiner(authority, publicKey, hello.displayName, ctx)
      await ctx.init.onIssued?.(groupId, ctx.remotePeer, issued.chain)
    } catch (err) {
      const status = issueStatus(err)
      await result(status)
      return { groupId, status }
    }
    await result(Status.OK, { chain: issued.chain as Array<Uint8Array<ArrayBuffer>>, mac: transcriptMac(verifier.key, 'server', transcript) as Uint8Array<ArrayBuffer> })
    return { groupId, status: Status.OK, issued: issued.member }
  } finally {
    ctx.inFlight.delete(key)
  }
}
