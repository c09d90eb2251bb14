/**
 * Issue 15 in the group database: a revoked member's versions from its revocation time on are
 * refused at ingress (the path gossip, sync and deferred retries share), earlier ones kept; the
 * revocation record itself has the exact reserved shape; a lost race is reported.
 */
import assert from 'node:assert/strict'
import { MemoryDatastore } from 'datastore-core'
import { GroupDatabase } from '../../../protocols/records/database.ts'
import type { RecordConflict } from '../../../protocols/records/events.ts'
import { RecordStore } from '../../../protocols/records/store.ts'
import { reservedRecordId, reservedSubjectId } from '../../../protocols/records/reserved.ts'
import { reservedRecordTypes } from '../../../protocols/peer-groups/reserved-types.ts'
import { encodeRevocationData, REVOCATION_RECORD_TYPE } from '../../../protocols/revocation/record.ts'
import { credential, DAY, GROUP, idOf, member, membership, record, signed, T0, type TestMember } from '../records/helpers.ts'

describe('revocation in the group database (issue 15)', () => {
  let alice: TestMember
  let mallory: TestMember
  let admin: TestMember

  before(async () => {
    alice = await member(1)
    mallory = await member(2)
    admin = await member(3)
  })

  function db (self: TestMember, revoked: Map<string, number>): GroupDatabase {
    const members = membership([credential(alice.peerId), credential(mallory.peerId), credential(admin.peerId, ['administrator'])])
    return new GroupDatabase({
      groupId: GROUP,
      store: new RecordStore(new MemoryDatastore()),
      self,
      lookupMember: members.lookup,
      revokedAt: peerId => revoked.get(peerId),
      reserved: reservedRecordTypes(),
      now: () => T0 + 1000
    })
  }

  it('refuses a revoked member\'s versions modified at or after its revocation, keeps earlier ones', async () => {
    const revoked = new Map([[mallory.peerId, T0]])
    const d = db(alice, revoked)
    const before = await d.applyRemote(signed(record(mallory.peerId, { id: idOf(mallory.peerId, 0xaa), created: T0 - 1, modified: T0 - 1 }), mallory.privateKey))
    assert.equal(before.action, 'accept')
    const at = await d.applyRemote(signed(record(mallory.peerId, { id: idOf(mallory.peerId, 0xbb), created: T0, modified: T0 }), mallory.privateKey))
    assert.equal(at.action, 'reject')
    assert.equal(at.reason, 'NOT_AUTHORIZED')
    const after = await d.applyRemote(signed(record(mallory.peerId, { id: idOf(mallory.peerId, 0xcc), created: T0 + 5, modified: T0 + 5 }), mallory.privateKey))
    assert.equal(after.reason, 'NOT_AUTHORIZED')
    // an update of its earlier record, made after: refused too
    const update = await d.applyRemote(signed(record(mallory.peerId, { id: idOf(mallory.peerId, 0xaa), version: 2, created: T0 - 1, modified: T0 + 5 }), mallory.privateKey))
    assert.equal(update.reason, 'NOT_AUTHORIZED')
    // nobody else is touched
    const other = await d.applyRemote(signed(record(alice.peerId, { id: idOf(alice.peerId, 0xdd), created: T0 + 5, modified: T0 + 5 }), alice.privateKey))
    assert.equal(other.action, 'accept')
  })

  it('on hearing of a revocation late, drops the versions the member made since; earlier ones stay, and the dropped ones stay out', async () => {
    const revoked = new Map<string, number>()
    const d = db(alice, revoked)
    const early = signed(record(mallory.peerId, { id: idOf(mallory.peerId, 0xe1), created: T0 - 1, modified: T0 - 1 }), mallory.privateKey)
    const late = signed(record(mallory.peerId, { id: idOf(mallory.peerId, 0xe2), created: T0 + 5, modified: T0 + 5 }), mallory.privateKey)
    assert.equal((await d.applyRemote(early)).action, 'accept')
    assert.equal((await d.applyRemote(late)).action, 'accept', 'the revocation has not arrived yet')
    revoked.set(mallory.peerId, T0)
    assert.deepEqual(await d.dropVersionsOf(mallory.peerId, T0), [idOf(mallory.peerId, 0xe2)])
    assert.equal(await d.find(idOf(mallory.peerId, 0xe2)), undefined)
    assert.notEqual(await d.find(idOf(mallory.peerId, 0xe1)), undefined)
    assert.equal((await d.applyRemote(late)).reason, 'NOT_AUTHORIZED')
  })

  it('a revocation record: written by an administrator under its per-subject id; a member\'s, a squatted id or a back-dated time is refused', async () => {
    const d = db(alice, new Map())
    const data = (time: number): Uint8Array => encodeRevocationData({ peer: mallory.peerId, serials: [], time, reason: 'x', lifted: false })
    const rev = (author: TestMember, overrides = {}): Uint8Array => signed(record(author.peerId, {
      type: REVOCATION_RECORD_TYPE,
      id: reservedSubjectId(GROUP, REVOCATION_RECORD_TYPE, author.peerId, mallory.peerId),
      attributes: [{ name: 'subject', type: 'string', value: mallory.peerId }],
      data: data(T0),
      ...overrides
    }), author.privateKey)
    assert.equal((await d.applyRemote(rev(alice))).reason, 'INVALID_RESERVED_RECORD', 'a member may not revoke')
    assert.equal((await d.applyRemote(rev(admin, { id: reservedRecordId(GROUP, REVOCATION_RECORD_TYPE, admin.peerId) }))).reason, 'INVALID_RESERVED_RECORD')
    assert.equal((await d.applyRemote(rev(admin, { data: data(T0 - 1) }))).reason, 'INVALID_RESERVED_RECORD', 'time is the modification time')
    assert.equal((await d.applyRemote(rev(admin))).action, 'accept')
  })

  it('a revocation outlives its revoker\'s credential (the revoked peer does not return when that GMC ends); other records may not', async () => {
    const d = db(alice, new Map())
    const CENTURY = 36_525 * DAY
    const data = encodeRevocationData({ peer: mallory.peerId, serials: [], time: T0, reason: 'left', lifted: false })
    // the administrator's credential ends at T0 + 30 days; the revocation is meant to last
    const revocation = signed(record(admin.peerId, {
      type: REVOCATION_RECORD_TYPE,
      id: reservedSubjectId(GROUP, REVOCATION_RECORD_TYPE, admin.peerId, mallory.peerId),
      attributes: [{ name: 'subject', type: 'string', value: mallory.peerId }],
      data,
      expires: T0 + CENTURY
    }), admin.privateKey)
    assert.equal((await d.applyRemote(revocation)).action, 'accept')
    const note = signed(record(admin.peerId, { id: idOf(admin.peerId, 0xee), expires: T0 + CENTURY }), admin.privateKey)
    assert.equal((await d.applyRemote(note)).reason, 'INVALID_RECORD_EXPIRATION')
  })

  it('emits one record:conflict when another member\'s version of the same number replaces this node\'s', async () => {
    const d = db(admin, new Map())
    const base = await d.add({ type: 'com.example.note', data: new Uint8Array([1]), expires: T0 + DAY })
    const mine = await d.update(base.record.id, { data: new Uint8Array([2]) })
    const conflicts: RecordConflict[] = []
    d.addEventListener('record:conflict', evt => { conflicts.push((evt as CustomEvent<RecordConflict>).detail) })
    // alice's version 2 of the same record, made later: it wins the conflict order
    const theirs = { ...base.record, version: 2, modifier: alice.peerId, modified: mine.record.modified + 1, data: new Uint8Array([3]) }
    const other = await d.applyRemote(signed(theirs, alice.privateKey))
    assert.equal(other.action, 'reject', 'alice may not change the administrator\'s record')
    const winner = await d.applyRemote(signed({ ...theirs, modifier: admin.peerId, data: new Uint8Array([4]) }, admin.privateKey))
    assert.equal(winner.action, 'accept')
    assert.equal(conflicts.length, 1)
    assert.deepEqual(conflicts[0]!.lost, { modifier: admin.peerId, version: 2, modified: mine.record.modified })
    assert.equal(conflicts[0]!.kept.modified, mine.record.modified + 1)
    // a later version (no race) is not a conflict
    await d.applyRemote(signed({ ...theirs, version: 3, modifier: admin.peerId, modified: mine.record.modified + 2 }, admin.privateKey))
    assert.equal(conflicts.length, 1)
  })
})
