import assert from 'node:assert/strict'
import { X509Certificate } from 'node:crypto'
import type { ErrorCode } from '../../../protocols/common/errors.ts'
import { ChainCache } from '../../../protocols/certificates/chain-cache.ts'
import { validateChain } from '../../../protocols/certificates/chain-validator.ts'
import { INFINITE, INFINITE_LIFETIME_MS, MAX_CHAIN_GMCS } from '../../../protocols/certificates/constants.ts'
import { issueCredentials, renewCredentials } from '../../../protocols/certificates/issue.ts'
import type { Role } from '../../../protocols/certificates/roles.ts'
import { DAY, HOUR, T0, adminLadder, assertCode, issueTo, keyOf, makeGroup, type Holder } from './helpers.ts'

type Group = Awaited<ReturnType<typeof makeGroup>>

describe('issuing credentials', () => {
  let g: Group
  let creator: Holder
  let admin: Holder
  let inviter: Holder
  let member: Holder
  let admin500: Holder

  before(async () => {
    g = await makeGroup('issue')
    creator = { key: g.creatorKey, chain: g.creatorChain }
    admin = await issueTo(creator, 'admin', ['administrator'])
    inviter = await issueTo(admin, 'inviter', ['inviting-member'])
    member = await issueTo(inviter, 'member', ['member'])
    admin500 = await issueTo(creator, 'admin-500h', ['administrator'], { lifetimeMs: 500 * HOUR })
  })

  describe('the issuance matrix', () => {
    const table: Array<{ issuer: () => Holder, issuerName: string, roles: Role[], code?: ErrorCode }> = [
      { issuer: () => creator, issuerName: 'creator', roles: ['administrator'] },
      { issuer: () => creator, issuerName: 'creator', roles: ['inviting-member', 'member'] },
      { issuer: () => creator, issuerName: 'creator', roles: ['creator'], code: 'NOT_AUTHORIZED' },
      { issuer: () => admin, issuerName: 'administrator', roles: ['administrator'] },
      { issuer: () => admin, issuerName: 'administrator', roles: ['member'] },
      { issuer: () => admin, issuerName: 'administrator', roles: ['creator', 'administrator'], code: 'NOT_AUTHORIZED' },
      { issuer: () => inviter, issuerName: 'inviting member', roles: ['inviting-member'] },
      { issuer: () => inviter, issuerName: 'inviting member', roles: ['member'] },
      { issuer: () => inviter, issuerName: 'inviting member', roles: ['administrator'], code: 'NOT_AUTHORIZED' },
      { issuer: () => member, issuerName: 'member', roles: ['member'], code: 'NOT_AUTHORIZED' },
      { issuer: () => creator, issuerName: 'creator', roles: [], code: 'INVALID_ROLE_PROPERTY' },
      { issuer: () => creator, issuerName: 'creator', roles: ['owner' as Role], code: 'INVALID_ROLE_PROPERTY' }
    ]
    for (const row of table) {
      it(`${row.issuerName} → [${row.roles.join(', ')}]: ${row.code ?? 'issued'}`, async () => {
        const subject = await keyOf(`subject/${row.roles.join()}`)
        const run = () => issueCredentials({ privateKey: row.issuer().key, chain: row.issuer().chain }, { publicKey: subject.publicKey }, { roles: row.roles, now: T0 })
        if (row.code !== undefined) return await assertCode(run, row.code)
        const issued = run()
        assert.deepEqual(issued.member.roles, row.roles)
        assert.ok(validateChain(g.groupId, issued.chain, T0).ok)
      })
    }
  })

  it('gives the root key holder (chain [GRC]) every role, creator included', async () => {
    const subject = await keyOf('co-owner')
    const issued = issueCredentials({ privateKey: g.rootPrivateKey, chain: [g.grc] }, { publicKey: subject.publicKey.raw }, { roles: ['creator', 'administrator'], now: T0 })
    assert.equal(issued.member.depth, 1)
    assert.deepEqual(issued.member.roles, ['creator', 'administrator'])
  })

  it('refuses a private key that is not the issuer certificate\'s: NOT_AUTHORIZED', async () => {
    await assertCode(() => issueCredentials({ privateKey: member.key, chain: admin.chain }, { publicKey: member.key.publicKey }, { roles: ['member'], now: T0 }), 'NOT_AUTHORIZED')
  })

  it('refuses to issue to a key already in the chain: CIRCULAR_CHAIN_DETECTED', async () => {
    await assertCode(() => issueCredentials({ privateKey: inviter.key, chain: inviter.chain }, { publicKey: admin.key.publicKey }, { roles: ['member'], now: T0 }), 'CIRCULAR_CHAIN_DETECTED')
  })

  it(`accepts ${MAX_CHAIN_GMCS} GMCs and refuses the ${MAX_CHAIN_GMCS + 1}th: CHAIN_TOO_LONG`, async () => {
    const ladder = await adminLadder(g, MAX_CHAIN_GMCS, new ChainCache())
    assert.equal(ladder.chain.length - 1, MAX_CHAIN_GMCS)
    await assertCode(() => issueTo(ladder, 'one too many', ['member']), 'CHAIN_TOO_LONG')
  })

  describe('lifetimes', () => {
    it('an administrator with 500 hours left may issue 500 hours, not 501', async () => {
      const at = (h: number) => ({ now: T0, lifetimeMs: h * HOUR })
      const ok = await issueTo(admin500, 'm-500', ['member'], at(500))
      assert.equal(validateChain(g.groupId, ok.chain, T0).ok, true)
      await assertCode(() => issueTo(admin500, 'm-501', ['member'], at(501)), 'INVALID_TIME_PERIOD')
    })

    it('counts the issuer\'s remaining time, not its whole lifetime', async () => {
      const now = T0 + 100 * HOUR
      await issueTo(admin500, 'm-400', ['member'], { now, lifetimeMs: 400 * HOUR })
      await assertCode(() => issueTo(admin500, 'm-401', ['member'], { now, lifetimeMs: 401 * HOUR }), 'INVALID_TIME_PERIOD')
    })

    it('without a lifetime, a GMC ends with its issuer\'s (the issuer\'s remaining lifetime)', async () => {
      const now = T0 + 100 * HOUR
      const issued = issueCredentials({ privateKey: admin500.key, chain: admin500.chain }, { publicKey: (await keyOf('no-lifetime')).publicKey }, { roles: ['member'], now })
      assert.equal(issued.member.notBefore, now)
      assert.equal(issued.member.notAfter, T0 + 500 * HOUR)
    })

    it('without a lifetime, the creator issues "infinite" (1000-year) GMCs', async () => {
      const issued = issueCredentials({ privateKey: creator.key, chain: creator.chain }, { publicKey: (await keyOf('forever')).publicKey }, { roles: ['administrator'], now: T0 + DAY })
      const years = (issued.member.notAfter - issued.member.notBefore) / (365.25 * DAY)
      assert.ok(years > 999.99 && years <= 1000, `lifetime ${years} years`)
      assert.equal(g.creator.notAfter - g.creator.notBefore, Math.floor(INFINITE_LIFETIME_MS / 1000) * 1000)
    })

    it('an "infinite" lifetime ends with the issuer\'s own certificate, whoever issues and whenever', async () => {
      const cases = [{ issuer: creator, now: T0 + DAY, end: g.creator.notAfter }, { issuer: admin500, now: T0 + HOUR, end: T0 + 500 * HOUR }]
      for (const { issuer, now, end } of cases) {
        const issued = issueCredentials({ privateKey: issuer.key, chain: issuer.chain }, { publicKey: (await keyOf('infinite')).publicKey }, { roles: ['member'], now, lifetimeMs: INFINITE })
        assert.equal(issued.member.notAfter, end)
      }
    })

    it('refuses a start before the issuer\'s, a non-positive lifetime, and an expired issuer: INVALID_TIME_PERIOD', async () => {
      const subject = (await keyOf('timing')).publicKey
      const issue = (options: { now: number, notBefore?: number, lifetimeMs?: number }) => () =>
        issueCredentials({ privateKey: admin500.key, chain: admin500.chain }, { publicKey: subject }, { roles: ['member'], ...options })
      await assertCode(issue({ now: T0, notBefore: T0 - HOUR }), 'INVALID_TIME_PERIOD')
      await assertCode(issue({ now: T0, lifetimeMs: 0 }), 'INVALID_TIME_PERIOD')
      await assertCode(issue({ now: T0 + 501 * HOUR }), 'INVALID_TIME_PERIOD')
    })

    it('rounds validity to whole seconds', async () => {
      const issued = await issueTo(admin, 'ms', ['member'], { now: T0 + 1234, lifetimeMs: HOUR + 567 })
      const cert = new X509Certificate(issued.chain.at(-1)!)
      assert.equal(cert.validFromDate.getTime(), T0 + 1000)
      assert.equal(cert.validToDate.getTime(), T0 + 1000 + HOUR)
    })
  })

  describe('renewal', () => {
    it('issues a new GMC for the same key, starting later, with the same duration by default', async () => {
      const current = await issueTo(admin, 'renew-me', ['member'], { lifetimeMs: 10 * DAY })
      const renewed = renewCredentials({ privateKey: admin.key, chain: admin.chain }, current.chain.at(-1)!, { now: T0 + 5 * DAY })
      assert.equal(renewed.member.notBefore, T0 + 5 * DAY)
      assert.equal(renewed.member.notAfter, T0 + 15 * DAY)
      assert.deepEqual(renewed.member.publicKey, current.key.publicKey.raw)
      assert.equal(renewed.member.displayName, 'renew-me')
      assert.deepEqual(renewed.member.roles, ['member'])
      assert.notEqual(renewed.member.serialNumber, new X509Certificate(current.chain.at(-1)!).serialNumber.toLowerCase())
      assert.ok(validateChain(g.groupId, renewed.chain, T0 + 5 * DAY).ok)
    })

    it('cuts the default duration to the issuer\'s remaining lifetime, and may change roles', async () => {
      const current = await issueTo(admin500, 'renew-short', ['member'], { lifetimeMs: 400 * HOUR })
      const renewed = renewCredentials({ privateKey: admin500.key, chain: admin500.chain }, current.chain.at(-1)!, { now: T0 + 300 * HOUR, roles: ['inviting-member'] })
      assert.equal(renewed.member.notAfter, T0 + 500 * HOUR)
      assert.deepEqual(renewed.member.roles, ['inviting-member'])
    })

    it('refuses a renewal that does not start later than the current GMC: INVALID_TIME_PERIOD', async () => {
      const current = await issueTo(admin, 'renew-now', ['member'], { now: T0 + DAY })
      await assertCode(() => renewCredentials({ privateKey: admin.key, chain: admin.chain }, current.chain.at(-1)!, { now: T0 + DAY }), 'INVALID_TIME_PERIOD')
    })

    it('refuses a certificate of another group: INVALID_CERTIFICATE', async () => {
      const other = await makeGroup('issue-other')
      await assertCode(() => renewCredentials({ privateKey: admin.key, chain: admin.chain }, other.creatorChain[1]!, { now: T0 + DAY }), 'INVALID_CERTIFICATE')
    })
  })
})
