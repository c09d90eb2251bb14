import assert from 'node:assert/strict'
import { LevelDatastore } from 'datastore-level'
import { decodeRecord } from '../../../protocols/records/codec.ts'
import { RecordStore } from '../../../protocols/records/store.ts'
import { expiryKeyText, recordKeyText, typeKeyText } from '../../../protocols/records/store-keys.ts'
import { Key } from 'interface-datastore'
import { tempDir } from '../../helpers/temp-dir.ts'
import { DAY, GROUP, member, prng, record, signed, T0 } from './helpers.ts'
import { checkSweeps } from './store-model.ts'

async function collect<T> (it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = []
  for await (const item of it) out.push(item)
  return out
}

describe('records/store on LevelDB', () => {
  let dir: { path: string, remove: () => Promise<void> }

  /** Runs `fn` on a LevelDatastore opened in the test's directory, closing it after. */
  async function withLevel<T> (fn: (datastore: LevelDatastore) => Promise<T>): Promise<T> {
    const datastore = new LevelDatastore(dir.path)
    await datastore.open()
    try {
      return await fn(datastore)
    } finally {
      await datastore.close()
    }
  }

  beforeEach(async () => {
    dir = await tempDir('peerhood-records-')
  })

  afterEach(async () => {
    await dir.remove()
  })

  it('reads a record that is not stored without LevelDatastore.get (which throws NotFoundError)', async () => {
    const alice = await member(1)
    await withLevel(async datastore => {
      const store = new RecordStore(datastore)
      const stored = decodeRecord(signed(record(alice.peerId), alice.privateKey))
      let gets = 0
      const get = datastore.get.bind(datastore)
      datastore.get = async (key, options) => { gets++; return get(key, options) }
      assert.equal(await store.put(stored), true)
      assert.equal(await store.get(GROUP, '0'.repeat(32)), undefined)
      assert.deepEqual(Buffer.from((await store.get(GROUP, stored.record.id))!.bytes), Buffer.from(stored.bytes))
      assert.equal(gets, 0)
    })
  })

  it('sweeps what a model of random changes says is due (ordered range scans, seeded)', async () => {
    await withLevel(async datastore => {
      await checkSweeps(new RecordStore(datastore), await member(1), 32)
    })
  })

  it('gives the same records after the store is closed and reopened', async () => {
    const alice = await member(1)
    const random = prng(3)
    const records = Array.from({ length: 40 }, (_, i) => decodeRecord(signed(record(alice.peerId, {
      id: i.toString(16).padStart(32, '0'),
      type: i % 3 === 0 ? 'a' : 'b',
      expires: T0 + (1 + Math.floor(random() * 10)) * DAY,
      data: new Uint8Array(100).fill(i)
    }), alice.privateKey)))

    const first = new LevelDatastore(dir.path)
    await first.open()
    const store = new RecordStore(first)
    for (const r of records) assert.equal(await store.put(r), true)
    const before = (await collect(store.hashes(GROUP, { now: 0 }))).map(e => [e.id, Buffer.from(e.hash).toString('hex'), e.expires])
    await first.close()

    const second = new LevelDatastore(dir.path)
    await second.open()
    try {
      const reopened = new RecordStore(second)
      for (const r of records) {
        assert.deepEqual(Buffer.from((await reopened.get(GROUP, r.record.id))!.bytes), Buffer.from(r.bytes))
      }
      assert.equal(await reopened.count(GROUP), 40)
      assert.equal(await reopened.count(GROUP, { type: 'a' }), 14)
      const after = (await collect(reopened.hashes(GROUP, { now: 0 }))).map(e => [e.id, Buffer.from(e.hash).toString('hex'), e.expires])
      assert.deepEqual(after, before)
      // hashes come in expiry order on LevelDB
      assert.deepEqual(after.map(e => e[2]), [...after.map(e => e[2])].sort((x, y) => Number(x) - Number(y)))

      // the ordered expiry sweep (stops at the first unexpired key) removes exactly the expired ones
      const cutoff = T0 + 5 * DAY
      const expected = records.filter(r => r.record.expires <= cutoff).map(r => r.record.id).sort()
      const removed = await reopened.expire(GROUP, cutoff)
      assert.deepEqual(removed.map(r => r.record.id).sort(), expected)
      assert.equal(await reopened.count(GROUP), 40 - expected.length)
      assert.ok((await collect(reopened.list(GROUP))).every(r => r.record.expires > cutoff))
    } finally {
      await second.close()
    }
  })

  it('writes by key text exactly the keys interface-datastore Keys name, so queries by Key see them', async () => {
    const alice = await member(1)
    await withLevel(async datastore => {
      const store = new RecordStore(datastore)
      const odd = decodeRecord(signed(record(alice.peerId, { type: 'com.example/odd type%ü' }), alice.privateKey))
      assert.equal(await store.put(odd), true)
      const { id, type, expires } = odd.record
      for (const text of [recordKeyText(GROUP, id), typeKeyText(GROUP, type, id), expiryKeyText(GROUP, expires, id)]) {
        assert.equal(new Key(text).toString(), text, 'already a clean key')
        assert.equal(await datastore.has(new Key(text)), true, text)
      }
      const keys = (await collect(datastore.queryKeys({ prefix: '/peerhood/records/' }) as AsyncIterable<Key>)).map(k => k.toString()).sort()
      assert.deepEqual(keys, [recordKeyText(GROUP, id), typeKeyText(GROUP, type, id), expiryKeyText(GROUP, expires, id)].sort())
      assert.equal(await store.deleteGroup(GROUP), 3)
      assert.equal((await collect(datastore.queryKeys({ prefix: '/peerhood/records/' }) as AsyncIterable<Key>)).length, 0)
    })
  })
})
