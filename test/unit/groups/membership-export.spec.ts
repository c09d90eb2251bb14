import assert from 'node:assert/strict'
import { ed25519PeerId } from '../../../protocols/certificates/keys.ts'
import { exportMembership, importMembership, MEMBERSHIP_EXPORT_PREFIX } from '../../../protocols/groups/membership-export.ts'
import { DAY, T0, assertCode, issueTo, keyOf, makeGroup, seededRandom, type Holder } from '../certificates/helpers.ts'

type Group = Awaited<ReturnType<typeof makeGroup>>

const FAST = { scryptN: 1024 } // keeps the suite fast; the default cost is tested once

describe('membership export and import', () => {
  let g: Group
  let member: Holder
  let memberPeerId: string
  let text: string

  before(async () => {
    g = await makeGroup('export', 'exp')
    member = await issueTo({ key: g.creatorKey, chain: g.creatorChain }, 'exported member', ['member'], { lifetimeMs: 10 * DAY })
    memberPeerId = ed25519PeerId(member.key.publicKey)
    text = await exportMembership({ groupId: g.groupId, properties: g.properties, chain: member.chain }, 'correct horse', FAST)
  })

  it('round-trips a member\'s chain and the properties as pasteable text', async () => {
    assert.ok(text.startsWith(MEMBERSHIP_EXPORT_PREFIX))
    assert.match(text, /^[\x21-\x7e]+$/)
    const imported = await importMembership(text, 'correct horse', { expectPeerId: memberPeerId, now: T0 })
    assert.equal(imported.groupId, g.groupId)
    assert.deepEqual(imported.properties, g.properties)
    assert.deepEqual(imported.chain, member.chain)
    assert.equal(imported.member.peerId, memberPeerId)
    assert.equal(imported.rootPrivateKey, undefined)
  })

  it('carries the group root key for the owner, with the default scrypt cost', async () => {
    const owner = await exportMembership({ groupId: g.groupId, properties: g.properties, chain: g.creatorChain, rootPrivateKey: g.rootPrivateKey }, 'owner pw')
    const imported = await importMembership(owner, 'owner pw', { expectPeerId: ed25519PeerId(g.creatorKey.publicKey), now: T0 })
    assert.ok(imported.rootPrivateKey?.equals(g.rootPrivateKey))
  })

  it('survives line breaks and spaces from pasting', async () => {
    const wrapped = text.match(/.{1,60}/g)!.join('\n  ')
    assert.equal((await importMembership(wrapped, 'correct horse', { expectPeerId: memberPeerId, now: T0 })).groupId, g.groupId)
  })

  it('refuses a wrong password: BAD_PASSWORD', async () => {
    await assertCode(() => importMembership(text, 'wrong horse', { expectPeerId: memberPeerId, now: T0 }), 'BAD_PASSWORD')
  })

  it('refuses tampered or damaged text: INVALID_EXPORT', async () => {
    const [head, body] = text.slice(MEMBERSHIP_EXPORT_PREFIX.length).split('.') as [string, string]
    const flipped = body.slice(0, 10) + (body[10] === 'A' ? 'B' : 'A') + body.slice(11)
    const variants = [
      `${MEMBERSHIP_EXPORT_PREFIX}${head}.${flipped}`,
      `${MEMBERSHIP_EXPORT_PREFIX}${head}.${body.slice(0, -8)}`,
      `peerhood1:contact:${head}.${body}`,
      `${MEMBERSHIP_EXPORT_PREFIX}${head}`,
      `${MEMBERSHIP_EXPORT_PREFIX}bm90IGpzb24.${body}`,
      'hello'
    ]
    for (const variant of variants) await assertCode(() => importMembership(variant, 'correct horse', { expectPeerId: memberPeerId, now: T0 }), 'INVALID_EXPORT')
  })

  it('refuses a membership of another identity: NOT_AUTHORIZED', async () => {
    const stranger = ed25519PeerId((await keyOf('stranger')).publicKey)
    await assertCode(() => importMembership(text, 'correct horse', { expectPeerId: stranger, now: T0 }), 'NOT_AUTHORIZED')
  })

  it('refuses an expired membership with the validator\'s code: INVALID_TIME_PERIOD', async () => {
    await assertCode(() => importMembership(text, 'correct horse', { expectPeerId: memberPeerId, now: T0 + 11 * DAY }), 'INVALID_TIME_PERIOD')
  })

  it('refuses a chain that does not validate: INVALID_CERTIFICATE', async () => {
    const other = await makeGroup('export-other')
    const mixed = await exportMembership({ groupId: g.groupId, properties: g.properties, chain: [other.grc, ...member.chain.slice(1)] }, 'pw', FAST)
    await assertCode(() => importMembership(mixed, 'pw', { expectPeerId: memberPeerId, now: T0 }), 'INVALID_CERTIFICATE')
  })

  it('refuses a root key that is not the group\'s: INVALID_EXPORT', async () => {
    const other = await makeGroup('export-other-root')
    const bad = await exportMembership({ groupId: g.groupId, properties: g.properties, chain: g.creatorChain, rootPrivateKey: other.rootPrivateKey }, 'pw', FAST)
    await assertCode(() => importMembership(bad, 'pw', { expectPeerId: ed25519PeerId(g.creatorKey.publicKey), now: T0 }), 'INVALID_EXPORT')
  })

  it('refuses an empty password and mismatched properties on export', async () => {
    await assertCode(() => exportMembership({ groupId: g.groupId, properties: g.properties, chain: member.chain }, '', FAST), 'INVALID_ARGUMENT')
    const other = await makeGroup('export-props')
    await assertCode(() => exportMembership({ groupId: g.groupId, properties: other.properties, chain: member.chain }, 'pw', FAST), 'INVALID_ARGUMENT')
  })

  it('is deterministic with injected randomness', async () => {
    const seal = async () => await exportMembership({ groupId: g.groupId, properties: g.properties, chain: member.chain }, 'pw', { ...FAST, random: seededRandom('export') })
    assert.equal(await seal(), await seal())
  })
})
