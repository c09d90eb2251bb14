import assert from 'node:assert/strict'
import type { MemorySyncSet } from '../../../protocols/sync/memory-set.ts'
import { resolveTuning } from '../../../protocols/sync/tuning.ts'
import { LIVE, NOW, pairOf, record, records, setOf } from './fixtures.ts'
import { pump } from './pump.ts'

function assertEqualSets (a: MemorySyncSet, b: MemorySyncSet, cutoff = NOW): void {
  assert.deepEqual(a.liveKeys(cutoff), b.liveKeys(cutoff))
}

describe('sync machines', function () {
  this.timeout(60_000)

  it('identical sets: one round trip and a handful of bytes', async () => {
    const { a, b } = pairOf(10_000, 0, 0)
    const run = await pump(a, b)
    assert.equal(run.initiator.mode, 'in-sync')
    assert.equal(run.initiator.roundTrips, 1)
    assert.ok(run.sentBytes + run.receivedBytes < 200, `${run.sentBytes + run.receivedBytes} bytes`)
    assert.equal(run.recordsPulled + run.recordsPushed, 0)
  })

  it('empty sets on both sides are in sync', async () => {
    const run = await pump(setOf([]), setOf([]))
    assert.equal(run.initiator.mode, 'in-sync')
    assert.equal(run.initiator.roundTrips, 1)
  })

  for (const d of [1, 10, 1000]) {
    it(`finds d = ${d} on a 10k set (split both ways) in ≤ 4 round trips`, async () => {
      const onlyA = Math.floor(d / 2)
      const { a, b } = pairOf(10_000 - d, onlyA, d - onlyA)
      const run = await pump(a, b)
      assertEqualSets(a, b)
      assert.equal(a.size, 10_000 - d + d)
      assert.equal(run.initiator.mode, 'coded')
      assert.ok(run.initiator.roundTrips <= 4, `${run.initiator.roundTrips} round trips`)
      assert.equal(run.recordsPulled, d - onlyA)
      assert.equal(run.recordsPushed, onlyA)
      assert.equal(run.initiator.accepted, d - onlyA)
      assert.equal(run.initiator.remoteAccepted, onlyA)
      // symbols cost ≈ 2.2 per difference (plus the first batch), far below the records
      assert.ok(run.initiator.symbols <= Math.max(64, 6 * d), `${run.initiator.symbols} symbols`)
    })
  }

  it('a small difference costs 2 round trips', async () => {
    const { a, b } = pairOf(10_000, 3, 4)
    const run = await pump(a, b)
    assertEqualSets(a, b)
    assert.equal(run.initiator.roundTrips, 2)
  })

  it('the initiator holds only what the responder lacks', async () => {
    const { a, b } = pairOf(5000, 100, 0)
    const run = await pump(a, b)
    assertEqualSets(a, b)
    assert.equal(run.recordsPushed, 100)
    assert.equal(run.recordsPulled, 0)
  })

  it('an empty initiator pulls everything in one round trip without coding', async () => {
    const b = setOf(records('r', 3000))
    const a = setOf([])
    const run = await pump(a, b)
    assertEqualSets(a, b)
    assert.equal(run.initiator.mode, 'pull-all')
    assert.equal(run.initiator.roundTrips, 1)
    assert.equal(run.initiator.symbols, 0)
    assert.equal(run.initiator.recordsReceived, 3000)
  })

  it('an empty responder receives everything', async () => {
    const a = setOf(records('r', 3000))
    const b = setOf([])
    const run = await pump(a, b)
    assertEqualSets(a, b)
    assert.equal(run.initiator.mode, 'push-all')
    assert.equal(run.initiator.roundTrips, 2)
    assert.equal(run.initiator.symbols, 0)
    assert.equal(run.initiator.remoteAccepted, 3000)
  })

  it('a large difference falls back to the symbol list', async () => {
    const { a, b } = pairOf(1000, 2000, 2000)
    const run = await pump(a, b)
    assertEqualSets(a, b)
    assert.equal(run.initiator.mode, 'list')
    assert.ok(run.initiator.roundTrips <= 3)
  })

  it('a nearly new member (few records) gets the list, not a flood of symbols', async () => {
    const shared = records('r', 5000)
    const a = setOf(shared.slice(0, 10))
    const b = setOf(shared)
    const run = await pump(a, b)
    assertEqualSets(a, b)
    assert.equal(run.initiator.mode, 'list')
    assert.equal(run.initiator.roundTrips, 2)
    assert.equal(run.recordsPulled, 4990)
  })

  it('excludes expired items on both sides by the same cutoff', async () => {
    const shared = records('shared', 200)
    const expiredA = records('expired-a', 5, { expires: NOW - 1 })
    const atCutoffB = records('at-cutoff-b', 5, { expires: NOW })
    const liveB = records('live-b', 3, { expires: NOW + 1 })
    const a = setOf([...shared, ...expiredA])
    const b = setOf([...shared, ...atCutoffB, ...liveB])
    const run = await pump(a, b)
    assert.equal(run.recordsPushed, 0, 'expired records are not pushed')
    assert.equal(run.recordsPulled, 3, 'only the live ones are pulled')
    assertEqualSets(a, b)
    // the expired and at-cutoff records stayed where they were
    assert.equal(a.size, 200 + 5 + 3)
    assert.equal(b.size, 200 + 5 + 3)
  })

  it('expired-only differences are in sync', async () => {
    const shared = records('shared', 100)
    const a = setOf([...shared, ...records('old', 10, { expires: NOW - 1000 })])
    const b = setOf(shared)
    const run = await pump(a, b)
    assert.equal(run.initiator.mode, 'in-sync')
  })

  it('a responder that refuses records reports them rejected', async () => {
    const shared = records('shared', 100)
    const mine = records('mine', 5)
    const a = setOf([...shared, ...mine])
    const b = setOf(shared, { accept: () => false })
    const run = await pump(a, b)
    assert.equal(run.initiator.remoteRejected, 5)
    assert.equal(run.initiator.remoteAccepted, 0)
  })

  it('big records are paged within the limits', async () => {
    const shared = records('shared', 10)
    const big = records('big', 40, { size: 100_000, expires: LIVE })
    const a = setOf(shared)
    const b = setOf([...shared, ...big])
    const limits = { maxMessageBytes: 1_000_000, maxRecordsPerMessage: 4, pageBytes: 300_000, maxSymbolsPerMessage: 16 }
    const run = await pump(a, b, { limits })
    assertEqualSets(a, b)
    assert.equal(run.recordsPulled, 40)
  })

  for (const [label, common, onlyA, onlyB] of [['coded', 5000, 300, 300], ['list', 200, 700, 600]] as const) {
    it(`keeps every message within small limits (${label}: symbols, wants and records in many pages)`, async () => {
      const { a, b } = pairOf(common, onlyA, onlyB)
      const { limits } = resolveTuning({ maxMessageBytes: 2048, pageBytes: 1024 })
      const run = await pump(a, b, { limits })
      assertEqualSets(a, b)
      assert.equal(run.initiator.mode, label)
      assert.equal(run.recordsPulled, onlyB)
      assert.equal(run.recordsPushed, onlyA)
    })
  }

  it('a record too big for one message is skipped, not fatal', async () => {
    const shared = records('shared', 10)
    const a = setOf(shared)
    const b = setOf([...shared, record('huge', 0, { size: 2_000_000 }), record('small', 0)])
    const limits = { maxMessageBytes: 1_000_000, maxRecordsPerMessage: 16, pageBytes: 300_000, maxSymbolsPerMessage: 64 }
    const run = await pump(a, b, { limits })
    assert.equal(run.recordsPulled, 1)
    assert.ok(run.initiator.done)
  })
})
