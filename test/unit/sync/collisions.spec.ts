import assert from 'node:assert/strict'
import type { ApplyResult, SyncItem, SyncSet } from '../../../protocols/sync/types.ts'
import { LIVE, NOW, records, seeded, setOf } from './fixtures.ts'
import { pump } from './pump.ts'

/** A set whose records start with their own 32-byte "content hash", so hashes can be chosen. */
class CraftedSet implements SyncSet {
  readonly records = new Map<string, Uint8Array>()

  constructor (contents: Uint8Array[] = []) {
    for (const r of contents) this.records.set(Buffer.from(r.subarray(0, 32)).toString('hex'), r)
  }

  * items (cutoff: number): Iterable<SyncItem> {
    for (const r of this.records.values()) {
      if (LIVE > cutoff) yield { id: r.subarray(0, 16), hash: r.subarray(0, 32), expires: LIVE }
    }
  }

  async get (hash: Uint8Array): Promise<Uint8Array | undefined> {
    return this.records.get(Buffer.from(hash).toString('hex'))
  }

  async apply (incoming: Uint8Array[]): Promise<ApplyResult> {
    let accepted = 0
    for (const r of incoming) {
      const key = Buffer.from(r.subarray(0, 32)).toString('hex')
      if (!this.records.has(key)) accepted++
      this.records.set(key, r)
    }
    return { accepted, rejected: incoming.length - accepted }
  }

  keys (): string[] {
    return [...this.records.keys()].sort()
  }
}

/** A record whose hash starts with `prefix` (8 bytes) and continues with seeded bytes. */
function crafted (prefix: string, tail: string): Uint8Array {
  const r = new Uint8Array(64)
  r.set(seeded(`prefix/${prefix}`, 8))
  r.set(seeded(`tail/${tail}`, 56), 8)
  return r
}

/** Plain records with random hashes, in the crafted layout. */
function plain (count: number, family: string): Uint8Array[] {
  return records(family, count).map(r => { const out = new Uint8Array(64); out.set(seeded(`${family}/${Buffer.from(r).toString('hex')}`, 64)); return out })
}

describe('sync with 64-bit symbol collisions', function () {
  this.timeout(30_000)
  const shared = plain(2000, 'shared')

  it('the responder holds two records under one symbol, the initiator one of them', async () => {
    const a = new CraftedSet([...shared, crafted('p', '1')])
    const b = new CraftedSet([...shared, crafted('p', '1'), crafted('p', '2')])
    const run = await pump(a, b)
    assert.deepEqual(a.keys(), b.keys())
    assert.equal(run.initiator.accepted, 1)
  })

  it('the initiator holds two records under one symbol, the responder one of them', async () => {
    const a = new CraftedSet([...shared, crafted('p', '1'), crafted('p', '2')])
    const b = new CraftedSet([...shared, crafted('p', '2')])
    const run = await pump(a, b)
    assert.deepEqual(a.keys(), b.keys())
    assert.equal(run.initiator.remoteAccepted, 1)
  })

  it('both sides hold different pairs under one symbol and end with all three', async () => {
    const a = new CraftedSet([...shared, crafted('p', '1'), crafted('p', '2')])
    const b = new CraftedSet([...shared, crafted('p', '1'), crafted('p', '3')])
    await pump(a, b)
    assert.deepEqual(a.keys(), b.keys())
    assert.equal(a.records.size, 2003)
  })

  it('identical colliding pairs are in sync', async () => {
    const a = new CraftedSet([...shared, crafted('p', '1'), crafted('p', '2')])
    const b = new CraftedSet([...shared, crafted('p', '2'), crafted('p', '1')])
    const run = await pump(a, b)
    assert.equal(run.initiator.mode, 'in-sync')
  })

  it('collisions also travel in list mode', async () => {
    const a = new CraftedSet([crafted('p', '1'), crafted('q', '1')])
    const b = new CraftedSet([crafted('p', '1'), crafted('p', '2'), ...shared.slice(0, 50)])
    const run = await pump(a, b)
    assert.equal(run.initiator.mode, 'list')
    assert.deepEqual(a.keys(), b.keys())
  })

  it('memory sets (real content hashes) still reconcile next to crafted ones', async () => {
    const a = setOf(records('x', 10))
    const b = setOf(records('x', 12))
    await pump(a, b, { now: NOW })
    assert.deepEqual(a.liveKeys(NOW), b.liveKeys(NOW))
  })
})
