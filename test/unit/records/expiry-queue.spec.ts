import assert from 'node:assert/strict'
import { ExpiryQueue } from '../../../protocols/records/expiry-queue.ts'
import { prng } from './helpers.ts'

function idOf (n: number): string {
  return n.toString(16).padStart(32, '0')
}

describe('records/expiry-queue', () => {
  it('takes exactly the records due, earliest first, and keeps the rest', () => {
    const queue = new ExpiryQueue()
    for (const [n, expires] of [[1, 30], [2, 10], [3, 20], [4, 40]] as const) queue.set(idOf(n), expires)
    assert.deepEqual(queue.takeDue(25), [{ id: idOf(2), expires: 10 }, { id: idOf(3), expires: 20 }])
    assert.deepEqual(queue.takeDue(25), [])
    assert.equal(queue.size, 2)
    assert.deepEqual(queue.takeDue(40).map(e => e.id), [idOf(1), idOf(4)])
    assert.equal(queue.size, 0)
  })

  it('takes a moved record at its new time only, and a deleted one never', () => {
    const queue = new ExpiryQueue()
    queue.set(idOf(1), 10)
    queue.set(idOf(2), 10)
    queue.set(idOf(1), 50)
    queue.delete(idOf(2))
    assert.deepEqual(queue.takeDue(20), [])
    queue.set(idOf(1), 10) // and back again
    assert.deepEqual(queue.takeDue(20), [{ id: idOf(1), expires: 10 }])
    assert.deepEqual(queue.takeDue(100), [])
  })

  it('agrees with a plain map under random sets, deletes and sweeps (seeded)', () => {
    const random = prng(21)
    const queue = new ExpiryQueue()
    const model = new Map<string, number>()
    let now = 0
    for (let step = 0; step < 20_000; step++) {
      const id = idOf(Math.floor(random() * 300))
      const roll = random()
      if (roll < 0.6) {
        const expires = now + 1 + Math.floor(random() * 1000)
        queue.set(id, expires)
        model.set(id, expires)
      } else if (roll < 0.7) {
        queue.delete(id)
        model.delete(id)
      } else if (roll < 0.75) {
        now += Math.floor(random() * 200)
        const expected = [...model].filter(([, e]) => e <= now).sort((a, b) => a[1] - b[1])
        for (const [id] of expected) model.delete(id)
        const due = queue.takeDue(now)
        assert.deepEqual(due.map(e => e.expires), expected.map(([, e]) => e))
        assert.deepEqual(new Set(due.map(e => e.id)), new Set(expected.map(([id]) => id)))
        assert.equal(queue.size, model.size)
      }
    }
  })
})
