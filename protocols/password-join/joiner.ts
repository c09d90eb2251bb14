/**
 * The joiner's role in password join (see `admin.ts` for the exchange). The joiner proves the
 * password only to a peer whose chain shows it is an administrator of the group (so a stranger
 * cannot collect a MAC to attack offline), refuses scrypt costs above 2^18, and accepts a chain
 * only with the administrator's own proof of the password and only if it is valid and its own.
 */
import { randomBytes } from 'node:crypto'
import type { PeerId, Stream } from '@libp2p/interface'
import { pbStream } from '@libp2p/utils'
import { PeerhoodError } from '../common/errors.ts'
import { readMessage, throwIfRefused } from '../common/refusal.ts'
import type { ChainCache } from '../certificates/chain-cache.ts'
import type { MemberInfo } from '../certificates/chain-result.ts'
import { ROLE_BITS } from '../certificates/roles.ts'
import { validateChain } from '../certificates/chain-validator.ts'
import { MAX_MESSAGE_BYTES, NONCE_BYTES, SALT_BYTES, SCRYPT_P, SCRYPT_R } from './constants.ts'
import { Challenge, Hello, Proof, Result, Status } from './pb/password-join.ts'
import { statusError } from './status.ts'
import { macMatches, transcriptMac, type Transcript } from './transcript.ts'
import type { JoinResult } from './types.ts'
import { derivePasswordKey, isAcceptedScryptN } from './verifier.ts'

/** What the joiner's role needs. */
export interface JoinerContext {
  /** The group to join. */
  groupId: string
  /** The password to prove. */
  password: string
  /** Display name for the new GMC ('' for the PeerId). */
  displayName: string
  /** This node. */
  localPeer: PeerId
  /** The administrator, from the connection. */
  remotePeer: PeerId
  /** The clock, epoch milliseconds. */
  now: () => number
  /** Chain cache. */
  cache: ChainCache
  /** Bounds the whole exchange. */
  signal: AbortSignal
}

const LIMITS = { chain: 25 }
const ADMIN_MASK = ROLE_BITS.creator | ROLE_BITS.administrator

function failed (reason: string): PeerhoodError {
  return new PeerhoodError('AUTHENTICATION_FAILED', `password join failed: ${reason}`, { details: { reason } })
}

function checkAdministrator (challenge: Challenge, ctx: JoinerContext): MemberInfo {
  const result = validateChain(ctx.groupId, challenge.chain, ctx.now(), ctx.cache)
  if (!result.ok || result.leaf.peerId !== ctx.remotePeer.toString() || (result.leaf.roleMask & ADMIN_MASK) === 0) throw failed('responder-not-administrator')
  return result.leaf
}

function checkParameters (challenge: Challenge): void {
  if (challenge.salt.length !== SALT_BYTES || !isAcceptedScryptN(challenge.n) || challenge.r !== SCRYPT_R || challenge.p !== SCRYPT_P || challenge.nonce.length !== NONCE_BYTES) {
    throw new PeerhoodError('INVALID_MESSAGE', 'unacceptable password join parameters', { details: { n: challenge.n, r: challenge.r, p: challenge.p } })
  }
}

/** Runs one password join on `stream`; throws a PeerhoodError on any refusal. */
export async function initiatePasswordJoin (stream: Stream, ctx: JoinerContext): Promise<JoinResult> {
  const pb = pbStream(stream, { maxDataLength: MAX_MESSAGE_BYTES })
  const options = { signal: ctx.signal }
  const nonceJ = randomBytes(NONCE_BYTES)
  await pb.write({ groupId: ctx.groupId, nonce: nonceJ, displayName: ctx.displayName }, Hello, options)
  const challenge = await readMessage(pb, Challenge, ctx.signal, LIMITS)
  throwIfRefused(challenge.refusal, 'password join')
  if (challenge.status !== Status.OK) throw statusError(challenge.status, challenge.retryAfterMs)
  checkParameters(challenge)
  const administrator = checkAdministrator(challenge, ctx)
  const key = await derivePasswordKey(ctx.password, challenge.salt, ctx.groupId, { N: challenge.n, r: challenge.r, p: challenge.p })
  ctx.signal.throwIfAborted()
  const transcript: Transcript = { groupId: ctx.groupId, joinerPeerId: ctx.localPeer.toString(), adminPeerId: ctx.remotePeer.toString(), nonceJ, nonceA: challenge.nonce }
  await pb.write({ mac: transcriptMac(key, 'client', transcript) as Uint8Array<ArrayBuffer> }, Proof, options)
  const result = await readMessage(pb, Result, ctx.signal, LIMITS)
  throwIfRefused(result.refusal, 'password join')
  if (result.status !== Status.OK) throw statusError(result.status, result.retryAfterMs)
  if (!macMatches(key, 'server', transcript, result.mac)) throw failed('administrator-cannot-prove-password')
  const verdict = validateChain(ctx.groupId, result.chain, ctx.now(), ctx.cache)
  if (!verdict.ok) throw new PeerhoodError(verdict.code, `the issued chain is invalid: ${verdict.reason}`, { details: { reason: verdict.reason, index: verdict.index } })
  if (verdict.leaf.peerId !== ctx.localPeer.toString()) throw new PeerhoodError('INVALID_CERTIFICATE', 'the issued chain is not this node\'s', { details: { reason: 'not-this-node' } })
  await stream.close(options)
  return { chain: result.chain, member: verdict.leaf, administrator }
}
