import assert from 'node:assert/strict'
import { multiaddr } from '@multiformats/multiaddr'
import { isPeerhoodError } from '../../../protocols/common/errors.ts'
import { validateChain } from '../../../protocols/certificates/chain-validator.ts'
import { createPasswordInvitation, parseInvitation } from '../../../protocols/invitations/index.ts'
import { type AuthenticationFailedEvent, createPasswordVerifier, type PasswordVerifier } from '../../../protocols/password-join/index.ts'
import { HOUR, T0, assertCode, keyOf } from '../../unit/certificates/helpers.ts'
import { groupOf, issuerOf, makeWorld, type World } from '../../unit/invitations/helpers.ts'
import { type Clock, type JoinNode, startNode } from './nodes.ts'

const PASSWORD = 'correct horse battery staple'
let joiners = 0

describe('password join between libp2p nodes (memory transport, noise, yamux)', function () {
  this.timeout(60_000)
  let w: World
  let verifier: PasswordVerifier
  let clock: Clock
  let admin: JoinNode
  let joiner: JoinNode
  let issued: Array<{ groupId: string, peerId: string, chain: Uint8Array[] }>
  let failures: AuthenticationFailedEvent[]

  before(async () => {
    w = await makeWorld('cluster-join', { passwordRole: 'inviting-member' })
    verifier = await createPasswordVerifier(PASSWORD, { groupId: w.group.groupId, scryptN: 1 << 12 })
  })

  beforeEach(async () => {
    clock = { now: T0 + HOUR }
    issued = []
    failures = []
    admin = await startNode('admin', w.admin.key, clock, {
      passwordJoin: {
        authorityFor: (groupId) => groupId === w.group.groupId ? { verifier, passwordRole: w.group.properties.passwordRole, issuer: issuerOf(w.admin) } : undefined,
        onIssued: (groupId, peerId, chain) => { issued.push({ groupId, peerId: peerId.toString(), chain }) }
      }
    })
    admin.services.passwordJoin.addEventListener('authentication:failed', (e) => { failures.push(e.detail) })
    joiner = await startNode('joiner', await keyOf(`cluster-join/joiner/${joiners++}`), clock)
  })

  afterEach(async () => {
    await Promise.all([admin?.stop(), joiner?.stop()])
  })

  it('right password: a chain with the password role whose leaf is the joiner, found through a password invitation', async () => {
    const invitation = createPasswordInvitation({ issuer: issuerOf(w.admin), group: groupOf(w), addresses: admin.getMultiaddrs().map(String), now: clock.now })
    const info = parseInvitation(invitation, { now: clock.now })
    assert.equal(info.kind, 'password')
    assert.equal(info.issuerPeerId, admin.peerId.toString())
    const joined = await joiner.services.passwordJoin.join(info.addresses.map(a => multiaddr(a)), info.groupId, PASSWORD, { displayName: 'Joiner J' })
    assert.equal(joined.member.peerId, joiner.peerId.toString())
    assert.deepEqual(joined.member.roles, ['inviting-member'])
    assert.equal(joined.member.displayName, 'Joiner J')
    assert.equal(joined.administrator.peerId, admin.peerId.toString())
    const check = validateChain(w.group.groupId, joined.chain, clock.now)
    assert.ok(check.ok && check.leaf.peerId === joiner.peerId.toString())
    assert.equal(issued.length, 1)
    assert.equal(issued[0]!.peerId, joiner.peerId.toString())
    assert.deepEqual(issued[0]!.chain.map(c => Buffer.from(c).toString('hex')), joined.chain.map(c => Buffer.from(c).toString('hex')))
  })

  it('wrong password: AUTHENTICATION_FAILED, nothing issued, and the administrator hears of it', async () => {
    await assertCode(async () => await joiner.services.passwordJoin.join(admin.getMultiaddrs(), w.group.groupId, 'correct horse battery stapler'), 'AUTHENTICATION_FAILED')
    assert.equal(issued.length, 0)
    assert.equal(failures.length, 1)
    assert.deepEqual({ groupId: failures[0]!.groupId, peerId: failures[0]!.peerId, reason: failures[0]!.reason }, { groupId: w.group.groupId, peerId: joiner.peerId.toString(), reason: 'wrong-password' })
  })

  it('repeated failures: THROTTLED, even with the right password, until the block has passed', async () => {
    for (let i = 0; i < 3; i++) await assertCode(async () => await joiner.services.passwordJoin.join(admin.getMultiaddrs(), w.group.groupId, `guess ${i}`), 'AUTHENTICATION_FAILED')
    try {
      await joiner.services.passwordJoin.join(admin.getMultiaddrs(), w.group.groupId, PASSWORD)
      assert.fail('expected THROTTLED')
    } catch (err) {
      assert.ok(isPeerhoodError(err, 'THROTTLED'), String(err))
      assert.equal(err.details?.retryAfterMs, 60_000)
    }
    assert.equal(issued.length, 0)
    assert.equal(failures.at(-1)?.reason, 'throttled')
    clock.now += 60_000
    const joined = await joiner.services.passwordJoin.join(admin.getMultiaddrs(), w.group.groupId, PASSWORD)
    assert.equal(joined.member.peerId, joiner.peerId.toString())
  })

  it('a group the peer does not administer: NOT_FOUND', async () => {
    const other = await makeWorld('cluster-join-other')
    await assertCode(async () => await joiner.services.passwordJoin.join(admin.getMultiaddrs(), other.group.groupId, PASSWORD), 'NOT_FOUND')
  })

  it('an administrator that does not answer in time: TIMEOUT', async () => {
    let release = (): void => {}
    const slow = await startNode('slow', w.shortAdmin.key, clock, {
      passwordJoin: { authorityFor: async () => { await new Promise<void>(resolve => { release = resolve }); return undefined } }
    })
    try {
      await assertCode(async () => await joiner.services.passwordJoin.join(slow.getMultiaddrs(), w.group.groupId, PASSWORD, { signal: AbortSignal.timeout(300) }), 'TIMEOUT')
    } finally {
      release()
      await slow.stop()
    }
  })

  it('a peer that is no administrator of the group gets no proof: AUTHENTICATION_FAILED', async () => {
    const impostor = await startNode('impostor', w.inviter.key, clock, {
      passwordJoin: { authorityFor: () => ({ verifier, passwordRole: 'member', issuer: issuerOf(w.inviter) }) }
    })
    const heard: AuthenticationFailedEvent[] = []
    impostor.services.passwordJoin.addEventListener('authentication:failed', (e) => { heard.push(e.detail) })
    try {
      await assertCode(async () => await joiner.services.passwordJoin.join(impostor.getMultiaddrs(), w.group.groupId, PASSWORD), 'AUTHENTICATION_FAILED')
      assert.equal(heard.length, 0)
    } finally {
      await impostor.stop()
    }
  })
})
