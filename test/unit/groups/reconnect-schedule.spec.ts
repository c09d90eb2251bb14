import assert from 'node:assert/strict'
import { DEFAULT_RECONNECT_BACKOFF, reconnectDelay } from '../../../protocols/peer-groups/reconnect-schedule.ts'

describe('groups: reconnect schedule', () => {
  const exact = { ...DEFAULT_RECONNECT_BACKOFF, jitter: 0 }

  it('tries at once, then doubles from the minimum delay up to the cap', () => {
    assert.deepEqual([0, 1, 2, 3, 4, 5, 6, 7, 8].map(n => reconnectDelay(n, exact)), [0, 1000, 2000, 4000, 8000, 16000, 32000, 60000, 60000])
  })

  it('never overflows after a long outage, and treats nonsense attempts as the first', () => {
    assert.equal(reconnectDelay(10_000, exact), 60_000)
    assert.equal(reconnectDelay(Number.MAX_SAFE_INTEGER, exact), 60_000)
    assert.equal(reconnectDelay(-3, exact), 0)
    assert.equal(reconnectDelay(Number.NaN, exact), 0)
  })

  it('jitter shortens a delay by at most its share, in proportion to the draw', () => {
    const backoff = { ...DEFAULT_RECONNECT_BACKOFF, jitter: 0.5 }
    assert.equal(reconnectDelay(3, backoff, 0), 4000)
    assert.equal(reconnectDelay(3, backoff, 0.5), 3000)
    assert.equal(reconnectDelay(3, backoff, 0.999999), 2000)
    // out-of-range draws and shares are clamped
    assert.equal(reconnectDelay(3, backoff, 7), 2000)
    assert.equal(reconnectDelay(3, { ...backoff, jitter: 3 }, 1), 0)
  })

  it('respects a cap below the minimum and a factor below 1', () => {
    assert.equal(reconnectDelay(5, { minDelayMs: 5000, maxDelayMs: 100, factor: 2, jitter: 0 }), 5000)
    assert.equal(reconnectDelay(5, { minDelayMs: 500, maxDelayMs: 10_000, factor: 0.5, jitter: 0 }), 500)
  })
})
