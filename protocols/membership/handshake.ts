/**
 * The two roles of the membership handshake, over one stream (see `blind.ts` for the tags):
 *
 *   initiator → Hello { nonceI }
 *   responder → Offer { nonceR, tag(g, offer) for each of its groups }
 *   initiator → Proofs { tag(g, initiator), its chain } for each offered group it knows the key of
 *   responder → Proofs { tag(g, responder), its chain } for each group whose proof it accepted
 *
 * So the order of proof is fixed: the responder first proves it knows each group's key (its
 * tags), the initiator then proves membership with its chain, and only then does the responder
 * show its own chain. A peer that knows a group id but holds none of its chains learns no chain
 * in either role. Each side validates the other's chains and checks that the chain's member is
 * the peer at the other end of this (noise-authenticated) connection.
 */
import { randomBytes } from 'node:crypto'
import type { Stream } from '@libp2p/interface'
import { pbStream } from '@libp2p/utils'
import { PeerhoodError } from '../common/errors.ts'
import { readMessage, refusingBadInput, throwIfRefused } from '../common/refusal.ts'
import { groupKey, groupTag, tagAll, tagKey, type Transcript } from './blind.ts'
import { MAX_CHAIN_CERTIFICATES, MAX_MESSAGE_BYTES, MAX_OFFERED_GROUPS, NONCE_BYTES, OFFER_PADDING } from './constants.ts'
import { Hello, Offer, type Proof, Proofs } from './pb/membership.ts'
import type { HandshakeResult, MembershipInit } from './types.ts'

/** What both roles need. */
export interface HandshakeContext {
  /** The peer at the other end (its PeerId, from the connection). */
  remotePeer: string
  /** This node's PeerId. */
  localPeer: string
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
  if (nonce.length !== NONCE_BYTES) throw new PeerhoodError('INVALID_MESSAGE', 'bad handshake nonce')
}

/** Validates the peer's proofs for groups in `shared` (tag key → group id). */
export function checkProofs (proofs: Proof[], shared: Map<string, string>, ctx: HandshakeContext): HandshakeResult {
  const result: HandshakeResult = { shared: [...new Set(shared.values())], proven: [], refused: [] }
  const seen = new Set<string>()
  for (const proof of proofs) {
    const groupId = shared.get(tagKey(proof.blinded))
    if (groupId === undefined || seen.has(groupId)) continue
    seen.add(groupId)
    const verdict = ctx.init.verifyChain(groupId, proof.chain, ctx.now)
    if (!verdict.ok) result.refused.push({ groupId, code: verdict.code, reason: verdict.reason })
    else if (verdict.leaf.peerId !== ctx.remotePeer) result.refused.push({ groupId, code: 'INVALID_CERTIFICATE', reason: 'not-the-connected-peer' })
    else result.proven.push(verdict.leaf)
  }
  return result
}

/** This node's groups: group id → chain, and group id → group key. */
interface LocalGroups {
  chains: Map<string, Uint8Array[]>
  keys: Map<string, Uint8Array>
}

function localGroups (init: MembershipInit): LocalGroups {
  const chains = new Map<string, Uint8Array[]>()
  const keys = new Map<string, Uint8Array>()
  for (const m of init.localMemberships()) {
    const key = m.chain[0] === undefined ? undefined : groupKey(m.groupId, m.chain[0])
    if (key === undefined) continue
    chains.set(m.groupId, m.chain)
    keys.set(m.groupId, key)
  }
  return { chains, keys }
}

function proofsFor (groupIds: Iterable<string>, mine: LocalGroups, step: 'initiator' | 'responder', t: Transcript): Proof[] {
  const proofs: Proof[] = []
  for (const id of groupIds) {
    const chain = mine.chains.get(id)
    const key = mine.keys.get(id)
    // protons types bytes fields as Uint8Array<ArrayBuffer>; ours are views of plain buffers
    if (chain !== undefined && key !== undefined) proofs.push({ blinded: groupTag(key, step, t) as Uint8Array<ArrayBuffer>, chain: chain as Array<Uint8Array<ArrayBuffer>> })
  }
  return proofs
}

/**
 * Pads an offer with random tags (indistinguishable from real ones without the keys) to a
 * multiple of {@link OFFER_PADDING}, so a stranger learns only a rough count of this node's groups.
 */
