/**
 * Issue 9, defect 4: a deletion must outlive every version it deletes. An administrator whose
 * credential ends before the record deletes it; after the tombstone's sweep, a member holding the
 * old version replays it (gossip) or pushes it (sync): it must stay dead.
 */
import assert from 'node:assert/strict'
import { MemoryDatastore } from 'datastore-core'
import { isPeerhoodError } from '../../../protocols/common/errors.ts'
import { GroupDatabase } from '../../../protocols/records/database.ts'
import { validateIngress } from '../../../protocols/records/ingress.ts'
import { RecordStore } from '../../../protocols/records/store.ts'
import { recordSyncSet } from '../../../protocols/peer-groups/record-sync-set.ts'
import { indexSet } from '../../../protocols/sync/set-index.ts'
import { credential, DAY, GROUP, HOUR, member, membership, record, signed, T0, type TestMember } from './helpers.ts'

describe('records/tombstones outlive what they delete (issue 9, defect 4)', () => {
  let alice: TestMember
  let admin: TestMember
  let bob: TestMember

  before(async () => {
    alice = await member(1)
    bob = await member(2)
    admin = await member(3)
  })

  // the administrator's credential ends an hour after T0; alice's record lives a day
  const everyone = () => membership([
    credential(alice.peerId),
    credential(bob.peerId),
    credential(admin.peerId, ['administrator'], T0 - DAY, T0 + HOUR)
  ])

  function db (self: TestMember, clock: { now: number }, store = new RecordStore(new MemoryDatastore())): GroupDatabase {
    return new GroupDatabase({ groupId: GROUP, store, self, lookupMember: everyone().lookup, now: () => clock.now })
  }

  async function deletedByShortLivedAdmin (): Promise<{ live: Uint8Array, tombstone: Uint8Array, expires: number }> {
    const live = signed(record(alice.peerId, { expires: T0 + DAY }), alice.privateKey)
    const adminDb = db(admin, { now: T0 + 60_000 })
    assert.equal((await adminDb.applyRemote(live)).reason, 'ACCEPTED')
    const deleted = await adminDb.delete(record(alice.peerId).id)
    return { live, tombstone: deleted.bytes, expires: deleted.record.expires }
  }

  it('a tombstone lives as long as the version it deletes, even past its deleter\'s credential', async () => {
    const { expires } = await deletedByShortLivedAdmin()
    assert.equal(expires, T0 + DAY)
  })

  it('ingress takes a tombstone that outlives its deleter only when it carries nothing: INVALID_RECORD otherwise', () => {
    const ctx = { groupId: GROUP, maxRecordSize: 4096, now: T0, lookupMember: everyone().lookup }
    const base = { version: 2, modifier: admin.peerId, modified: T0 + 1, expires: T0 + DAY, deleted: true }
    const empty = record(alice.peerId, { ...base, data: new Uint8Array(0) })
    assert.equal(validateIngress(signed(empty, admin.privateKey), ctx).reason, 'ACCEPTED')
    const stuffed = record(alice.peerId, { ...base, data: new Uint8Array(100) })
    assert.equal(validateIngress(signed(stuffed, admin.privateKey), ctx).reason, 'INVALID_RECORD')
    const labelled = record(alice.peerId, { ...base, data: new Uint8Array(0), attributes: [{ name: 'x', type: 'int', value: 1 }] })
    assert.equal(validateIngress(signed(labelled, admin.privateKey), ctx).reason, 'INVALID_RECORD')
    // a live version still may not outlive its modifier
    const live = record(alice.peerId, { ...base, deleted: false })
    assert.equal(validateIngress(signed(live, admin.privateKey), ctx).reason, 'INVALID_RECORD_EXPIRATION')
  })

  it('a replay of the deleted version after the deleter\'s credential ended and the sweep ran stays dead (gossip path)', async () => {
    const { live, tombstone } = await deletedByShortLivedAdmin()
    const clock = { now: T0 + 120_000 }
    const bobDb = db(bob, clock)
    assert.equal((await bobDb.applyRemote(live)).reason, 'ACCEPTED')
    assert.equal((await bobDb.applyRemote(tombstone)).reason, 'ACCEPTED')
    clock.now = T0 + 2 * HOUR
    await bobDb.expire()
    const replay = await bobDb.applyRemote(live)
    assert.notEqual(replay.action, 'accept', replay.reason)
    await assert.rejects(bobDb.get(record(alice.peerId).id), (err: unknown) => isPeerhoodError(err, 'RECORD_NOT_FOUND'))
    // once the deleted version has expired too, the tombstone goes and the replay is simply expired
    clock.now = T0 + DAY + 1
    await bobDb.expire()
    assert.equal(await bobDb.store.count(GROUP, { includeDeleted: true }), 0)
    assert.equal((await bobDb.applyRemote(live)).reason, 'EXPIRED')
  })

  it('sync lists the tombstone on both sides and refuses the deleted version pushed after the sweep (sync path)', async () => {
    const { live, tombstone } = await deletedByShortLivedAdmin()
    const clock = { now: T0 + 120_000 }
    const bobDb = db(bob, clock)
    await bobDb.applyRemote(tombstone)
    clock.now = T0 + 2 * HOUR
    await bobDb.expire()
    const set = recordSyncSet({ groupId: GROUP, store: bobDb.store, ingest: async bytes => bobDb.applyRemote(bytes) })
    const index = await indexSet(set, clock.now)
    assert.equal(index.size, 1, 'the tombstone is still in the set at the agreed cutoff')
    assert.deepEqual(await set.apply([live]), { accepted: 0, rejected: 1 })
    assert.equal(await bobDb.store.count(GROUP), 0)
  })
})
