/**
 * The member's side of renewal: present the current chain, and accept the answer only if it is
 * valid now, this node's, and starts later than the current GMC (`pickNewerChain`).
 */
import type { PeerId, Stream } from '@libp2p/interface'
import { pbStream } from '@libp2p/utils'
import { PeerhoodError } from '../common/errors.ts'
import { readMessage, throwIfRefused } from '../common/refusal.ts'
import type { ChainCache } from '../certificates/chain-cache.ts'
import { MAX_CHAIN_CERTIFICATES, MAX_MESSAGE_BYTES } from './constants.ts'
import { RenewRequest, RenewResponse, Status } from './pb/credentials.ts'
import { pickNewerChain } from './rules.ts'
import { statusError } from './status.ts'
import type { RenewResult } from './types.ts'

/** What the member's side needs. */
export interface RequesterContext {
  /** The group. */
  groupId: string
  /** This node's current chain there. */
  current: Uint8Array[]
  /** Wanted lifetime in milliseconds; 0 for the current GMC's. */
  lifetimeMs: number
  /** This node. */
  localPeer: PeerId
  /** Current time, epoch milliseconds. */
  now: () => number
  /** Chain cache. */
  cache: ChainCache
  /** Bounds the exchange. */
  signal: AbortSignal
}

/** Asks for renewal on `stream`; throws a PeerhoodError on any refusal. */
export async function requestRenewal (stream: Stream, ctx: RequesterContext): Promise<RenewResult> {
  const pb = pbStream(stream, { maxDataLength: MAX_MESSAGE_BYTES })
  const options = { signal: ctx.signal }
  await pb.write({ groupId: ctx.groupId, chain: ctx.current as Array<Uint8Array<ArrayBuffer>>, lifetimeMs: ctx.lifetimeMs }, RenewRequest, options)
  const response = await readMessage(pb, RenewResponse, ctx.signal, { chain: MAX_CHAIN_CERTIFICATES })
  throwIfRefused(response.refusal, 'renewal')
  await stream.close(options)
  if (response.status !== Status.OK) throw statusError(response.status)
  const picked = pickNewerChain(ctx.current, response.chain, { groupId: ctx.groupId, now: ctx.now(), cache: ctx.cache })
  if (!picked.adopted || picked.member?.peerId !== ctx.localPeer.toString()) {
    throw new PeerhoodError('INVALID_CERTIFICATE', 'the renewed chain is invalid, not this node\'s, or not later than the current one')
  }
  return { chain: picked.chain, member: picked.member }
}
