import assert from 'node:assert/strict'
import { ChainCache } from '../../../protocols/certificates/chain-cache.ts'
import { validateChain } from '../../../protocols/certificates/chain-validator.ts'
import { ed25519PeerId } from '../../../protocols/certificates/keys.ts'
import { createHash } from 'node:crypto'
import { groupTag, tagKey, type Transcript } from '../../../protocols/membership/blind.ts'
import { checkProofs, type HandshakeContext } from '../../../protocols/membership/handshake.ts'
import { DAY, HOUR, T0, adminLadder, issueTo, makeGroup } from '../certificates/helpers.ts'

const transcript: Transcript = { initiatorNonce: new Uint8Array(32).fill(9), responderNonce: new Uint8Array(32).fill(7), initiator: 'i', responder: 'r' }
/** A stand-in group key: checkProofs only maps tags to groups. */
const keyOf = (groupId: string): Buffer => createHash('sha256').update(groupId).digest()
const tagOf = (groupId: string): Buffer => groupTag(keyOf(groupId), 'initiator', transcript)

function context (remotePeer: string, now = T0 + HOUR): HandshakeContext {
  const cache = new ChainCache()
  return {
    remotePeer,
    localPeer: 'r',
    now,
    signal: AbortSignal.timeout(1000),
    init: { localMemberships: () => [], verifyChain: (g, c, at) => validateChain(g, c, at, cache) }
  }
}

function proof (groupId: string, chain: Uint8Array[]) {
  return { blinded: tagOf(groupId) as Uint8Array<ArrayBuffer>, chain: chain as Array<Uint8Array<ArrayBuffer>> }
}

function shared (...groupIds: string[]): Map<string, string> {
  return new Map(groupIds.map(g => [tagKey(tagOf(g)), g]))
}

describe('membership: proofs checked at ingress', () => {
  it('accepts a valid chain whose member is the connected peer', async () => {
    const group = await makeGroup('hs-ok')
    const m = await issueTo({ key: group.creatorKey, chain: group.creatorChain }, 'hs-ok/m', ['member'])
    const peer = ed25519PeerId(m.key.publicKey)
    const result = checkProofs([proof(group.groupId, m.chain)], shared(group.groupId), context(peer))
    assert.deepEqual(result.proven.map(x => x.peerId), [peer])
    assert.deepEqual(result.refused, [])
  })

  it('refuses a valid chain presented by another peer', async () => {
    const group = await makeGroup('hs-other')
    const m = await issueTo({ key: group.creatorKey, chain: group.creatorChain }, 'hs-other/m', ['member'])
    const result = checkProofs([proof(group.groupId, m.chain)], shared(group.groupId), context(ed25519PeerId(group.creatorKey.publicKey)))
    assert.deepEqual(result.refused.map(r => [r.code, r.reason]), [['INVALID_CERTIFICATE', 'not-the-connected-peer']])
  })

  it('refuses an expired chain with INVALID_TIME_PERIOD', async () => {
    const group = await makeGroup('hs-expired')
    const m = await issueTo({ key: group.creatorKey, chain: group.creatorChain }, 'hs-expired/m', ['member'], { lifetimeMs: DAY })
    const result = checkProofs([proof(group.groupId, m.chain)], shared(group.groupId), context(ed25519PeerId(m.key.publicKey), T0 + 2 * DAY))
    assert.deepEqual(result.refused.map(r => r.code), ['INVALID_TIME_PERIOD'])
  })

  it('refuses a chain of another group presented for this one', async () => {
    const g1 = await makeGroup('hs-g1')
    const g2 = await makeGroup('hs-g2')
    const m = await issueTo({ key: g2.creatorKey, chain: g2.creatorChain }, 'hs-g2/m', ['member'])
    const result = checkProofs([proof(g1.groupId, m.chain)], shared(g1.groupId), context(ed25519PeerId(m.key.publicKey)))
    assert.equal(result.proven.length, 0)
    assert.equal(result.refused[0]?.code, 'INVALID_CERTIFICATE')
  })

  it('refuses a chain longer than 24 GMCs with CHAIN_TOO_LONG', async function () {
    this.timeout(20_000)
    const group = await makeGroup('hs-long')
    const top = await adminLadder(group, 24)
    const [, ...gmcs] = top.chain
    // a 25-GMC chain cannot be issued; splice one more admin link in by repeating the ladder's shape
    const tooLong = [top.chain[0]!, ...gmcs, gmcs.at(-1)!]
    const result = checkProofs([proof(group.groupId, tooLong)], shared(group.groupId), context(ed25519PeerId(top.key.publicKey)))
    assert.equal(result.refused[0]?.code, 'CHAIN_TOO_LONG')
  })

  it('ignores proofs for groups that were not offered, and duplicates', async () => {
    const group = await makeGroup('hs-dup')
    const m = await issueTo({ key: group.creatorKey, chain: group.creatorChain }, 'hs-dup/m', ['member'])
    const peer = ed25519PeerId(m.key.publicKey)
    const result = checkProofs([proof(group.groupId, m.chain), proof(group.groupId, m.chain), proof('other', m.chain)], shared(group.groupId), context(peer))
    assert.equal(result.proven.length, 1)
    assert.equal(result.refused.length, 0)
  })
})
