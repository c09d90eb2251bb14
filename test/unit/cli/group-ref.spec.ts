import assert from 'node:assert/strict'
import type { PeerhoodError } from '../../../protocols/common/errors.ts'
import { type GroupRefCandidate, resolveGroupId, resolveGroupRef } from '../../../node/cli/group-ref.ts'

const A = 'abcdefghijklmnopqrstuvwxyz234567abcdefghijklmnopqrst'
const B = 'abcdzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz'
const C = 'qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqq.chat'

const groups: GroupRefCandidate[] = [
  { groupId: A, properties: { friendlyName: 'team' } },
  { groupId: B, properties: { friendlyName: 'friends' } },
  { groupId: C, properties: { friendlyName: 'qqq' } },
  { groupId: C.slice(0, 52), properties: { friendlyName: 'twin' } }
]

describe('cli/group-ref', () => {
  it('takes a full id, a unique id prefix, or a unique friendly name', () => {
    assert.equal(resolveGroupRef(A, groups), A)
    assert.equal(resolveGroupRef('abcde', groups), A)
    assert.equal(resolveGroupRef('abcdz', groups), B)
    assert.equal(resolveGroupRef('team', groups), A)
    assert.equal(resolveGroupRef('friends', groups), B)
    assert.equal(resolveGroupRef(C, groups), C)
  })

  it('prefers an exact id over prefixes of longer ids', () => {
    // C's authority alone is a group id and a prefix of C
    assert.equal(resolveGroupRef(C.slice(0, 52), groups), C.slice(0, 52))
  })

  it('refuses an ambiguous reference with INVALID_ARGUMENT, listing the matches', () => {
    assert.throws(() => resolveGroupRef('abcd', groups), (err: PeerhoodError) => err.code === 'INVALID_ARGUMENT' && Array.isArray(err.details?.matches) && err.details.matches.length === 2)
    // "qqq" is C's name and a prefix of both C and its twin
    assert.throws(() => resolveGroupRef('qqq', groups), { code: 'INVALID_ARGUMENT' })
    assert.throws(() => resolveGroupRef('', groups), { code: 'INVALID_ARGUMENT' })
  })

  it('refuses a reference that matches nothing with INVALID_GROUP', () => {
    assert.throws(() => resolveGroupRef('zzz', groups), { code: 'INVALID_GROUP' })
    assert.throws(() => resolveGroupRef('Team', groups), { code: 'INVALID_GROUP' })
    assert.throws(() => resolveGroupRef('team', []), { code: 'INVALID_GROUP' })
  })

  it('resolves against what a client lists', async () => {
    let calls = 0
    const client = { groups: async () => { calls++; return groups } }
    assert.equal(await resolveGroupId(client, 'friends'), B)
    await assert.rejects(resolveGroupId(client, 'nope'), { code: 'INVALID_GROUP' })
    assert.equal(calls, 2)
  })
})
