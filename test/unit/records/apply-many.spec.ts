import assert from 'node:assert/strict'
import { MemoryDatastore } from 'datastore-core'
import { LevelDatastore } from 'datastore-level'
import { isPeerhoodError } from '../../../protocols/common/errors.ts'
import { recordSyncSet } from '../../../protocols/peer-groups/record-sync-set.ts'
import { decodeRecord } from '../../../protocols/records/codec.ts'
import { GroupDatabase } from '../../../protocols/records/database.ts'
import type { RecordChange } from '../../../protocols/records/events.ts'
import { RecordStore } from '../../../protocols/records/store.ts'
import { recordKey } from '../../../protocols/records/store-keys.ts'
import type { GroupRecord } from '../../../protocols/records/types.ts'
import { tempDir } from '../../helpers/temp-dir.ts'
import { credential, DAY, GROUP, idOf, member, membership, record, signed, T0, type TestMember } from './helpers.ts'

/** A copy of `bytes` with one byte of its signature (the envelope's last bytes) changed. */
function forged (bytes: Uint8Array): Uint8Array {
  const copy = Uint8Array.from(bytes)
  copy[copy.length - 5]! ^= 0x01
  return copy
}

describe('records/database: a sync page applied at once (applyRemoteMany)', () => {
  let alice: TestMember
  let bob: TestMember
  let carol: TestMember
  let dirs: Array<{ path: string, remove: () => Promise<void> }>
  let datastores: LevelDatastore[]

  before(async () => {
    alice = await member(1)
    bob = await member(2)
    carol = await member(5)
  })

  beforeEach(() => { dirs = []; datastores = [] })

  afterEach(async () => {
    for (const d of datastores) await d.close()
    for (const d of dirs) await d.remove()
  })

  /** Alice's database on a fresh LevelDB, bob a member, carol unknown. */
  async function node (): Promise<{ db: GroupDatabase, store: RecordStore, changes: RecordChange[] }> {
    const dir = await tempDir('peerhood-apply-many-')
    dirs.push(dir)
    const datastore = new LevelDatastore(dir.path)
    await datastore.open()
    datastores.push(datastore)
    const store = new RecordStore(datastore)
    const members = membership([credential(alice.peerId), credential(bob.peerId)])
    const db = new GroupDatabase({ groupId: GROUP, store, self: alice, lookupMember: members.lookup, now: () => T0 })
    const changes: RecordChange[] = []
    db.addEventListener('record:changed', evt => { changes.push((evt as CustomEvent<RecordChange>).detail) })
    return { db, store, changes }
  }

  const bobs = (tail: number, overrides: Partial<GroupRecord> = {}): GroupRecord =>
    record(bob.peerId, { id: idOf(bob.peerId, tail), expires: T0 + DAY, data: new TextEncoder().encode(`note ${tail}`), ...overrides })

  it('gives the verdicts, the stored records and the events that applying them one at a time gives; a forged record in the page is refused and nothing of it stored', async () => {
    const held = bobs(1)
    const replaced = bobs(2)
    const newer = bobs(3, { version: 2, modified: T0 + 1000 })
    const page: Uint8Array[] = []
    for (let i = 10; i < 20; i++) page.push(signed(bobs(i), bob.privateKey))
    const forgery = forged(signed(bobs(50, { data: new TextEncoder().encode('pay mallory') }), bob.privateKey))
    page.splice(5, 0, forgery)
    page.push(
      signed(held, bob.privateKey), // already held: DUPLICATE
      signed({ ...replaced, version: 2, modified: T0 + 1000 }, bob.privateKey), // supersedes the stored version
      signed(bobs(3), bob.privateKey), // older than the stored version: STALE
      signed(record(carol.peerId, { id: idOf(carol.peerId, 4) }), carol.privateKey), // unknown signer: parked
      Uint8Array.of(1, 2, 3), // malformed
      signed(bobs(5, { groupId: 'b'.repeat(52), id: idOf(bob.peerId, 5) }), bob.privateKey), // another group
      signed(bobs(6), bob.privateKey), signed(bobs(6, { version: 2, modified: T0 + 1 }), bob.privateKey), // one id twice
      forged(signed(bobs(7), bob.privateKey))
    )

    const batch = await node()
    const single = await node()
    for (const n of [batch, single]) {
      for (const r of [held, replaced, newer]) assert.equal((await n.db.applyRemote(signed(r, bob.privateKey))).reason, 'ACCEPTED')
      n.changes.length = 0
    }

    const many = await batch.db.applyRemoteMany(page, T0, 'sender')
    const one = []
    for (const bytes of page) one.push(await single.db.applyRemote(bytes, T0, 'sender'))

    assert.deepEqual(many.map(v => v.reason), one.map(v => v.reason))
    assert.deepEqual(many.map(v => v.reason), [
      ...Array(5).fill('ACCEPTED'), 'BAD_SIGNATURE', ...Array(5).fill('ACCEPTED'),
      'DUPLICATE', 'ACCEPTED', 'STALE', 'UNKNOWN_SIGNER', 'MALFORMED', 'WRONG_GROUP', 'ACCEPTED', 'ACCEPTED', 'BAD_SIGNATURE'
    ])
    assert.deepEqual(batch.changes, single.changes)
    assert.equal(batch.changes.length, 13)
    assert.ok(!batch.changes.some(c => c.recordId === idOf(bob.peerId, 50) || c.recordId === idOf(bob.peerId, 7)))

    // nothing of the forged records stored; the rest stored, the same on both
    assert.equal(await batch.store.get(GROUP, idOf(bob.peerId, 50)), undefined)
    assert.equal(await batch.store.get(GROUP, idOf(bob.peerId, 7)), undefined)
    const listed = async (store: RecordStore): Promise<string[]> => {
      const out: string[] = []
      for await (const { record: r } of store.list(GROUP)) out.push(`${r.id}/${r.version}`)
      return out.sort()
    }
    assert.deepEqual(await listed(batch.store), await listed(single.store))
    assert.equal((await listed(batch.store)).length, 3 + 10 + 1)
    assert.equal(batch.db.deferredCount, 1)
  })

  it('a page of forged records stores nothing and announces nothing', async () => {
    const n = await node()
    const page = Array.from({ length: 40 }, (_, i) => forged(signed(bobs(100 + i), bob.privateKey)))
    const verdicts = await n.db.applyRemoteMany(page, T0, 'sender')
    assert.ok(verdicts.every(v => v.reason === 'BAD_SIGNATURE'))
    assert.equal(await n.store.count(GROUP, { includeDeleted: true }), 0)
    assert.equal(n.changes.length, 0)
  })

  it('putMany stores the records that win over their stored versions in one write, and refuses two records of one id', async () => {
    const n = await node()
    const stored = decodeRecord(signed(bobs(1, { version: 2, modified: T0 + 1 }), bob.privateKey))
    assert.equal(await n.store.put(stored), true)
    const older = decodeRecord(signed(bobs(1), bob.privateKey))
    const fresh = decodeRecord(signed(bobs(2), bob.privateKey))
    assert.deepEqual(await n.store.putMany([older, fresh]), [false, true])
    assert.equal((await n.store.get(GROUP, idOf(bob.peerId, 1)))!.record.version, 2)
    assert.equal((await n.store.get(GROUP, idOf(bob.peerId, 2)))!.record.version, 1)
    await assert.rejects(n.store.putMany([fresh, fresh]), (err: unknown) => isPeerhoodError(err, 'INTERNAL'))
  })
})

