/**
 * Issue 15, point 4: record ids bound to their creator.
 */
import assert from 'node:assert/strict'
import { boundRecordId, creatorTag, recordIdProblem } from '../../../protocols/records/record-id.ts'
import { isReservedRecordId, reservedRecordId } from '../../../protocols/records/reserved.ts'
import { GROUP, member, type TestMember } from '../records/helpers.ts'

describe('record ids bound to their creator (issue 15)', () => {
  let alice: TestMember
  let bob: TestMember
  before(async () => { alice = await member(1); bob = await member(2) })

  it('an id drawn by its creator passes; the same id under another creator is NOT_AUTHORIZED', () => {
    const id = boundRecordId(GROUP, alice.peerId, new Uint8Array(8).fill(7))
    assert.equal(id.length, 32)
    assert.ok(id.startsWith(creatorTag(GROUP, alice.peerId)))
    assert.equal(recordIdProblem({ groupId: GROUP, id, creator: alice.peerId }), undefined)
    assert.equal(recordIdProblem({ groupId: GROUP, id, creator: bob.peerId })?.code, 'NOT_AUTHORIZED')
    assert.equal(recordIdProblem({ groupId: GROUP, id: '0f'.repeat(16), creator: alice.peerId })?.code, 'NOT_AUTHORIZED')
  })

  it('tags differ per group and never fall in the reserved id space; reserved ids keep their own rules', () => {
    assert.notEqual(creatorTag(GROUP, alice.peerId), creatorTag(`${GROUP}x`, alice.peerId))
    assert.ok(!isReservedRecordId(boundRecordId(GROUP, alice.peerId, new Uint8Array(8))))
    const reserved = reservedRecordId(GROUP, 'peerhood.presence', alice.peerId)
    assert.equal(recordIdProblem({ groupId: GROUP, id: reserved, creator: bob.peerId }), undefined)
  })
})
