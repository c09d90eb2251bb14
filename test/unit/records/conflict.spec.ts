import assert from 'node:assert/strict'
import { createHash } from 'node:crypto'
import { MemoryDatastore } from 'datastore-core'
import { decodeRecord, type DecodedRecord } from '../../../protocols/records/codec.ts'
import { compareRecords, supersedes } from '../../../protocols/records/conflict.ts'
import { RecordStore } from '../../../protocols/records/store.ts'
import { member, prng, record, signed, T0, type TestMember } from './helpers.ts'

function shuffle<T> (items: T[], random: () => number): T[] {
  const out = [...items]
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1))
    const tmp = out[i]!
    out[i] = out[j]!
    out[j] = tmp
  }
  return out
}

function hex (bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex')
}

describe('records/conflict', () => {
  let alice: TestMember
  let admin: TestMember

  before(async () => {
    alice = await member(1)
    admin = await member(3)
  })

  function version (v: number, modified: number, by: TestMember, tag: string): DecodedRecord {
    return decodeRecord(signed(record(alice.peerId, { version: v, modified, modifier: by.peerId, data: new TextEncoder().encode(tag) }), by.privateKey))
  }

  it('prefers the higher version, then the later modification, then the greater hash of the signed body', () => {
    const a = version(3, T0, alice, 'a')
    const b = version(2, T0 + 100, alice, 'b')
    assert.ok(compareRecords(a, b) > 0)
    const c = version(2, T0 + 200, admin, 'c')
    assert.ok(compareRecords(c, b) > 0)
    const d = version(2, T0 + 200, alice, 'd')
    // the tie-break hashes the signed body, not the envelope (issue 9, defect 3)
    assert.equal(Math.sign(compareRecords(c, d)), Buffer.compare(createHash('sha256').update(c.body).digest(), createHash('sha256').update(d.body).digest()))
    assert.equal(compareRecords(d, d), 0)
    assert.ok(supersedes(a, undefined))
    assert.equal(supersedes(b, a), false)
  })

  it('is antisymmetric and transitive over random versions (property)', () => {
    const random = prng(7)
    const versions = Array.from({ length: 24 }, (_, i) => version(1 + Math.floor(random() * 3), T0 + Math.floor(random() * 3), random() < 0.5 ? alice : admin, `v${i}`))
    for (const x of versions) {
      for (const y of versions) {
        assert.equal(Math.sign(compareRecords(x, y)) + Math.sign(compareRecords(y, x)), 0)
        for (const z of versions) {
          if (compareRecords(x, y) > 0 && compareRecords(y, z) > 0) assert.ok(compareRecords(x, z) > 0)
        }
      }
    }
  })

  it('converges to one winner whatever order concurrent updates arrive in (property, store)', async () => {
    for (let seed = 1; seed <= 12; seed++) {
      const random = prng(seed)
      const count = 3 + Math.floor(random() * 6)
      // concurrent updates: few distinct versions and times, so ties reach the hash tie-break
      const versions = Array.from({ length: count }, (_, i) =>
        version(2 + Math.floor(random() * 2), T0 + Math.floor(random() * 2) * 1000, random() < 0.5 ? alice : admin, `s${seed}-${i}`))
      const expected = versions.reduce((best, v) => compareRecords(v, best) > 0 ? v : best)
      const winners = new Set<string>()
      for (let trial = 0; trial < 8; trial++) {
        const store = new RecordStore(new MemoryDatastore())
        for (const v of shuffle(versions, random)) await store.put(v)
        const kept = await store.get(expected.record.groupId, expected.record.id)
        winners.add(hex(kept!.hash))
      }
      assert.deepEqual([...winners], [hex(expected.hash)], `seed ${seed}`)
    }
  })
})
