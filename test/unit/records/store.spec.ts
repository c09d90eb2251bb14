import assert from 'node:assert/strict'
import { MemoryDatastore } from 'datastore-core'
import type { Batch, Datastore, Key, KeyQuery } from 'interface-datastore'
import { decodeRecord, type DecodedRecord } from '../../../protocols/records/codec.ts'
import { RecordStore } from '../../../protocols/records/store.ts'
import { DAY, GROUP, member, record, signed, T0, type TestMember } from './helpers.ts'
import { checkSweeps } from './store-model.ts'
import type { GroupRecord } from '../../../protocols/records/types.ts'

function idOf (n: number): string {
  return n.toString(16).padStart(32, '0')
}

async function collect<T> (it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = []
  for await (const item of it) out.push(item)
  return out
}

/** A MemoryDatastore whose batch commits wait for `release()` or fail on demand. */
class GatedDatastore extends MemoryDatastore {
  fail = false
  gate?: { committing: Promise<void>, release: () => void, signalCommitting: () => void }

  hold (): { committing: Promise<void>, release: () => void } {
    const committing = Promise.withResolvers<void>()
    const released = Promise.withResolvers<void>()
    this.gate = { committing: committing.promise, release: released.resolve, signalCommitting: committing.resolve }
    const wait = released.promise
    const gate = this.gate
    const inner = super.batch.bind(this)
    this.batch = (): Batch => {
      const batch = inner()
      return {
        put: (k, v) => { batch.put(k, v) },
        delete: k => { batch.delete(k) },
        commit: async () => { gate.signalCommitting(); await wait; await batch.commit() }
      }
    }
    return { committing: committing.promise, release: released.resolve }
  }

  override batch (): Batch {
    const batch = super.batch()
    return {
      put: (k, v) => { batch.put(k, v) },
      delete: k => { batch.delete(k) },
      commit: async () => {
        if (this.fail) throw new Error('disk full')
        await batch.commit()
      }
    }
  }
}

/** A MemoryDatastore that counts the misses its `get` throws for and the prefix queries it answers. */
class CountingDatastore extends MemoryDatastore {
  notFound = 0
  queries = 0

  override get (key: Key): Uint8Array | Promise<Uint8Array> {
    try {
      return super.get(key)
    } catch (err) {
      this.notFound++
      throw err
    }
  }

  override queryKeys (query: KeyQuery): ReturnType<MemoryDatastore['queryKeys']> {
    this.queries++
    return super.queryKeys(query)
  }
}