describe('peer-groups/record-sync-set: records served in batches', () => {
  it('a damaged stored record is not served, and does not keep the others of its batch from being served', async () => {
    const bob = await member(2)
    const datastore = new MemoryDatastore()
    const store = new RecordStore(datastore, { verifyReads: true })
    const records = Array.from({ length: 5 }, (_, i) => decodeRecord(signed(record(bob.peerId, { id: idOf(bob.peerId, i), data: new TextEncoder().encode(`amount ${i}00 EUR`), expires: T0 + 1e9 }), bob.privateKey)))
    for (const r of records) assert.equal(await store.put(r), true)
    const set = recordSyncSet({ groupId: GROUP, store, ingest: async () => { throw new Error('not used') } })
    for await (const _ of set.items(T0)) { /* lists the hashes, as a session does */ }

    const key = recordKey(GROUP, records[2]!.record.id)
    const bytes = Buffer.from(await datastore.get(key))
    bytes[bytes.indexOf('200 EUR')] = '9'.charCodeAt(0)
    await datastore.put(key, bytes)

    const served = await set.getMany!(records.map(r => r.hash))
    assert.deepEqual(served.map(b => b === undefined ? undefined : Buffer.from(b).toString('hex')),
      records.map((r, i) => i === 2 ? undefined : Buffer.from(r.bytes).toString('hex')))
    // a hash never listed is not served
    assert.deepEqual(await set.getMany!([new Uint8Array(32)]), [undefined])
  })
})
