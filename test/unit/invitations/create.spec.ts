import assert from 'node:assert/strict'
import { generateKeyPair } from '@libp2p/crypto/keys'
import { peerIdFromPrivateKey } from '@libp2p/peer-id'
import { ChainCache } from '../../../protocols/certificates/chain-cache.ts'
import { INFINITE_LIFETIME_MS, MAX_CHAIN_GMCS } from '../../../protocols/certificates/constants.ts'
import { ed25519PeerId } from '../../../protocols/certificates/keys.ts'
import type { Role } from '../../../protocols/certificates/roles.ts'
import { floorToSecond } from '../../../protocols/certificates/serial.ts'
import { createInvitation, INVITATION_PREFIX, parseInvitation } from '../../../protocols/invitations/index.ts'
import { DAY, HOUR, T0, adminLadder, assertCode, keyOf, makeGroup } from '../certificates/helpers.ts'
import { groupOf, issuerOf, makeWorld, type World } from './helpers.ts'

describe('invitations: creating identity-bound invitations', () => {
  let w: World

  before(async () => {
    w = await makeWorld('create')
  })

  async function invite (issuer: World['admin'], label: string, roles: Role[], extra: { expiresAt?: number, now?: number } = {}): Promise<string> {
    const invitee = await keyOf(label)
    return createInvitation({ issuer: issuerOf(issuer), group: groupOf(w), subject: { publicKey: invitee.publicKey, displayName: label }, roles, now: T0 + HOUR, ...extra })
  }

  it('round-trips: parse returns the group, issuer, invitee, roles, validity and carried data', async () => {
    const invitee = await keyOf('invitee')
    const addresses = ['/ip4/127.0.0.1/tcp/4001', '/memory/a']
    const text = createInvitation({
      issuer: issuerOf(w.admin),
      group: groupOf(w),
      subject: { publicKey: invitee.publicKey, displayName: 'Invitee' },
      roles: ['inviting-member'],
      expiresAt: T0 + 30 * DAY,
      addresses,
      now: T0 + HOUR
    })
    assert.ok(text.startsWith(INVITATION_PREFIX))
    assert.match(text.slice(INVITATION_PREFIX.length), /^[A-Za-z0-9_-]+$/)
    const info = parseInvitation(text, { now: T0 + 2 * HOUR, expectPeerId: ed25519PeerId(invitee.publicKey) })
    assert.equal(info.kind, 'gmc')
    assert.equal(info.authScheme, 'gmc')
    assert.equal(info.groupId, w.group.groupId)
    assert.equal(info.groupFriendlyName, 'Group create')
    assert.equal(info.issuerPeerId, ed25519PeerId(w.admin.key.publicKey))
    assert.equal(info.issuerDisplayName, 'create/admin')
    assert.equal(info.subjectPeerId, ed25519PeerId(invitee.publicKey))
    assert.equal(info.subjectDisplayName, 'Invitee')
    assert.deepEqual(info.roles, ['inviting-member'])
    assert.equal(info.issuedAt, T0 + HOUR)
    assert.equal(info.validFrom, T0 + HOUR)
    assert.equal(info.validTo, T0 + 30 * DAY)
    assert.deepEqual(info.addresses, addresses)
    assert.deepEqual(info.properties, w.group.properties)
    assert.equal(info.chain.length, w.admin.chain.length + 1)
    assert.deepEqual(info.chain.slice(0, -1).map(c => Buffer.from(c).toString('hex')), w.admin.chain.map(c => Buffer.from(c).toString('hex')))
    assert.deepEqual(Buffer.from(info.grc), Buffer.from(w.group.grc))
    assert.equal(info.subject?.depth, 3)
  })

  it('without an expiry, lasts the issuer\'s remaining validity: infinite (1000 years) from the creator', async () => {
    const fromCreator = parseInvitation(await invite(w.creator, 'from-creator', ['administrator']), { now: T0 + HOUR })
    assert.equal(fromCreator.validTo, floorToSecond(T0 + INFINITE_LIFETIME_MS))
    const fromShort = parseInvitation(await invite(w.shortAdmin, 'from-short', ['member']), { now: T0 + HOUR })
    assert.equal(fromShort.validTo, T0 + 10 * DAY)
  })

  it('refuses an expiry past the issuer\'s validity, or not after now: INVALID_TIME_PERIOD', async () => {
    await assertCode(async () => await invite(w.shortAdmin, 'too-long', ['member'], { expiresAt: T0 + 10 * DAY + 1000 }), 'INVALID_TIME_PERIOD')
    await assertCode(async () => await invite(w.admin, 'in-the-past', ['member'], { expiresAt: T0 }), 'INVALID_TIME_PERIOD')
    // exactly the issuer's end is fine
    const edge = parseInvitation(await invite(w.shortAdmin, 'edge', ['member'], { expiresAt: T0 + 10 * DAY }), { now: T0 + HOUR })
    assert.equal(edge.validTo, T0 + 10 * DAY)
  })

  it('refuses roles above the issuer\'s: NOT_AUTHORIZED', async () => {
    await assertCode(async () => await invite(w.admin, 'wants-creator', ['creator']), 'NOT_AUTHORIZED')
    await assertCode(async () => await invite(w.inviter, 'wants-admin', ['administrator']), 'NOT_AUTHORIZED')
    const ok = parseInvitation(await invite(w.inviter, 'inviter-invites', ['member']), { now: T0 + HOUR })
    assert.deepEqual(ok.roles, ['member'])
  })

  it('refuses a plain member as issuer: NOT_AUTHORIZED', async () => {
    await assertCode(async () => await invite(w.member, 'by-member', ['member']), 'NOT_AUTHORIZED')
  })

  it('refuses the bare group root key and a key that is not the chain\'s: NOT_AUTHORIZED', async () => {
    const invitee = await keyOf('by-root')
    await assertCode(() => createInvitation({ issuer: { privateKey: w.group.rootPrivateKey, chain: [w.group.grc] }, group: groupOf(w), subject: { publicKey: invitee.publicKey }, roles: ['member'], now: T0 }), 'NOT_AUTHORIZED')
    await assertCode(() => createInvitation({ issuer: { privateKey: w.member.key, chain: w.admin.chain }, group: groupOf(w), subject: { publicKey: invitee.publicKey }, roles: ['member'], now: T0 }), 'NOT_AUTHORIZED')
  })

  it('refuses an issuer of another group: NOT_AUTHORIZED', async () => {
    const other = await makeWorld('create-other')
    const invitee = await keyOf('cross')
    await assertCode(() => createInvitation({ issuer: issuerOf(other.admin), group: groupOf(w), subject: { publicKey: invitee.publicKey }, roles: ['member'], now: T0 }), 'NOT_AUTHORIZED')
  })

  it(`works ${MAX_CHAIN_GMCS} GMCs deep and refuses the ${MAX_CHAIN_GMCS + 1}th: CHAIN_TOO_LONG`, async () => {
    const g = await makeGroup('invite-ladder')
    const cache = new ChainCache()
    const ladder = await adminLadder(g, MAX_CHAIN_GMCS - 1, cache)
    const last = await keyOf('invite-ladder/last')
    const text = createInvitation({ issuer: { privateKey: ladder.key, chain: ladder.chain }, group: { groupId: g.groupId, properties: g.properties }, subject: { publicKey: last.publicKey }, roles: ['administrator'], now: T0, cache })
    const info = parseInvitation(text, { now: T0, expectPeerId: ed25519PeerId(last.publicKey), cache })
    assert.equal(info.subject?.depth, MAX_CHAIN_GMCS)
    const tooMany = await keyOf('invite-ladder/too-many')
    await assertCode(() => createInvitation({ issuer: { privateKey: last, chain: info.chain }, group: { groupId: g.groupId, properties: g.properties }, subject: { publicKey: tooMany.publicKey }, roles: ['member'], now: T0, cache }), 'CHAIN_TOO_LONG')
  })

  it('takes the invitee as a key, raw bytes, a PeerId or PeerId text', async () => {
    const invitee = await generateKeyPair('Ed25519')
    const peerId = peerIdFromPrivateKey(invitee)
    for (const publicKey of [invitee.publicKey, invitee.publicKey.raw, peerId, peerId.toString()]) {
      const text = createInvitation({ issuer: issuerOf(w.admin), group: groupOf(w), subject: { publicKey }, roles: ['member'], now: T0 })
      const info = parseInvitation(text, { now: T0, expectPeerId: peerId.toString() })
      assert.equal(info.subjectDisplayName, peerId.toString())
    }
  })

  it('refuses a PeerId without an inline key and malformed addresses', async () => {
    const rsa = await generateKeyPair('RSA', 1024)
    await assertCode(() => createInvitation({ issuer: issuerOf(w.admin), group: groupOf(w), subject: { publicKey: peerIdFromPrivateKey(rsa).toString() }, roles: ['member'], now: T0 }), 'INVALID_PEER_ID')
    await assertCode(() => createInvitation({ issuer: issuerOf(w.admin), group: groupOf(w), subject: { publicKey: 'not a peer id' }, roles: ['member'], now: T0 }), 'INVALID_PEER_ID')
    const invitee = await keyOf('bad-address')
    await assertCode(() => createInvitation({ issuer: issuerOf(w.admin), group: groupOf(w), subject: { publicKey: invitee.publicKey }, roles: ['member'], addresses: ['not/a/multiaddr'], now: T0 }), 'INVALID_MULTIADDR')
  })
})
