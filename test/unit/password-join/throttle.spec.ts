import assert from 'node:assert/strict'
import { PasswordThrottle } from '../../../protocols/password-join/index.ts'

const S = 1000
const MIN = 60 * S
const G = 'group'

describe('password join: throttling failed attempts (injected clock)', () => {
  it('blocks a peer after 3 failures within a minute, for 1 min, then 2, 4 … up to 1 h', () => {
    const th = new PasswordThrottle()
    let t = 0
    assert.equal(th.fail('p', G, t), 0)
    assert.equal(th.fail('p', G, t += S), 0)
    assert.equal(th.retryAfter('p', G, t), 0)
    assert.equal(th.fail('p', G, t += S), MIN)
    assert.equal(th.retryAfter('p', G, t + 10 * S), 50 * S)
    const expected = [2, 4, 8, 16, 32, 60, 60].map(m => m * MIN)
    for (const block of expected) {
      t += th.retryAfter('p', G, t)
      assert.equal(th.retryAfter('p', G, t), 0, 'allowed once the block has passed')
      th.fail('p', G, t)
      th.fail('p', G, t)
      assert.equal(th.fail('p', G, t), block)
    }
  })

  it('does not count failures that left the window', () => {
    const th = new PasswordThrottle()
    for (let i = 0; i < 10; i++) assert.equal(th.fail('p', G, i * 31 * S), 0)
  })

  it('forgets a peer after a success', () => {
    const th = new PasswordThrottle()
    th.fail('p', G, 0)
    th.fail('p', G, 0)
    th.succeed('p', G)
    assert.equal(th.fail('p', G, 0), 0)
  })

  it('keeps peers and groups apart', () => {
    const th = new PasswordThrottle()
    for (let i = 0; i < 3; i++) th.fail('p', G, 0)
    assert.ok(th.retryAfter('p', G, 0) > 0)
    assert.equal(th.retryAfter('q', G, 0), 0)
    assert.equal(th.retryAfter('p', 'other', 0), 0)
  })

  it('blocks a whole group when many peers fail in it (PeerIds are free to make)', () => {
    const th = new PasswordThrottle()
    for (let i = 0; i < 29; i++) th.fail(`sybil-${i}`, G, 0)
    assert.equal(th.retryAfter('fresh', G, 0), 0)
    th.fail('sybil-29', G, 0)
    assert.equal(th.retryAfter('fresh', G, 0), MIN)
    assert.equal(th.retryAfter('fresh', 'other', 0), 0)
  })

  it('starts over at the base block after a long quiet time', () => {
    const th = new PasswordThrottle()
    for (let i = 0; i < 3; i++) th.fail('p', G, 0)
    for (let i = 0; i < 3; i++) th.fail('p', G, MIN)
    assert.equal(th.retryAfter('p', G, MIN), 2 * MIN)
    const later = 3 * MIN + 61 * MIN + 1
    assert.equal(th.retryAfter('p', G, later), 0)
    th.fail('p', G, later)
    th.fail('p', G, later)
    assert.equal(th.fail('p', G, later), MIN)
  })

  it('remembers a bounded number of keys', () => {
    const th = new PasswordThrottle({ maxEntries: 100 })
    for (let i = 0; i < 1000; i++) th.fail(`p${i}`, `g${i}`, 0)
    assert.ok(th.peers.size <= 100)
    assert.ok(th.groups.size <= 100)
  })

  it('takes other policies', () => {
    const th = new PasswordThrottle({ peer: { maxFailures: 1, baseBlockMs: 5 * S } })
    assert.equal(th.fail('p', G, 0), 5 * S)
  })
})
