/**
 * Issue 9, defect 3: a member re-wraps someone else's record (same signed body, padded or
 * reordered envelope). Only signed bytes may decide: such envelopes are refused, ties are broken
 * on the signed body, and the same signed body never announces an update.
 */
import assert from 'node:assert/strict'
import { createHash } from 'node:crypto'
import { MemoryDatastore } from 'datastore-core'
import { decodeRecord, encodeRecord } from '../../../protocols/records/codec.ts'
import { compareRecords } from '../../../protocols/records/conflict.ts'
import { GroupDatabase } from '../../../protocols/records/database.ts'
import type { RecordChange } from '../../../protocols/records/events.ts'
import { validateIngress } from '../../../protocols/records/ingress.ts'
import { RecordStore } from '../../../protocols/records/store.ts'
import { recordSyncSet } from '../../../protocols/peer-groups/record-sync-set.ts'
import { indexSet } from '../../../protocols/sync/set-index.ts'
import { ed25519 } from '@noble/curves/ed25519.js'
import { credential, GROUP, idOf, member, membership, record, signed, T0, type TestMember } from './helpers.ts'

/** A length-delimited protobuf field. */
function field (n: number, bytes: Uint8Array): Uint8Array {
  const length: number[] = []
  let v = bytes.length
  while (v >= 0x80) { length.push((v & 0x7f) | 0x80); v >>>= 7 }
  length.push(v)
  return Uint8Array.from([(n << 3) | 2, ...length, ...bytes])
}

/** Re-wrappings of an honest SignedRecord that decode to the same body and signature. */
function rewraps (honest: Uint8Array): Record<string, Uint8Array> {
  const { body, signature } = decodeRecord(honest)
  const padding = new Uint8Array(3000).fill(0x41)
  return {
    'unknown field after': Buffer.concat([honest, field(15, padding)]),
    'unknown field before': Buffer.concat([field(15, padding), honest]),
    'body field repeated': Buffer.concat([field(1, padding), honest]),
    'fields reordered': Buffer.concat([field(2, signature), field(1, body)])
  }
}

