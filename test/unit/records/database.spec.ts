import assert from 'node:assert/strict'
import { MemoryDatastore } from 'datastore-core'
import { isPeerhoodError } from '../../../protocols/common/errors.ts'
import { GroupDatabase } from '../../../protocols/records/database.ts'
import type { RecordChange } from '../../../protocols/records/events.ts'
import { RecordStore } from '../../../protocols/records/store.ts'
import type { MemberCredential } from '../../../protocols/records/types.ts'
import { credential, DAY, GROUP, member, membership, T0, type TestMember } from './helpers.ts'
import { reservedRecordTypes } from '../../../protocols/peer-groups/reserved-types.ts'
import { NO_RESERVED_TYPES, type ReservedTypes } from '../../../protocols/records/reserved.ts'

async function codeOf (promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise
  } catch (err) {
    if (isPeerhoodError(err)) return err.code
    throw err
  }
  return undefined
}

async function collect<T> (it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = []
  for await (const item of it) out.push(item)
  return out
}

describe('records/database', () => {
  let alice: TestMember
  let bob: TestMember
  let admin: TestMember
  let carol: TestMember

  before(async () => {
    alice = await member(1)
    bob = await member(2)
    admin = await member(3)
    carol = await member(5)
  })

  interface Node { db: GroupDatabase, changes: RecordChange[], members: ReturnType<typeof membership>, clock: { now: number } }

  function node (self: TestMember, credentials: MemberCredential[], maxRecordSize = 4096, reserved: ReservedTypes = NO_RESERVED_TYPES): Node {
    const members = membership(credentials)
    const clock = { now: T0 }
    const db = new GroupDatabase({
      groupId: GROUP,
      store: new RecordStore(new MemoryDatastore()),
      self,
      lookupMember: members.lookup,
      maxRecordSize,
      maxDeferred: 4,
      reserved,
      now: () => clock.now
    })
    const changes: RecordChange[] = []
    db.addEventListener('record:changed', evt => { changes.push((evt as CustomEvent<RecordChange>).detail) })
    return { db, changes, members, clock }
  }

  function everyone (): MemberCredential[] {
    return [credential(alice.peerId), credential(bob.peerId), credential(admin.peerId, ['administrator'])]
  }

  it('adds a record, filling id, creator, modifier, times and version, and emits added', async () => {
    const { db, changes } = node(alice, everyone())
    const published = await db.add({ type: 'com.example.note', data: new Uint8Array([1, 2]), attributes: [{ name: 'author', type: 'string', value: 'al' }], expires: T0 + DAY })
    const rec = published.record
    assert.match(rec.id, /^[0-9a-f]{32}$/)
    assert.deepEqual([rec.creator, rec.modifier, rec.created, rec.modified, rec.version], [alice.peerId, alice.peerId, T0, T0, 1])
    assert.deepEqual(await db.get(rec.id), rec)
    assert.deepEqual(changes, [{ changeType: 'added', groupId: GROUP, recordId: rec.id, recordType: 'com.example.note' }])
    assert.equal(published.hash.length, 32)
  })

  it('updates and deletes its own records, with updated and deleted events', async () => {
    const { db, changes, clock } = node(alice, everyone())
    const { record } = await db.add({ type: 't', expires: T0 + DAY })
    clock.now += 1000
    const updated = await db.update(record.id, { data: new Uint8Array([9]), expires: T0 + 2 * DAY })
    assert.deepEqual([updated.record.version, updated.record.modified, updated.record.created], [2, T0 + 1000, T0])
    await db.delete(record.id)
    assert.equal(await codeOf(db.get(record.id)), 'RECORD_NOT_FOUND')
    assert.deepEqual(changes.map(c => c.changeType), ['added', 'updated', 'deleted'])
    assert.deepEqual(await collect(db.list()), [])
  })

  it('answers RECORD_NOT_FOUND for unknown or deleted records', async () => {
    const { db } = node(alice, everyone())
    const missing = 'ab'.repeat(16)
    assert.equal(await codeOf(db.get(missing)), 'RECORD_NOT_FOUND')
    assert.equal(await codeOf(db.update(missing, {})), 'RECORD_NOT_FOUND')
    assert.equal(await codeOf(db.delete(missing)), 'RECORD_NOT_FOUND')
    const { record } = await db.add({ type: 't', expires: T0 + DAY })
    await db.delete(record.id)
    assert.equal(await codeOf(db.delete(record.id)), 'RECORD_NOT_FOUND')
    assert.equal(await codeOf(db.get('../x')), 'INVALID_ARGUMENT')
  })

  it('accepts record ids in upper case', async () => {
    const { db } = node(alice, everyone())
    const { record } = await db.add({ type: 't', expires: T0 + DAY })
    assert.equal((await db.get(record.id.toUpperCase())).id, record.id)
  })

  it('refuses adds by a node without a credential: NOT_AUTHORIZED', async () => {
    const { db } = node(carol, everyone())
    assert.equal(await codeOf(db.add({ type: 't', expires: T0 + DAY })), 'NOT_AUTHORIZED')
  })

  it('refuses reserved types from applications, allows them for the node: NOT_AUTHORIZED', async () => {
    const { db } = node(alice, everyone(), 4096, reservedRecordTypes())
    const data = new TextEncoder().encode(JSON.stringify({ addresses: [], status: 'online' }))
    assert.equal(await codeOf(db.add({ type: 'peerhood.presence', data, expires: T0 + DAY })), 'NOT_AUTHORIZED')
    const { record } = await db.add({ type: 'peerhood.presence', data, expires: T0 + DAY }, { system: true })
    assert.equal(record.id, db.reservedId('peerhood.presence'))
    assert.equal(await codeOf(db.update(record.id, { expires: T0 + 2 * DAY })), 'NOT_AUTHORIZED')
    await db.update(record.id, { expires: T0 + 2 * DAY }, { system: true })
    // not in its exact shape, or a type the table does not have: refused even for the node
    assert.equal(await codeOf(db.update(record.id, { data: new Uint8Array(10) }, { system: true })), 'INVALID_RESERVED_RECORD')
    assert.equal(await codeOf(db.add({ type: 'peerhood.stash', expires: T0 + DAY }, { system: true })), 'INVALID_RESERVED_RECORD')
  })

  it('writes, withdraws and revives the node\'s own reserved record under one reserved id', async () => {
    const { db, changes } = node(alice, everyone(), 4096, reservedRecordTypes())
    const data = new TextEncoder().encode(JSON.stringify({ addresses: ['/ip4/127.0.0.1/tcp/1'], status: 'online' }))
    const first = await db.writeReserved('peerhood.presence', { data, expires: T0 + DAY })
    await db.delete(first.record.id, { system: true })
    const revived = await db.writeReserved('peerhood.presence', { data, expires: T0 + DAY })
    assert.deepEqual([revived.record.id, revived.record.version, revived.record.deleted], [first.record.id, 3, false])
    assert.deepEqual(changes.map(c => c.changeType), ['added', 'deleted', 'added'])
  })

  it('refuses an expiry beyond the member\'s credential, or missing: INVALID_RECORD_EXPIRATION', async () => {
    const { db } = node(alice, [credential(alice.peerId, ['member'], T0 - DAY, T0 + 10 * DAY)])
    assert.equal(await codeOf(db.add({ type: 't', expires: T0 + 10 * DAY + 1 })), 'INVALID_RECORD_EXPIRATION')
    assert.equal(await codeOf(db.add({ type: 't' } as never)), 'INVALID_RECORD_EXPIRATION')
    await db.add({ type: 't', expires: T0 + 10 * DAY })
  })

  it('refuses shortening the expiry on update: INVALID_RECORD_EXPIRATION', async () => {
    const { db } = node(alice, everyone())
    const { record } = await db.add({ type: 't', expires: T0 + 2 * DAY })
    assert.equal(await codeOf(db.update(record.id, { expires: T0 + DAY })), 'INVALID_RECORD_EXPIRATION')
    await db.update(record.id, { expires: T0 + 2 * DAY })
  })

  it('refuses records above the group\'s max size: MAX_RECORD_SIZE_EXCEEDED', async () => {
    const { db } = node(alice, everyone(), 1024)
    assert.equal(await codeOf(db.add({ type: 't', data: new Uint8Array(2000), expires: T0 + DAY })), 'MAX_RECORD_SIZE_EXCEEDED')
    await db.add({ type: 't', data: new Uint8Array(500), expires: T0 + DAY })
  })

  it('refuses bad attributes: INVALID_ATTRIBUTES', async () => {
    const { db } = node(alice, everyone())
    assert.equal(await codeOf(db.add({ type: 't', attributes: [{ name: 'peerx', type: 'string', value: '' }], expires: T0 + DAY })), 'INVALID_ATTRIBUTES')
  })

  it('lets a member change only its own records, an administrator anyone\'s', async () => {
    const a = node(alice, everyone())
    const b = node(bob, everyone())
    const adm = node(admin, everyone())
    const { bytes, record } = await a.db.add({ type: 't', expires: T0 + DAY })
    for (const other of [b, adm]) assert.equal((await other.db.applyRemote(bytes)).reason, 'ACCEPTED')
    assert.equal(await codeOf(b.db.update(record.id, { data: new Uint8Array([1]) })), 'NOT_AUTHORIZED')
    assert.equal(await codeOf(b.db.delete(record.id)), 'NOT_AUTHORIZED')
    const byAdmin = await adm.db.update(record.id, { data: new Uint8Array([2]) })
    assert.equal(byAdmin.record.modifier, admin.peerId)
    assert.equal(byAdmin.record.creator, alice.peerId)
    assert.equal((await a.db.applyRemote(byAdmin.bytes)).reason, 'ACCEPTED')
    assert.deepEqual((await a.db.get(record.id)).data, new Uint8Array([2]))
    const deleted = await adm.db.delete(record.id)
    assert.equal((await a.db.applyRemote(deleted.bytes)).reason, 'ACCEPTED')
    assert.deepEqual(a.changes.map(c => c.changeType), ['added', 'updated', 'deleted'])
  })

  it('applies remote records through the pipeline and ignores repeats', async () => {
    const a = node(alice, everyone())
    const b = node(bob, everyone())
    const { bytes } = await a.db.add({ type: 't', expires: T0 + DAY })
    assert.deepEqual(await b.db.applyRemote(bytes).then(v => [v.action, v.reason]), ['accept', 'ACCEPTED'])
    assert.deepEqual(await b.db.applyRemote(bytes).then(v => [v.action, v.reason]), ['ignore', 'DUPLICATE'])
    assert.equal((await b.db.applyRemote(Uint8Array.of(1))).action, 'reject')
    assert.deepEqual(b.changes.map(c => c.changeType), ['added'])
  })

  it('defers a record from an unknown member, then accepts it once its credential is known', async () => {
    const c = node(carol, [credential(carol.peerId)])
    const b = node(bob, everyone())
    const { bytes, record } = await c.db.add({ type: 't', expires: T0 + DAY })
    assert.deepEqual(await b.db.applyRemote(bytes).then(v => [v.action, v.reason]), ['defer', 'UNKNOWN_SIGNER'])
    assert.equal(b.db.deferredCount, 1)
    // parked already: still waiting for its signer (a gossip bundle carrying it again is held, not forwarded)
    assert.deepEqual(await b.db.applyRemote(bytes).then(v => [v.action, v.reason]), ['defer', 'UNKNOWN_SIGNER'])
    assert.equal(b.db.deferredCount, 1)
    // nothing vouches for its signer yet: it is not even retried (no read, no signature check)
    assert.deepEqual(await b.db.retryDeferred(), [])
    assert.equal(b.db.deferredCount, 1)
    b.members.add(credential(carol.peerId))
    assert.deepEqual((await b.db.retryDeferred()).map(v => v.reason), ['ACCEPTED'])
    assert.equal(b.db.deferredCount, 0)
    assert.equal((await b.db.get(record.id)).creator, carol.peerId)
    assert.deepEqual(b.changes.map(c => c.changeType), ['added'])
  })

  it('parks a bounded number of deferred records', async () => {
    const c = node(carol, [credential(carol.peerId)])
    const b = node(bob, everyone())
    for (let i = 0; i < 6; i++) await b.db.applyRemote((await c.db.add({ type: 't', expires: T0 + DAY })).bytes)
    assert.equal(b.db.deferredCount, 4)
  })

  it('expires records with an expired event, and tombstones silently at their expiry', async () => {
    const { db, changes, clock } = node(alice, everyone())
    const short = await db.add({ type: 't', expires: T0 + DAY })
    const long = await db.add({ type: 't', expires: T0 + 3 * DAY })
    await db.delete(long.record.id)
    changes.length = 0
    assert.deepEqual((await db.expire(T0 + 2 * DAY)).map(r => r.id), [short.record.id])
    assert.deepEqual(changes, [{ changeType: 'expired', groupId: GROUP, recordId: short.record.id, recordType: 't' }])
    assert.equal(await db.store.count(GROUP, { includeDeleted: true }), 1)
    clock.now = T0 + 3 * DAY
    assert.equal((await db.expire()).length, 1)
    assert.equal(changes.length, 1)
    assert.equal(await db.store.count(GROUP, { includeDeleted: true }), 0)
  })

  it('lists by type and searches', async () => {
    const { db } = node(alice, everyone())
    await db.add({ type: 'a', attributes: [{ name: 'n', type: 'int', value: 1 }], expires: T0 + DAY })
    await db.add({ type: 'a', attributes: [{ name: 'n', type: 'int', value: 2 }], expires: T0 + DAY })
    await db.add({ type: 'b', attributes: [{ name: 'n', type: 'int', value: 3 }], expires: T0 + DAY })
    assert.equal((await collect(db.list({ type: 'a' }))).length, 2)
    const found = await collect(db.search('<peersearch><and><clause attrib="n" type="int" compare="greater">1</clause><clause attrib="peerrecordtype" type="string">a</clause></and></peersearch>'))
    assert.deepEqual(found.map(r => r.attributes[0]?.value), [2])
    assert.throws(() => db.search({ and: [] }), (err: unknown) => isPeerhoodError(err, 'INVALID_SEARCH'))
  })

  it('converges when both sides update one record concurrently', async () => {
    const a = node(alice, everyone())
    const adm = node(admin, everyone())
    const { bytes, record } = await a.db.add({ type: 't', expires: T0 + DAY })
    await adm.db.applyRemote(bytes)
    a.clock.now += 10
    adm.clock.now += 20
    const fromA = await a.db.update(record.id, { data: new Uint8Array([1]) })
    const fromAdm = await adm.db.update(record.id, { data: new Uint8Array([2]) })
    await a.db.applyRemote(fromAdm.bytes)
    await adm.db.applyRemote(fromA.bytes)
    assert.deepEqual(await a.db.get(record.id), await adm.db.get(record.id))
    assert.deepEqual((await a.db.get(record.id)).data, new Uint8Array([2])) // same version, later modification wins
  })

  describe('addMany (bulk import)', () => {
    it('adds every record in one write, each with its own id, and emits added for each', async () => {
      const { db, changes } = node(alice, everyone())
      const published = await db.addMany(Array.from({ length: 50 }, (_, i) => ({ type: 'bulk', data: new Uint8Array([i]), expires: T0 + DAY })))
      assert.equal(published.length, 50)
      assert.equal(new Set(published.map(p => p.record.id)).size, 50)
      assert.equal(changes.filter(c => c.changeType === 'added').length, 50)
      assert.equal((await collect(db.list({ type: 'bulk' }))).length, 50)
      assert.deepEqual((await db.get(published[7]!.record.id)).data, new Uint8Array([7]))
    })

    it('is all or nothing: the first bad record fails the call with its index, and nothing is stored', async () => {
      const { db, changes } = node(alice, everyone(), 4096)
      const inits = Array.from({ length: 10 }, (_, i) => ({ type: 'bulk', data: new Uint8Array(i === 6 ? 5000 : 10), expires: T0 + DAY }))
      await assert.rejects(db.addMany(inits), (err: unknown) => isPeerhoodError(err, 'MAX_RECORD_SIZE_EXCEEDED') && err.details?.index === 6)
      assert.equal((await collect(db.list({ type: 'bulk' }))).length, 0)
      assert.equal(changes.length, 0)
    })

    it('refuses reserved types and members without a credential', async () => {
      const { db } = node(alice, everyone(), 4096, reservedRecordTypes())
      await assert.rejects(db.addMany([{ type: 'peerhood.presence', expires: T0 + DAY }]), (err: unknown) => isPeerhoodError(err, 'INVALID_RESERVED_RECORD') && err.details?.index === 0)
      const stranger = node(carol, [])
      assert.equal(await codeOf(stranger.db.addMany([{ type: 'bulk', expires: T0 + DAY }])), 'NOT_AUTHORIZED')
    })
  })
})
