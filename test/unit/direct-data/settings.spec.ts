import assert from 'node:assert/strict'
import { isPeerhoodError } from '../../../protocols/common/errors.ts'
import { resolveSettings } from '../../../protocols/direct-data/settings.ts'
import type { DirectDataInit } from '../../../protocols/direct-data/types.ts'

const callbacks: DirectDataInit = { isMember: () => true, isLocalMember: () => true }

describe('direct-data: settings', () => {
  it('resolves the documented defaults', () => {
    const s = resolveSettings(callbacks)
    assert.deepEqual(
      [s.maxConnections, s.maxDataBytes, s.openTimeoutMs, s.sendTimeoutMs, s.closeTimeoutMs, s.keepAliveMs, s.maxStreams],
      [64, 65536, 10_000, 30_000, 5_000, 30_000, 80]
    )
    assert.ok(s.maxFrameBytes > s.maxDataBytes)
    assert.equal(s.now, Date.now)
  })

  it('takes overrides', () => {
    const s = resolveSettings({ ...callbacks, maxConnections: 2, maxDataBytes: 10, keepAliveMs: 0 })
    assert.deepEqual([s.maxConnections, s.maxDataBytes, s.keepAliveMs, s.maxStreams], [2, 10, 0, 18])
  })

  it('refuses missing callbacks and limits out of range with INVALID_ARGUMENT', () => {
    const bad: Array<Partial<DirectDataInit>> = [
      { isMember: undefined },
      { maxConnections: 0 },
      { maxConnections: 1.5 },
      { maxDataBytes: -1 },
      { maxDataBytes: 2 * 1024 * 1024 },
      { openTimeoutMs: 0 },
      { keepAliveMs: Number.NaN }
    ]
    for (const b of bad) {
      assert.throws(() => resolveSettings({ ...callbacks, ...b } as DirectDataInit), (err: unknown) => isPeerhoodError(err, 'INVALID_ARGUMENT'), JSON.stringify(b))
    }
  })
})