describe('records/re-wrapped envelopes (issue 9, defect 3)', () => {
  let alice: TestMember
  let mallory: TestMember

  before(async () => {
    alice = await member(1)
    mallory = await member(4)
  })

  it('refuses every envelope other than body-then-signature: MALFORMED, rejected', () => {
    const honest = signed(record(alice.peerId), alice.privateKey)
    const ctx = { groupId: GROUP, maxRecordSize: 64 * 1024, now: T0, lookupMember: membership([credential(alice.peerId)]).lookup }
    assert.equal(validateIngress(honest, ctx).reason, 'ACCEPTED')
    for (const [name, bytes] of Object.entries(rewraps(honest))) {
      // each still carries alice's valid signature over her body
      assert.deepEqual(decodeRecord(bytes).record, decodeRecord(honest).record, name)
      const v = validateIngress(bytes, ctx)
      assert.deepEqual([v.action, v.reason], ['reject', 'MALFORMED'], name)
    }
  })

  it('takes every envelope an honest encoder writes, whatever the length prefix of its body', () => {
    const ctx = { groupId: GROUP, maxRecordSize: 64 * 1024, now: T0, lookupMember: membership([credential(alice.peerId)]).lookup }
    for (const size of [0, 1, 60, 200, 20_000, 40_000]) {
      const bytes = signed(record(alice.peerId, { data: new Uint8Array(size).fill(3) }), alice.privateKey)
      assert.equal(validateIngress(bytes, ctx).reason, 'ACCEPTED', `data of ${size} bytes`)
      // a byte appended after the signature is not the canonical envelope any more
      assert.equal(validateIngress(Buffer.concat([bytes, Uint8Array.of(0)]), ctx).reason, 'MALFORMED', `data of ${size} bytes + 1`)
    }
  })

  it('stores no padded copy and announces nothing when a member replays a re-wrapped record', async () => {
    const members = membership([credential(alice.peerId), credential(mallory.peerId)])
    const store = new RecordStore(new MemoryDatastore())
    const db = new GroupDatabase({ groupId: GROUP, store, self: mallory, lookupMember: members.lookup, now: () => T0 })
    const changes: RecordChange[] = []
    db.addEventListener('record:changed', evt => { changes.push((evt as CustomEvent<RecordChange>).detail) })
    const honest = signed(record(alice.peerId), alice.privateKey)
    assert.equal((await db.applyRemote(honest)).reason, 'ACCEPTED')
    for (const bytes of Object.values(rewraps(honest))) {
      const v = await db.applyRemote(bytes)
      assert.equal(v.action, 'reject')
    }
    assert.deepEqual(changes.map(c => c.changeType), ['added'])
    const kept = await store.get(GROUP, record(alice.peerId).id)
    assert.deepEqual(kept?.bytes, honest)
  })

  it('a node does not serve over sync a re-wrapped copy its store holds from before (it would refuse it itself)', async () => {
    const members = membership([credential(alice.peerId)])
    const store = new RecordStore(new MemoryDatastore())
    const db = new GroupDatabase({ groupId: GROUP, store, self: alice, lookupMember: members.lookup, now: () => T0 })
    const honest = signed(record(alice.peerId), alice.privateKey)
    const padded = rewraps(honest)['unknown field after']!
    await store.put(decodeRecord(padded))
    const set = recordSyncSet({ groupId: GROUP, store, ingest: async () => ({ action: 'ignore', reason: 'DUPLICATE' }), serves: record => db.admitsDecoded(record) })
    const listed = [...(await indexSet(set, T0)).allHashes()]
    assert.equal(listed.length, 1)
    assert.equal(await set.get(listed[0]!), undefined)
    // an honest record beside it is served
    const other = signed(record(alice.peerId, { id: idOf(alice.peerId, 0xab) }), alice.privateKey)
    await store.put(decodeRecord(other))
    const relisted = recordSyncSet({ groupId: GROUP, store, ingest: async () => ({ action: 'ignore', reason: 'DUPLICATE' }), serves: record => db.admitsDecoded(record) })
    const served = await Promise.all((await indexSet(relisted, T0)).allHashes().map(async hash => relisted.get(hash)))
    assert.deepEqual(served.filter(bytes => bytes !== undefined), [other])
  })

  it('breaks ties between equal versions on the signed body, never on the envelope', () => {
    // two concurrent versions (same version, same millisecond) whose envelope-hash order and body-hash order disagree
    const sha = (b: Uint8Array) => createHash('sha256').update(b).digest()
    for (let i = 0; ; i++) {
      assert.ok(i < 64, 'no disagreeing pair found')
      const a = decodeRecord(signed(record(alice.peerId, { version: 2, modified: T0 + 5, data: Uint8Array.of(i) }), alice.privateKey))
      const b = decodeRecord(signed(record(alice.peerId, { version: 2, modified: T0 + 5, data: Uint8Array.of(i, i) }), alice.privateKey))
      const byBody = Math.sign(Buffer.compare(sha(a.body), sha(b.body)))
      if (byBody === Math.sign(Buffer.compare(a.hash, b.hash))) continue
      assert.equal(Math.sign(compareRecords(a, b)), byBody)
      assert.equal(Math.sign(compareRecords(b, a)), -byBody)
      return
    }
  })

  it('keeps one of two signatures over the same body, on every member, without an update event', async () => {
    // only the signer can make a second valid signature; Ed25519 signing is deterministic, so
    // make one with another nonce: (R', S') = (r'·B, r' + H(R' ‖ A ‖ M)·a)
    const honest = signed(record(alice.peerId), alice.privateKey)
    const { body, signature } = decodeRecord(honest)
    const other = encodeRecord({ body, signature: resign(alice, body) })
    assert.notDeepEqual(decodeRecord(other).signature, signature)
    const members = membership([credential(alice.peerId)])
    const kept = new Set<string>()
    for (const order of [[honest, other], [other, honest]]) {
      const store = new RecordStore(new MemoryDatastore())
      const db = new GroupDatabase({ groupId: GROUP, store, self: alice, lookupMember: members.lookup, now: () => T0 })
      const changes: string[] = []
      db.addEventListener('record:changed', evt => { changes.push((evt as CustomEvent<RecordChange>).detail.changeType) })
      for (const bytes of order) assert.notEqual((await db.applyRemote(bytes)).action, 'reject')
      assert.deepEqual(changes, ['added'])
      kept.add(Buffer.from((await store.get(GROUP, record(alice.peerId).id))!.bytes).toString('hex'))
    }
    assert.equal(kept.size, 1)
  })
})

/** An Ed25519 signature of `body` (with the record domain) by `who`, made with a nonce other than RFC 8032's. */
function resign (who: TestMember, body: Uint8Array): Uint8Array {
  const ed = ed25519
  const message = Buffer.concat([Buffer.from('peerhood/record/v1\n'), body])
  const seed = who.privateKey.raw.subarray(0, 32)
  const { scalar, pointBytes } = ed.utils.getExtendedPublicKey(seed)
  const L: bigint = ed.Point.Fn.ORDER
  const mod = (x: bigint) => ((x % L) + L) % L
  const le = (b: Uint8Array) => BigInt('0x' + Buffer.from(b).reverse().toString('hex'))
  const r = mod(le(createHash('sha512').update('another nonce').update(message).digest()))
  const R = ed.Point.BASE.multiply(r).toBytes()
  const k = mod(le(createHash('sha512').update(R).update(pointBytes).update(message).digest()))
  const S = mod(r + k * scalar)
  const sBytes = Buffer.from(S.toString(16).padStart(64, '0'), 'hex').reverse()
  return Uint8Array.from([...R, ...sBytes])
}
