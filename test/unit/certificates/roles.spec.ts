import assert from 'node:assert/strict'
import {
  ROLES, ROOT_ISSUER, canIssueAny, formatRoleList, mayIssue, normalizeRoles, parseRoleList, rolesToMask, type Role
} from '../../../protocols/certificates/roles.ts'
import { assertCode } from './helpers.ts'

describe('roles', () => {
  // issuer → roles it may grant (Windows MS-PPSEC 2.2.5.3, plus "nobody grants above itself")
  const matrix: Record<Role, Role[]> = {
    creator: ['administrator', 'inviting-member', 'member'],
    administrator: ['administrator', 'inviting-member', 'member'],
    'inviting-member': ['inviting-member', 'member'],
    member: []
  }
  for (const issuer of ROLES) {
    for (const subject of ROLES) {
      const allowed = matrix[issuer].includes(subject)
      it(`${issuer} ${allowed ? 'may' : 'may not'} issue ${subject}`, () => {
        assert.equal(mayIssue(rolesToMask([issuer]), rolesToMask([subject])), allowed)
      })
    }
  }

  it('lets the group root issue every role, creator included', () => {
    for (const role of ROLES) assert.ok(mayIssue(ROOT_ISSUER, rolesToMask([role])))
  })

  it('needs every requested role to be issuable, and at least one', () => {
    assert.ok(!mayIssue(rolesToMask(['inviting-member']), rolesToMask(['administrator', 'member'])))
    assert.ok(mayIssue(rolesToMask(['creator', 'administrator']), rolesToMask(['administrator', 'member'])))
    assert.ok(!mayIssue(rolesToMask(['administrator']), 0))
  })

  it('makes CA certificates only for roles that may issue', () => {
    assert.deepEqual(ROLES.map(r => canIssueAny(rolesToMask([r]))), [true, true, true, false])
  })

  it('normalises role lists to canonical order, refusing unknown, empty and duplicate: INVALID_ROLE_PROPERTY', async () => {
    assert.deepEqual(normalizeRoles(['administrator', 'creator']), ['creator', 'administrator'])
    await assertCode(() => normalizeRoles([]), 'INVALID_ROLE_PROPERTY')
    await assertCode(() => normalizeRoles(['admin']), 'INVALID_ROLE_PROPERTY')
    await assertCode(() => normalizeRoles(['member', 'member']), 'INVALID_ROLE_PROPERTY')
  })

  it('reads only canonical +-joined lists from URIs', () => {
    assert.equal(parseRoleList('creator+administrator'), rolesToMask(['creator', 'administrator']))
    assert.equal(formatRoleList(rolesToMask(['member', 'inviting-member'])), 'inviting-member+member')
    for (const bad of ['', 'administrator+creator', 'member+member', 'owner', 'member,admin']) assert.equal(parseRoleList(bad), 0, bad)
  })
})
