/**
 * A seeded scenario for record stores: random adds, new versions (with other expiries) and
 * tombstones, with expiry sweeps at rising times, each checked against a plain model. Run on
 * every kind of datastore, since their sweeps work differently (range scan or expiry queue).
 */
import assert from 'node:assert/strict'
import { decodeRecord } from '../../../protocols/records/codec.ts'
import type { RecordStore } from '../../../protocols/records/store.ts'
import { GROUP, prng, record, signed, T0, type TestMember } from './helpers.ts'

interface Stored { version: number, expires: number, deleted: boolean }

/** Runs `steps` random changes and sweeps on `store`, asserting every sweep removes what the model says. */
export async function checkSweeps (store: RecordStore, author: TestMember, seed: number, steps = 400): Promise<void> {
  const random = prng(seed)
  const model = new Map<string, Stored>()
  let now = T0
  let next = 0
  for (let step = 0; step < steps; step++) {
    const roll = random()
    const ids = [...model.keys()]
    if (roll < 0.8 || ids.length === 0) {
      const existing = roll < 0.45 || ids.length === 0 ? undefined : ids[Math.floor(random() * ids.length)]!
      const id = existing ?? (next++).toString(16).padStart(32, '0')
      const version = (model.get(id)?.version ?? 0) + 1
      const expires = now + 1 + Math.floor(random() * 5000)
      const deleted = existing !== undefined && random() < 0.2
      const rec = record(author.peerId, { id, version, modified: now, expires, deleted, ...(deleted ? { data: new Uint8Array(0) } : {}) })
      assert.equal(await store.put(decodeRecord(signed(rec, author.privateKey))), true)
      model.set(id, { version, expires, deleted })
    } else {
      now += Math.floor(random() * 2000)
      const due = [...model].filter(([, r]) => r.expires <= now)
      for (const [id] of due) model.delete(id)
      const removed = await store.expire(GROUP, now)
      assert.deepEqual(removed.map(r => [r.record.id, r.record.deleted]).sort(), due.map(([id, r]) => [id, r.deleted]).sort())
    }
  }
  const live = [...model.values()].filter(r => !r.deleted).length
  assert.equal(await store.count(GROUP), live)
  assert.equal(await store.count(GROUP, { includeDeleted: true }), model.size)
}
