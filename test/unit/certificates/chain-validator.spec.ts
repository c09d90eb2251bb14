import assert from 'node:assert/strict'
import { X509Certificate } from 'node:crypto'
import type { ErrorCode } from '../../../protocols/common/errors.ts'
import { MAX_CHAIN_GMCS } from '../../../protocols/certificates/constants.ts'
import { assertValidChain, checkRootBinding, validateChain } from '../../../protocols/certificates/chain-validator.ts'
import type { ChainFailureReason } from '../../../protocols/certificates/chain-result.ts'
import { computeGroupId } from '../../../protocols/certificates/group-id.ts'
import { ed25519PeerId, ed25519PrivateKeyObject, ed25519Spki } from '../../../protocols/certificates/keys.ts'
import { buildRootCertificate } from '../../../protocols/certificates/templates.ts'
import { DAY, HOUR, T0, adminLadder, assertCode, assertRefused, forge, issueTo, keyOf, makeGroup, resign, type Holder } from './helpers.ts'

type Group = Awaited<ReturnType<typeof makeGroup>>

interface Case {
  name: string
  chain: () => Promise<readonly Uint8Array[]> | readonly Uint8Array[]
  groupId?: () => string
  now?: number
  code: ErrorCode
  reason: ChainFailureReason
  index: number
}

