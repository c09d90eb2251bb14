import assert from 'node:assert/strict'
import { renewCredentials } from '../../../protocols/certificates/issue.ts'
import { needsRenewal, pickNewerChain, renewalMargin } from '../../../protocols/credentials/index.ts'
import { DAY, HOUR, T0, issueTo } from '../certificates/helpers.ts'
import { issuerOf, makeWorld, type World } from '../invitations/helpers.ts'

describe('credentials: when to renew and which chain to keep', () => {
  describe('needsRenewal', () => {
    const year = { notBefore: 0, notAfter: 365 * DAY }
    const tenHours = { notBefore: 0, notAfter: 10 * HOUR }

    it('by default renews in the last 24 h of a long GMC and the last 10 % of a short one', () => {
      assert.equal(renewalMargin(year), DAY)
      assert.equal(renewalMargin(tenHours), HOUR)
      assert.equal(needsRenewal(year, 364 * DAY - 1), false)
      assert.equal(needsRenewal(year, 364 * DAY + 1), true)
      assert.equal(needsRenewal(tenHours, 9 * HOUR - 1), false)
      assert.equal(needsRenewal(tenHours, 9 * HOUR + 1), true)
    })

    it('takes a margin, and never asks for an expired GMC', () => {
      assert.equal(needsRenewal(year, 300 * DAY, { renewBeforeMs: 70 * DAY }), true)
      assert.equal(needsRenewal(year, 365 * DAY + 1), false)
    })
  })

  describe('pickNewerChain', () => {
    let w: World
    let current: Uint8Array[]
    let later: Uint8Array[]
    const now = T0 + 2 * DAY

    before(async () => {
      w = await makeWorld('pick')
      current = (await issueTo(w.admin, 'pick/m', ['member'], { lifetimeMs: 30 * DAY })).chain
      later = renewCredentials(issuerOf(w.admin), current[current.length - 1]!, { now: T0 + DAY }).chain
    })

    it('adopts a valid chain of the same member that starts later', () => {
      const picked = pickNewerChain(current, later, { groupId: w.group.groupId, now })
      assert.equal(picked.adopted, true)
      assert.equal(picked.chain, later)
      assert.equal(picked.member?.notBefore, T0 + DAY)
    })

    it('keeps the current chain against an older one, another member\'s, an invalid or foreign one', async () => {
      const groupId = w.group.groupId
      assert.equal(pickNewerChain(later, current, { groupId, now }).adopted, false, 'older')
      assert.equal(pickNewerChain(current, current, { groupId, now }).adopted, false, 'same start')
      const other = (await issueTo(w.admin, 'pick/other', ['member'], { now: T0 + DAY })).chain
      assert.equal(pickNewerChain(current, other, { groupId, now }).adopted, false, 'another member')
      assert.equal(pickNewerChain(current, later, { groupId, now: T0 + 100 * DAY }).adopted, false, 'expired candidate')
      assert.equal(pickNewerChain(current, later.slice(1), { groupId, now }).adopted, false, 'no root')
      const foreign = await makeWorld('pick-foreign')
      assert.equal(pickNewerChain(current, later, { groupId: foreign.group.groupId, now }).adopted, false, 'another group')
    })
  })
})
