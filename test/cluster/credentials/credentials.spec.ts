import assert from 'node:assert/strict'
import type { PeerId } from '@libp2p/interface'
import { validateChain } from '../../../protocols/certificates/chain-validator.ts'
import { type CredentialsRenewedEvent, needsRenewal, pickNewerChain } from '../../../protocols/credentials/index.ts'
import { DAY, T0, type Holder, assertCode, issueTo } from '../../unit/certificates/helpers.ts'
import { issuerOf, makeWorld, type World } from '../../unit/invitations/helpers.ts'
import { type Clock, type JoinNode, startNode } from '../password-join/nodes.ts'

describe('credential renewal between libp2p nodes (memory transport, noise, yamux)', function () {
  this.timeout(60_000)
  let w: World
  let m: Holder
  let clock: Clock
  let admin: JoinNode
  let member: JoinNode
  let stored: Array<{ groupId: string, peerId: PeerId, chain: Uint8Array[] }>
  let renewedEvents: CredentialsRenewedEvent[]
  const chains = new Map<string, Uint8Array[]>()

  before(async () => {
    w = await makeWorld('cluster-renew')
    m = await issueTo(w.admin, 'cluster-renew/m', ['member'], { lifetimeMs: 30 * DAY })
  })

  beforeEach(async () => {
    clock = { now: T0 + 29 * DAY + DAY / 2 }
    stored = []
    renewedEvents = []
    chains.set(w.group.groupId, m.chain)
    admin = await startNode('renew-admin', w.admin.key, clock, {
      credentials: {
        issuerFor: (groupId) => groupId === w.group.groupId ? issuerOf(w.admin) : undefined,
        onIssued: (groupId, peerId, chain) => { stored.push({ groupId, peerId, chain }) }
      }
    })
    admin.services.credentials.addEventListener('credentials:issued', (e) => { renewedEvents.push(e.detail) })
    member = await startNode('renew-member', m.key, clock, { credentials: { currentChain: (groupId) => chains.get(groupId) } })
  })

  afterEach(async () => {
    await Promise.all([admin?.stop(), member?.stop()])
  })

  it('renews a GMC about to expire: a later start, the same roles and duration, stored by the administrator', async () => {
    const before = validateChain(w.group.groupId, m.chain, clock.now)
    assert.ok(before.ok)
    assert.equal(needsRenewal(before.leaf, clock.now), true)
    const renewed = await member.services.credentials.renew(admin.getMultiaddrs(), w.group.groupId)
    assert.equal(renewed.member.peerId, member.peerId.toString())
    assert.deepEqual(renewed.member.roles, ['member'])
    assert.ok(renewed.member.notBefore > before.leaf.notBefore)
    assert.equal(renewed.member.notAfter - renewed.member.notBefore, 30 * DAY)
    assert.equal(needsRenewal(renewed.member, clock.now), false)
    assert.equal(stored.length, 1)
    assert.ok(stored[0]!.peerId.equals(member.peerId))
    assert.equal(renewedEvents[0]?.peerId, member.peerId.toString())
    // the member adopts it when it finds it in the group database
    assert.equal(pickNewerChain(m.chain, stored[0]!.chain, { groupId: w.group.groupId, now: clock.now }).adopted, true)
  })

  it('refuses a requester that presents another member\'s chain: NOT_AUTHORIZED, nothing stored', async () => {
    chains.set(w.group.groupId, w.member.chain)
    await assertCode(async () => await member.services.credentials.renew(admin.getMultiaddrs(), w.group.groupId), 'NOT_AUTHORIZED')
    assert.equal(stored.length, 0)
  })

  it('refuses when the responder may not grant the requester\'s roles: NOT_AUTHORIZED', async () => {
    const inviter = await startNode('renew-inviter', w.inviter.key, clock, { credentials: { issuerFor: () => issuerOf(w.inviter) } })
    const requester = await startNode('renew-admin-2', w.shortAdmin.key, clock, { credentials: { currentChain: () => w.shortAdmin.chain } })
    clock.now = T0 + 5 * DAY
    try {
      await assertCode(async () => await requester.services.credentials.renew(inviter.getMultiaddrs(), w.group.groupId), 'NOT_AUTHORIZED')
    } finally {
      await Promise.all([inviter.stop(), requester.stop()])
    }
  })

  it('refuses a non-administrator (NOT_FOUND) and an expired chain (INVALID_TIME_PERIOD); no chain: NOT_A_MEMBER', async () => {
    await assertCode(async () => await admin.services.credentials.renew(member.getMultiaddrs(), w.group.groupId), 'NOT_A_MEMBER')
    const plain = await startNode('renew-plain', w.inviter.key, clock)
    try {
      await assertCode(async () => await member.services.credentials.renew(plain.getMultiaddrs(), w.group.groupId), 'NOT_FOUND')
    } finally {
      await plain.stop()
    }
    clock.now = T0 + 31 * DAY
    await assertCode(async () => await member.services.credentials.renew(admin.getMultiaddrs(), w.group.groupId), 'INVALID_TIME_PERIOD')
  })
})