describe('chain validator', () => {
  let g: Group
  let other: Group
  let creator: Holder
  let a: Holder
  let b: Holder
  let m: Holder
  let inviter: Holder
  let shortB: Holder
  let ladder: Holder

  before(async () => {
    g = await makeGroup('validator', 'chat')
    other = await makeGroup('other')
    creator = { key: g.creatorKey, chain: g.creatorChain }
    a = await issueTo(creator, 'A', ['administrator'])
    b = await issueTo(a, 'B', ['administrator'])
    m = await issueTo(b, 'M', ['member'])
    inviter = await issueTo(a, 'I', ['inviting-member'])
    shortB = await issueTo(a, 'B-short', ['administrator'], { lifetimeMs: DAY })
    ladder = await adminLadder(g, MAX_CHAIN_GMCS)
  })

  it('accepts the seed chain creator → A → B → M (4 GMCs) and reports its member', async () => {
    const result = validateChain(g.groupId, m.chain, T0 + HOUR)
    assert.ok(result.ok)
    assert.equal(m.chain.length, 5)
    assert.equal(result.leaf.depth, 4)
    assert.equal(result.leaf.peerId, ed25519PeerId((await keyOf('M')).publicKey))
    assert.deepEqual(result.leaf.roles, ['member'])
    assert.equal(result.leaf.displayName, 'M')
    assert.equal(result.leaf.groupId, g.groupId)
    assert.equal(result.leaf.ca, false)
    assert.equal(result.leaf.serialNumber.length, 32)
    assert.deepEqual(result.leaf.publicKey, (await keyOf('M')).publicKey.raw)
    assert.ok(Object.isFrozen(result) && Object.isFrozen(result.leaf))
  })

  it('accepts the creator\'s own chain (creator + administrator, 1 GMC)', () => {
    const result = validateChain(g.groupId, g.creatorChain, T0)
    assert.ok(result.ok)
    assert.deepEqual(result.leaf.roles, ['creator', 'administrator'])
    assert.equal(result.leaf.depth, 1)
    assert.equal(result.leaf.ca, true)
  })

  it(`accepts ${MAX_CHAIN_GMCS} GMCs; the ${MAX_CHAIN_GMCS}th is a leaf even as an administrator`, () => {
    assert.equal(ladder.chain.length, MAX_CHAIN_GMCS + 1)
    const result = validateChain(g.groupId, ladder.chain, T0 + HOUR)
    assert.ok(result.ok)
    assert.equal(result.leaf.depth, MAX_CHAIN_GMCS)
    assert.deepEqual(result.leaf.roles, ['administrator'])
    assert.equal(result.leaf.ca, false)
  })

  it('accepts parsed X509Certificate objects as well as DER', () => {
    const result = validateChain(g.groupId, m.chain.map(der => new X509Certificate(der)), T0)
    assert.ok(result.ok)
  })

  const cases: Case[] = [
    { name: 'an empty chain', chain: () => [], code: 'INVALID_CERTIFICATE', reason: 'too-short', index: 0 },
    { name: 'a GRC alone', chain: () => [g.grc], code: 'INVALID_CERTIFICATE', reason: 'too-short', index: 0 },
    {
      name: `a hand-built chain of ${MAX_CHAIN_GMCS + 1} GMCs`,
      chain: async () => [...ladder.chain, forge({
        issuerKey: ladder.key, issuerCert: ladder.chain.at(-1)!, subjectKey: await keyOf('25th'), groupId: g.groupId,
        roles: ['member'], depth: MAX_CHAIN_GMCS + 1, notBefore: T0, notAfter: T0 + DAY
      })],
      code: 'CHAIN_TOO_LONG',
      reason: 'too-many-gmcs',
      index: MAX_CHAIN_GMCS + 1
    },
    { name: 'bytes that are not a certificate', chain: () => [g.grc, g.creatorChain[1]!, Uint8Array.of(0x30, 0x03, 1, 2, 3)], code: 'INVALID_CERTIFICATE', reason: 'malformed', index: 2 },
    { name: 'a GMC in the root position', chain: () => m.chain.slice(1), code: 'INVALID_CERTIFICATE', reason: 'not-a-root', index: 0 },
    { name: 'a GRC in a member position', chain: () => [g.grc, g.grc], code: 'INVALID_CERTIFICATE', reason: 'not-a-member', index: 1 },
    { name: 'the chain of group X presented for group Y', chain: () => m.chain, groupId: () => other.groupId, code: 'INVALID_CERTIFICATE', reason: 'group-mismatch', index: 0 },
    { name: 'the GRC of group Y with the GMCs of group X', chain: () => [other.grc, ...m.chain.slice(1)], groupId: () => other.groupId, code: 'INVALID_CERTIFICATE', reason: 'group-mismatch', index: 1 },
    {
      name: 'a GRC naming the group with a key that does not hash to it',
      chain: async () => {
        const key = await keyOf('impostor root')
        return [buildRootCertificate({
          rootKey: ed25519PrivateKeyObject(key), rootPublicKey: key.publicKey.raw, groupId: g.groupId, friendlyName: 'x',
          serialNumber: '11'.repeat(16), notBefore: T0, notAfter: T0 + 1000 * DAY
        }), ...m.chain.slice(1)]
      },
      code: 'INVALID_CERTIFICATE',
      reason: 'root-mismatch',
      index: 0
    },
    { name: 'a link re-signed with a wrong key (forged signature)', chain: () => [...m.chain.slice(0, 3), resign(m.chain[3]!, m.key), m.chain[4]!], code: 'INVALID_CERTIFICATE', reason: 'bad-signature', index: 3 },
    { name: 'a GRC re-signed with a wrong key', chain: () => [resign(g.grc, m.key), ...m.chain.slice(1)], code: 'INVALID_CERTIFICATE', reason: 'bad-signature', index: 0 },
    { name: 'links out of order', chain: () => [m.chain[0]!, m.chain[1]!, m.chain[3]!, m.chain[2]!, m.chain[4]!], code: 'INVALID_CERTIFICATE', reason: 'bad-signature', index: 2 },
    {
      name: 'an inviting member granting administrator',
      chain: async () => [...inviter.chain, forge({ issuerKey: inviter.key, issuerCert: inviter.chain.at(-1)!, subjectKey: await keyOf('X'), groupId: g.groupId, roles: ['administrator'], depth: 4, notBefore: T0, notAfter: T0 + DAY })],
      code: 'NOT_AUTHORIZED',
      reason: 'role-not-issuable',
      index: 4
    },
    {
      name: 'a member issuing a member',
      chain: async () => [...m.chain, forge({ issuerKey: m.key, issuerCert: m.chain.at(-1)!, subjectKey: await keyOf('X'), groupId: g.groupId, roles: ['member'], depth: 5, notBefore: T0, notAfter: T0 + DAY })],
      code: 'NOT_AUTHORIZED',
      reason: 'role-not-issuable',
      index: 5
    },
    {
      name: 'an administrator granting creator',
      chain: async () => [...a.chain, forge({ issuerKey: a.key, issuerCert: a.chain.at(-1)!, subjectKey: await keyOf('X'), groupId: g.groupId, roles: ['creator', 'administrator'], depth: 3, notBefore: T0, notAfter: T0 + DAY })],
      code: 'NOT_AUTHORIZED',
      reason: 'role-not-issuable',
      index: 3
    },
    {
      name: 'a cycle: B issues a new GMC to A (same key twice)',
      chain: async () => [...b.chain, forge({ issuerKey: b.key, issuerCert: b.chain.at(-1)!, subjectKey: a.key, groupId: g.groupId, roles: ['administrator'], depth: 4, notBefore: T0, notAfter: T0 + DAY })],
      code: 'CIRCULAR_CHAIN_DETECTED',
      reason: 'duplicate-key',
      index: 4
    },
    { name: 'the same certificate twice', chain: () => [...b.chain, b.chain.at(-1)!], code: 'CIRCULAR_CHAIN_DETECTED', reason: 'duplicate-key', index: 4 },
    {
      name: 'a serial number reused in the chain',
      chain: async () => {
        const serialNumber = new X509Certificate(a.chain.at(-1)!).serialNumber.toLowerCase()
        return [...b.chain, forge({ issuerKey: b.key, issuerCert: b.chain.at(-1)!, subjectKey: await keyOf('X'), groupId: g.groupId, roles: ['member'], depth: 4, notBefore: T0, notAfter: T0 + DAY, serialNumber })]
      },
      code: 'CIRCULAR_CHAIN_DETECTED',
      reason: 'duplicate-serial',
      index: 4
    },
    {
      name: 'a member\'s GMC outliving its administrator\'s',
      chain: async () => [...shortB.chain, forge({ issuerKey: shortB.key, issuerCert: shortB.chain.at(-1)!, subjectKey: await keyOf('X'), groupId: g.groupId, roles: ['member'], depth: 4, notBefore: T0, notAfter: T0 + 2 * DAY })],
      code: 'INVALID_TIME_PERIOD',
      reason: 'outlives-issuer',
      index: 4
    },
    {
      name: 'a GMC starting before its issuer',
      chain: async () => [...shortB.chain, forge({ issuerKey: shortB.key, issuerCert: shortB.chain.at(-1)!, subjectKey: await keyOf('X'), groupId: g.groupId, roles: ['member'], depth: 4, notBefore: T0 - HOUR, notAfter: T0 + HOUR })],
      code: 'INVALID_TIME_PERIOD',
      reason: 'outlives-issuer',
      index: 4
    },
    { name: 'an expired link (validated after it ended)', chain: async () => (await issueTo(shortB, 'M-short', ['member'])).chain, now: T0 + 2 * DAY, code: 'INVALID_TIME_PERIOD', reason: 'expired', index: 3 },
    { name: 'a chain validated before it starts', chain: () => m.chain, now: T0 - 1000, code: 'INVALID_TIME_PERIOD', reason: 'not-yet-valid', index: 0 },
    {
      name: 'an administrator GMC without cA',
      chain: async () => [...creator.chain, forge({ issuerKey: creator.key, issuerCert: creator.chain.at(-1)!, subjectKey: await keyOf('X'), groupId: g.groupId, roles: ['administrator'], depth: MAX_CHAIN_GMCS, notBefore: T0, notAfter: T0 + DAY })],
      code: 'INVALID_CERTIFICATE',
      reason: 'ca-flag-mismatch',
      index: 2
    },
    {
      name: 'a GMC whose URI names another PeerId than its key',
      chain: async () => [...b.chain, forge({ issuerKey: b.key, issuerCert: b.chain.at(-1)!, subjectKey: await keyOf('X'), peerId: ed25519PeerId((await keyOf('Y')).publicKey), groupId: g.groupId, roles: ['member'], depth: 4, notBefore: T0, notAfter: T0 + DAY })],
      code: 'INVALID_CERTIFICATE',
      reason: 'peer-id-mismatch',
      index: 4
    }
  ]

  for (const c of cases) {
    it(`refuses ${c.name}: ${c.code} (${c.reason})`, async () => {
      const chain = await c.chain()
      assertRefused(validateChain(c.groupId?.() ?? g.groupId, chain, c.now ?? T0 + HOUR), c.code, c.reason, c.index)
    })
  }

  it('assertValidChain throws the same code, with index and reason in details', async () => {
    await assertCode(() => assertValidChain(other.groupId, m.chain, T0), 'INVALID_CERTIFICATE')
    assert.equal(assertValidChain(g.groupId, m.chain, T0).depth, 4)
  })

  it('checkRootBinding binds a GRC to its group id only', () => {
    assert.ok(checkRootBinding(g.groupId, g.grc))
    assert.ok(!checkRootBinding(other.groupId, g.grc))
    assert.ok(!checkRootBinding(g.groupId, g.creatorChain[1]!))
    assert.ok(!checkRootBinding(g.groupId, resign(g.grc, m.key)))
    assert.equal(computeGroupId(ed25519Spki(g.rootPrivateKey.publicKey), 'chat'), g.groupId)
  })
})