function padOffer (tags: Array<Uint8Array<ArrayBuffer>>): Array<Uint8Array<ArrayBuffer>> {
  const size = Math.min(MAX_OFFERED_GROUPS, Math.max(OFFER_PADDING, Math.ceil(tags.length / OFFER_PADDING) * OFFER_PADDING))
  while (tags.length < size) tags.push(new Uint8Array(randomBytes(32)))
  return tags
}

/** The dialing side: reveals a chain only for groups whose key the responder proved it knows. */
export async function initiateHandshake (stream: Stream, ctx: HandshakeContext): Promise<HandshakeResult> {
  const pb = pbStream(stream, { maxDataLength: MAX_MESSAGE_BYTES })
  const options = { signal: ctx.signal }
  const nonceI = randomBytes(NONCE_BYTES)
  await pb.write({ nonce: nonceI }, Hello, options)
  const offer = await readMessage(pb, Offer, ctx.signal, { blinded: MAX_OFFERED_GROUPS })
  throwIfRefused(offer.refusal, 'membership handshake')
  checkNonce(offer.nonce)
  const t: Transcript = { initiatorNonce: nonceI, responderNonce: offer.nonce, initiator: ctx.localPeer, responder: ctx.remotePeer }
  const mine = localGroups(ctx.init)
  const offered = tagAll(mine.keys, 'offer', t)
  const shared = new Set<string>()
  for (const tag of offer.blinded) {
    const id = offered.get(tagKey(tag))
    if (id !== undefined) shared.add(id)
  }
  await pb.write({ proofs: proofsFor(shared, mine, 'initiator', t) }, Proofs, options)
  const theirs = await readMessage(pb, Proofs, ctx.signal, PROOF_LIMITS)
  throwIfRefused(theirs.refusal, 'membership handshake')
  await stream.close(options)
  return checkProofs(theirs.proofs, tagAll(new Map([...mine.keys].filter(([id]) => shared.has(id))), 'responder', t), ctx)
}

/**
 * The listening side: offers tags (proof of each group key), reveals chains only to proven
 * members. Input it will not read is refused with the message the initiator waits for (an Offer
 * before the offer, Proofs after it) carrying the code; then the error is rethrown.
 */
export async function respondHandshake (stream: Stream, ctx: HandshakeContext): Promise<HandshakeResult> {
  let offered = false
  return await refusingBadInput(stream, ctx.signal,
    refusal => offered ? Proofs.encode({ proofs: [], refusal }) : Offer.encode({ nonce: new Uint8Array(0), blinded: [], refusal }),
    async () => await answerHandshake(stream, ctx, () => { offered = true }))
}

async function answerHandshake (stream: Stream, ctx: HandshakeContext, onOffered: () => void): Promise<HandshakeResult> {
  const pb = pbStream(stream, { maxDataLength: MAX_MESSAGE_BYTES })
  const options = { signal: ctx.signal }
  const hello = await readMessage(pb, Hello, ctx.signal)
  checkNonce(hello.nonce)
  const nonceR = randomBytes(NONCE_BYTES)
  const t: Transcript = { initiatorNonce: hello.nonce, responderNonce: nonceR, initiator: ctx.remotePeer, responder: ctx.localPeer }
  const mine = localGroups(ctx.init)
  const offer = padOffer([...mine.keys.values()].map(key => groupTag(key, 'offer', t) as Uint8Array<ArrayBuffer>))
  await pb.write({ nonce: nonceR, blinded: offer }, Offer, options)
  onOffered()
  const theirs = await readMessage(pb, Proofs, ctx.signal, PROOF_LIMITS)
  const result = checkProofs(theirs.proofs, tagAll(mine.keys, 'initiator', t), ctx)
  // shared: the groups the initiator named with a valid tag (this side's own groups are not all shared)
  result.shared = [...result.proven.map(m => m.groupId), ...result.refused.map(r => r.groupId)]
  // Reveal our chain only for groups whose member proved itself.
  await pb.write({ proofs: proofsFor(result.proven.map(m => m.groupId), mine, 'responder', t) }, Proofs, options)
  await stream.close(options)
  return result
}
