import assert from 'node:assert/strict'
import { ChainCache } from '../../../protocols/certificates/chain-cache.ts'
import { ed25519PeerId } from '../../../protocols/certificates/keys.ts'
import { decideRenewal } from '../../../protocols/credentials/index.ts'
import { Status } from '../../../protocols/credentials/pb/credentials.ts'
import { MAX_CHAIN_GMCS } from '../../../protocols/certificates/constants.ts'
import { DAY, T0, type Holder, adminLadder, issueTo } from '../certificates/helpers.ts'
import { issuerOf, makeWorld, type World } from '../invitations/helpers.ts'

describe('credentials: the administrator\'s decision on a renewal', () => {
  let w: World
  let m: Holder
  const now = T0 + 5 * DAY
  const peer = (h: Holder): string => ed25519PeerId(h.key.publicKey)

  before(async () => {
    w = await makeWorld('renewal')
    m = await issueTo(w.inviter, 'renewal/m', ['member'], { lifetimeMs: 7 * DAY })
  })

  const ask = (holder: Holder, extra: Partial<{ lifetimeMs: number, issuer: World['admin'] | undefined, now: number, chain: Uint8Array[] }> = {}) =>
    decideRenewal({ groupId: w.group.groupId, chain: extra.chain ?? holder.chain, lifetimeMs: extra.lifetimeMs ?? 0 }, {
      remotePeer: peer(holder),
      issuer: 'issuer' in extra ? (extra.issuer === undefined ? undefined : issuerOf(extra.issuer)) : issuerOf(w.admin),
      now: extra.now ?? now,
      cache: new ChainCache()
    })

  it('renews the same key and roles, starting later (backdated ≤ 60 s), as long as before', () => {
    const d = ask(m)
    assert.equal(d.status, Status.OK)
    assert.equal(d.member?.peerId, peer(m))
    assert.deepEqual(d.member?.roles, ['member'])
    assert.equal(d.member?.notBefore, now - 60_000)
    assert.equal(d.member!.notAfter - d.member!.notBefore, 7 * DAY)
    assert.equal(d.chain?.length, w.admin.chain.length + 1, 'the new chain runs through the renewing administrator')
  })

  it('gives less when asked for less, never more than before, never past the administrator', () => {
    assert.equal(ask(m, { lifetimeMs: DAY }).member!.notAfter - (now - 60_000), DAY)
    const more = ask(m, { lifetimeMs: 70 * DAY })
    assert.equal(more.member!.notAfter - more.member!.notBefore, 7 * DAY)
    const short = ask(m, { issuer: w.shortAdmin })
    assert.equal(short.status, Status.OK)
    assert.equal(short.member?.notAfter, T0 + 10 * DAY)
  })

  it('refuses: NOT_FOUND without issuer credentials', () => {
    assert.equal(ask(m, { issuer: undefined }).status, Status.NOT_FOUND)
  })

  it('refuses: NOT_AUTHORIZED for someone else\'s chain, or roles the administrator may not grant', () => {
    assert.equal(ask(m, { chain: w.member.chain }).status, Status.NOT_AUTHORIZED)
    assert.equal(ask(w.admin, { issuer: w.inviter }).status, Status.NOT_AUTHORIZED)
    assert.equal(ask(w.creator, { issuer: w.admin }).status, Status.NOT_AUTHORIZED)
  })

  it('refuses: INVALID_TIME_PERIOD for an expired chain or a renewal within its first second', () => {
    assert.equal(ask(m, { now: T0 + 8 * DAY }).status, Status.INVALID_TIME_PERIOD)
    assert.equal(ask(m, { now: T0 + 500 }).status, Status.INVALID_TIME_PERIOD)
  })

  it('refuses: INVALID_CERTIFICATE for a broken or foreign chain', async () => {
    const broken = m.chain.map((c, i) => i === 2 ? Uint8Array.from(c, (b, j) => j === 40 ? b ^ 1 : b) : c)
    assert.equal(ask(m, { chain: broken }).status, Status.INVALID_CERTIFICATE)
    const other = await makeWorld('renewal-other')
    assert.equal(ask(other.member, { chain: other.member.chain }).status, Status.INVALID_CERTIFICATE)
  })

  it('refuses: CHAIN_TOO_LONG when the renewing administrator is the 24th GMC', async () => {
    const ladder = await adminLadder({ ...w.group, creatorKey: w.creator.key }, MAX_CHAIN_GMCS, new ChainCache())
    const d = decideRenewal({ groupId: w.group.groupId, chain: m.chain, lifetimeMs: 0 }, { remotePeer: peer(m), issuer: issuerOf(ladder), now, cache: new ChainCache() })
    assert.equal(d.status, Status.CHAIN_TOO_LONG)
  })
})
