/**
 * The administrator's side of renewal: read one RenewRequest, decide (`renewal.ts`), let the
 * node store the new chain, answer one RenewResponse.
 */
import type { PeerId, Stream } from '@libp2p/interface'
import { pbStream } from '@libp2p/utils'
import type { ChainCache } from '../certificates/chain-cache.ts'
import { readMessage, refusingBadInput } from '../common/refusal.ts'
import { MAX_CHAIN_CERTIFICATES, MAX_GROUP_ID_BYTES, MAX_MESSAGE_BYTES } from './constants.ts'
import { RenewRequest, RenewResponse, Status } from './pb/credentials.ts'
import { decideRenewal, type RenewalDecision } from './renewal.ts'
import type { CredentialsInit } from './types.ts'

/** What the administrator's side needs. */
export interface ResponderContext {
  /** The requester, from the connection. */
  remotePeer: PeerId
  /** Issuer lookup and the issued-chain callback. */
  init: Pick<CredentialsInit, 'issuerFor' | 'onIssued'>
  /** Current time, epoch milliseconds. */
  now: number
  /** Chain cache. */
  cache: ChainCache
  /** Bounds the exchange. */
  signal: AbortSignal
}

/**
 * Answers one renewal request on `stream`; returns the decision sent. A request it will not read
 * (too large, not protobuf, too slow) is refused with a RenewResponse carrying the code, then
 * the error is rethrown.
 */
export async function respondRenewal (stream: Stream, ctx: ResponderContext): Promise<RenewalDecision & { groupId?: string }> {
  const pb = pbStream(stream, { maxDataLength: MAX_MESSAGE_BYTES })
  const options = { signal: ctx.signal }
  // a chain somewhat over the limit still decodes, so the validator can answer for it
  const request = await refusingBadInput(stream, ctx.signal, refusal => RenewResponse.encode({ status: Status.INVALID_REQUEST, chain: [], refusal }),
    async () => await readMessage(pb, RenewRequest, ctx.signal, { chain: MAX_CHAIN_CERTIFICATES * 2 }))
  let decision: RenewalDecision
  if (request.groupId === '' || Buffer.byteLength(request.groupId) > MAX_GROUP_ID_BYTES || request.chain.length === 0) {
    decision = { status: Status.INVALID_REQUEST }
  } else {
    try {
      decision = decideRenewal(request, { remotePeer: ctx.remotePeer.toString(), issuer: await ctx.init.issuerFor(request.groupId), now: ctx.now, cache: ctx.cache })
    } catch {
      decision = { status: Status.INTERNAL }
    }
  }
  if (decision.status === Status.OK && decision.chain !== undefined) {
    try {
      await ctx.init.onIssued?.(request.groupId, ctx.remotePeer, decision.chain)
    } catch {
      decision = { status: Status.INTERNAL }
    }
  }
  // a malformed request also carries the refusal code every protocol uses for it
  const refusal = decision.status === Status.INVALID_REQUEST ? { refusal: 'INVALID_MESSAGE' } : {}
  await pb.write({ status: decision.status, chain: (decision.chain ?? []) as Array<Uint8Array<ArrayBuffer>>, ...refusal }, RenewResponse, options)
  await stream.close(options)
  return { ...decision, groupId: request.groupId }
}
