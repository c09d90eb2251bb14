/**
 * The two roles of the membership handshake, over one stream:
 *
 *   initiator → Hello { nonceI }
 *   responder → Offer { nonceR, blind(g, nonceI, nonceR) for each of its groups }
 *   initiator → Proofs { its chain for each group both share }
 *   responder → Proofs { its chain for each group whose proof it accepted }
 *
 * Each side validates the other's chains and checks that the chain's member is the peer at the
 * other end of this (noise-authenticated) connection.
 */
import { randomBytes } from 'node:crypto'
import type { Stream } from '@libp2p/interface'
import { pbStream } from '@libp2p/utils'
import { PeerhoodError } from '../common/errors.ts'
import { blindAll, blindGroupId, blindKey } from './blind.ts'
import { MAX_CHAIN_CERTIFICATES, MAX_MESSAGE_BYTES, MAX_OFFERED_GROUPS, NONCE_BYTES } from './constants.ts'
import { Hello, Offer, type Proof, Proofs } from './pb/membership.ts'
import type { HandshakeResult, MembershipInit } from './types.ts'

/** What both roles need. */
export interface HandshakeContext {
  /** The peer at the other end (its PeerId, from the connection). */
  remotePeer: string
  /** Local memberships and chain validation. */
  init: MembershipInit
  /** Time of the handshake. */
  now: number
  /** Bounds the whole exchange. */
  signal: AbortSignal
}

/** Bounds on decoded proofs; chains somewhat over the limit still decode so the validator can answer CHAIN_TOO_LONG. */
const PROOF_LIMITS = { proofs: MAX_OFFERED_GROUPS, proofs$: { chain: MAX_CHAIN_CERTIFICATES * 2 } }

function checkNonce (nonce: Uint8Array): void {
  if (nonce.length !== NONCE_BYTES) throw new PeerhoodError('INVALID_REQUEST', 'bad handshake nonce')
}

/** Validates the peer's proofs for groups in `shared` (blinded key → group id). */
export function checkProofs (proofs: Proof[], shared: Map<string, string>, ctx: HandshakeContext): HandshakeResult {
  const result: HandshakeResult = { shared: [...shared.values()], proven: [], refused: [] }
  const seen = new Set<string>()
  for (const proof of proofs) {
    const groupId = shared.get(blindKey(proof.blinded))
    if (groupId === undefined || seen.has(groupId)) continue
    seen.add(groupId)
    const verdict = ctx.init.verifyChain(groupId, proof.chain, ctx.now)
    if (!verdict.ok) result.refused.push({ groupId, code: verdict.code, reason: verdict.reason })
    else if (verdict.leaf.peerId !== ctx.remotePeer) result.refused.push({ groupId, code: 'INVALID_CERTIFICATE', reason: 'not-the-connected-peer' })
    else result.proven.push(verdict.leaf)
  }
  return result
}

function proofsFor (groupIds: Iterable<string>, chains: Map<string, Uint8Array[]>, nonceI: Uint8Array, nonceR: Uint8Array): Proof[] {
  const proofs: Proof[] = []
  for (const id of groupIds) {
    const chain = chains.get(id)
    // protons types bytes fields as Uint8Array<ArrayBuffer>; ours are views of plain buffers
    if (chain !== undefined) proofs.push({ blinded: blindGroupId(id, nonceI, nonceR) as Uint8Array<ArrayBuffer>, chain: chain as Array<Uint8Array<ArrayBuffer>> })
  }
  return proofs
}

function localChains (init: MembershipInit): Map<string, Uint8Array[]> {
  return new Map(init.localMemberships().map(m => [m.groupId, m.chain]))
}

/** The dialing side. */
export async function initiateHandshake (stream: Stream, ctx: HandshakeContext): Promise<HandshakeResult> {
  const pb = pbStream(stream, { maxDataLength: MAX_MESSAGE_BYTES })
  const options = { signal: ctx.signal }
  const nonceI = randomBytes(NONCE_BYTES)
  await pb.write({ nonce: nonceI }, Hello, options)
  const offer = await pb.read(Offer, { ...options, limits: { blinded: MAX_OFFERED_GROUPS } })
  checkNonce(offer.nonce)
  const chains = localChains(ctx.init)
  const mine = blindAll(chains.keys(), nonceI, offer.nonce)
  const shared = new Map<string, string>()
  for (const b of offer.blinded) {
    const id = mine.get(blindKey(b))
    if (id !== undefined) shared.set(blindKey(b), id)
  }
  await pb.write({ proofs: proofsFor(shared.values(), chains, nonceI, offer.nonce) }, Proofs, options)
  const theirs = await pb.read(Proofs, { ...options, limits: PROOF_LIMITS })
  await stream.close(options)
  return checkProofs(theirs.proofs, shared, ctx)
}

/** The listening side. */
export async function respondHandshake (stream: Stream, ctx: HandshakeContext): Promise<HandshakeResult> {
  const pb = pbStream(stream, { maxDataLength: MAX_MESSAGE_BYTES })
  const options = { signal: ctx.signal }
  const hello = await pb.read(Hello, options)
  checkNonce(hello.nonce)
  const nonceR = randomBytes(NONCE_BYTES)
  const chains = localChains(ctx.init)
  const mine = blindAll(chains.keys(), hello.nonce, nonceR)
  await pb.write({ nonce: nonceR, blinded: [...mine.keys()].map(k => Buffer.from(k, 'base64')) }, Offer, options)
  const theirs = await pb.read(Proofs, { ...options, limits: PROOF_LIMITS })
  const result = checkProofs(theirs.proofs, mine, ctx)
  // Reveal our chain only for groups whose member proved itself.
  await pb.write({ proofs: proofsFor(result.proven.map(m => m.groupId), chains, hello.nonce, nonceR) }, Proofs, options)
  await stream.close(options)
  return result
}