describe('records/store', () => {
  let alice: TestMember

  before(async () => {
    alice = await member(1)
  })

  function make (n: number, overrides: Partial<GroupRecord> = {}): DecodedRecord {
    return decodeRecord(signed(record(alice.peerId, { id: idOf(n), ...overrides }), alice.privateKey))
  }

  it('stores, reads back and lists records', async () => {
    const store = new RecordStore(new MemoryDatastore())
    assert.equal(await store.put(make(1)), true)
    const found = await store.get(GROUP, idOf(1))
    assert.deepEqual(found?.bytes, make(1).bytes)
    assert.equal(await store.get(GROUP, idOf(2)), undefined)
    assert.equal((await collect(store.list(GROUP))).length, 1)
  })

  it('replaces a version only by one that wins the conflict order', async () => {
    const store = new RecordStore(new MemoryDatastore())
    const v1 = make(1)
    const v2 = make(1, { version: 2, expires: T0 + 2 * DAY })
    assert.equal(await store.put(v2), true)
    assert.equal(await store.put(v1), false)
    assert.equal(await store.put(v2), false)
    assert.equal((await store.get(GROUP, idOf(1)))?.record.version, 2)
    // the expiry index follows the stored version
    assert.deepEqual((await collect(store.hashes(GROUP, { now: T0 }))).map(e => e.expires), [T0 + 2 * DAY])
  })

  it('makes a put atomic: a failed batch leaves neither the record nor its index entries', async () => {
    const datastore = new GatedDatastore()
    const store = new RecordStore(datastore)
    datastore.fail = true
    await assert.rejects(store.put(make(1)))
    assert.equal(await store.get(GROUP, idOf(1)), undefined)
    assert.equal(await store.count(GROUP), 0)
    assert.equal(await store.count(GROUP, { includeDeleted: true }), 0)
    assert.deepEqual(await collect(store.hashes(GROUP, { now: 0 })), [])
    datastore.fail = false
    assert.equal(await store.put(make(1)), true)
  })

  it('resolves a put only after its batch committed', async () => {
    const datastore = new GatedDatastore()
    const store = new RecordStore(datastore)
    const gate = datastore.hold()
    let done = false
    const put = store.put(make(1)).then(changed => { done = true; return changed })
    await gate.committing
    assert.equal(done, false)
    assert.equal(await store.get(GROUP, idOf(1)), undefined)
    gate.release()
    assert.equal(await put, true)
    assert.ok(await store.get(GROUP, idOf(1)))
  })

  it('indexes records by type', async () => {
    const store = new RecordStore(new MemoryDatastore())
    await store.put(make(1, { type: 'a' }))
    await store.put(make(2, { type: 'b' }))
    await store.put(make(3, { type: 'a' }))
    await store.put(make(4, { type: 'a:b/c'.replace('/', '.') }))
    assert.deepEqual((await collect(store.list(GROUP, { type: 'a' }))).map(r => r.record.id).sort(), [idOf(1), idOf(3)])
    assert.equal(await store.count(GROUP, { type: 'a' }), 2)
    assert.equal(await store.count(GROUP, { type: 'b' }), 1)
    assert.equal(await store.count(GROUP, { type: 'a:b.c' }), 1)
    assert.equal(await store.count(GROUP), 4)
  })

  it('keeps groups apart', async () => {
    const store = new RecordStore(new MemoryDatastore())
    await store.put(make(1))
    await store.put(make(1, { groupId: `${GROUP}.x` }))
    await store.put(make(2, { groupId: `${GROUP}x` }))
    assert.equal(await store.count(GROUP), 1)
    assert.equal(await store.deleteGroup(`${GROUP}.x`), 3)
    assert.equal(await store.count(`${GROUP}.x`), 0)
    assert.equal(await store.count(GROUP), 1)
    assert.equal(await store.count(`${GROUP}x`), 1)
  })

  it('sweeps expired records with their index entries and reports them', async () => {
    const store = new RecordStore(new MemoryDatastore())
    await store.put(make(1, { type: 'a', expires: T0 + DAY }))
    await store.put(make(2, { type: 'a', expires: T0 + 3 * DAY }))
    await store.put(make(3, { type: 'b', expires: T0 + 2 * DAY }))
    const removed = await store.expire(GROUP, T0 + 2 * DAY)
    assert.deepEqual(removed.map(r => r.record.id).sort(), [idOf(1), idOf(3)])
    assert.deepEqual((await collect(store.list(GROUP))).map(r => r.record.id), [idOf(2)])
    assert.equal(await store.count(GROUP, { type: 'a' }), 1)
    assert.equal(await store.count(GROUP, { type: 'b' }), 0)
    assert.deepEqual((await collect(store.hashes(GROUP, { now: 0 }))).map(e => e.id), [idOf(2)])
    assert.deepEqual(await store.expire(GROUP, T0 + 2 * DAY), [])
  })

  it('keeps a tombstone out of lists but in the sync hashes until the deleted record\'s expiry', async () => {
    const store = new RecordStore(new MemoryDatastore())
    await store.put(make(1, { type: 'a', expires: T0 + 5 * DAY }))
    const tombstone = make(1, { type: 'a', version: 2, deleted: true, data: new Uint8Array(0), expires: T0 + 5 * DAY })
    assert.equal(await store.put(tombstone), true)
    assert.deepEqual(await collect(store.list(GROUP)), [])
    assert.equal(await store.count(GROUP, { type: 'a' }), 0)
    assert.equal(await store.count(GROUP, { includeDeleted: true }), 1)
    assert.equal((await collect(store.list(GROUP, { includeDeleted: true })))[0]?.record.deleted, true)
    const hashes = await collect(store.hashes(GROUP, { now: T0 }))
    assert.deepEqual(hashes, [{ id: idOf(1), hash: tombstone.hash, expires: T0 + 5 * DAY }])
    assert.deepEqual(await store.expire(GROUP, T0 + 5 * DAY - 1), [])
    assert.ok(await store.get(GROUP, idOf(1)))
    const removed = await store.expire(GROUP, T0 + 5 * DAY)
    assert.equal(removed[0]?.record.deleted, true)
    assert.equal(await store.get(GROUP, idOf(1)), undefined)
    assert.deepEqual(await collect(store.hashes(GROUP, { now: 0 })), [])
  })

  it('lists (id, hash, expires) of live records only', async () => {
    const store = new RecordStore(new MemoryDatastore())
    const a = make(1, { expires: T0 + DAY })
    const b = make(2, { expires: T0 + 2 * DAY })
    await store.put(a)
    await store.put(b)
    assert.deepEqual(await collect(store.hashes(GROUP, { now: T0 + DAY })), [{ id: idOf(2), hash: b.hash, expires: T0 + 2 * DAY }])
  })

  it('looks up records that are not stored without the datastore throwing NotFoundError', async () => {
    const datastore = new CountingDatastore()
    const store = new RecordStore(datastore)
    for (let n = 1; n <= 5; n++) assert.equal(await store.put(make(n)), true)
    assert.equal(await store.get(GROUP, idOf(6)), undefined)
    assert.equal((await store.get(GROUP, idOf(1)))?.record.id, idOf(1))
    assert.equal(datastore.notFound, 0)
  })

  it('sweeps an unordered datastore from memory: only the first sweep of a group reads its expiry index', async () => {
    const datastore = new CountingDatastore()
    const store = new RecordStore(datastore)
    await store.put(make(1, { expires: T0 + DAY }))
    await store.put(make(2, { expires: T0 + 3 * DAY }))
    assert.deepEqual(await store.expire(GROUP, T0), [])
    const afterFirst = datastore.queries
    await store.put(make(3, { expires: T0 + 2 * DAY }))
    await store.put(make(1, { version: 2, expires: T0 + 4 * DAY })) // moved later
    assert.deepEqual(await store.expire(GROUP, T0 + DAY), [])
    assert.deepEqual((await store.expire(GROUP, T0 + 3 * DAY)).map(r => r.record.id).sort(), [idOf(2), idOf(3)])
    assert.deepEqual((await store.expire(GROUP, T0 + 4 * DAY)).map(r => r.record.id), [idOf(1)])
    assert.equal(datastore.queries, afterFirst)
    assert.equal(await store.count(GROUP, { includeDeleted: true }), 0)
    assert.deepEqual(await collect(store.hashes(GROUP, { now: 0 })), [])
  })

  it('sweeps again what a failed sweep could not remove', async () => {
    const datastore = new GatedDatastore()
    const store = new RecordStore(datastore)
    await store.put(make(1, { expires: T0 + DAY }))
    assert.deepEqual(await store.expire(GROUP, T0), [])
    datastore.fail = true
    await assert.rejects(store.expire(GROUP, T0 + DAY))
    assert.ok(await store.get(GROUP, idOf(1)))
    datastore.fail = false
    assert.deepEqual((await store.expire(GROUP, T0 + DAY)).map(r => r.record.id), [idOf(1)])
    assert.equal(await store.get(GROUP, idOf(1)), undefined)
  })

  it('forgets a deleted group\'s expiry order with the group', async () => {
    const store = new RecordStore(new MemoryDatastore())
    await store.put(make(1, { expires: T0 + DAY }))
    assert.deepEqual(await store.expire(GROUP, T0), [])
    await store.deleteGroup(GROUP)
    await store.put(make(2, { expires: T0 + DAY }))
    assert.deepEqual((await store.expire(GROUP, T0 + DAY)).map(r => r.record.id), [idOf(2)])
  })

  it('sweeps what a model of random changes says is due (memory, seeded)', async () => {
    await checkSweeps(new RecordStore(new MemoryDatastore()), alice, 31)
  })

  it('serialises concurrent puts of one record (the winner is kept whatever the timing)', async () => {
    const store = new RecordStore(new MemoryDatastore() as Datastore)
    const versions = [1, 2, 3, 4, 5].map(v => make(1, { version: v }))
    await Promise.all([...versions].reverse().map(async v => store.put(v)))
    assert.equal((await store.get(GROUP, idOf(1)))?.record.version, 5)
    assert.equal(await store.count(GROUP, { includeDeleted: true }), 1)
  })
})
