import assert from 'node:assert/strict'
import type { DecodedRecord } from '../../../protocols/records/codec.ts'
import { DeferredQueue } from '../../../protocols/records/deferred.ts'

const record = (n: number): DecodedRecord => ({ hash: Uint8Array.from([n >> 16, (n >> 8) & 255, n & 255]) }) as unknown as DecodedRecord

describe('deferred queue, per sender', () => {
  it('refuses a sender past its budget and never lets it evict another sender\'s records', () => {
    const queue = new DeferredQueue(1024, 256)
    for (let i = 0; i < 10; i++) assert.equal(queue.add(record(i), 'honest'), true)
    let refused = 0
    for (let i = 100; i < 2100; i++) if (!queue.add(record(i), 'flooder')) refused++
    assert.equal(queue.sizeOf('flooder'), 256)
    assert.equal(refused, 2000 - 256)
    assert.equal(queue.sizeOf('honest'), 10)
    for (let i = 0; i < 10; i++) assert.equal(queue.has(record(i).hash), true)
  })

  it('when full in total, takes room from the sender holding the most', () => {
    const queue = new DeferredQueue(8, 6)
    queue.add(record(1), 'few')
    queue.add(record(2), 'few')
    for (let i = 10; i < 16; i++) queue.add(record(i), 'many')
    assert.equal(queue.size, 8)
    queue.add(record(3), 'third')
    assert.equal(queue.size, 8)
    assert.equal(queue.sizeOf('few'), 2)
    assert.equal(queue.sizeOf('many'), 5)
    assert.equal(queue.has(record(10).hash), false, 'the largest sender gave up its oldest')
    assert.deepEqual(queue.takeWhere(() => true).map(p => p.sender).sort(), ['few', 'few', 'many', 'many', 'many', 'many', 'many', 'third'])
    assert.equal(queue.size, 0)
  })

  it('takes only the records asked for, oldest first, and leaves the others with their senders and times', () => {
    const queue = new DeferredQueue(16, 8)
    for (let i = 0; i < 6; i++) queue.add(record(i), i % 2 === 0 ? 'even' : 'odd', 1000 + i)
    const taken = queue.takeWhere(p => p.sender === 'odd')
    assert.deepEqual(taken.map(p => p.at), [1001, 1003, 1005])
    assert.equal(queue.size, 3)
    assert.equal(queue.sizeOf('odd'), 0)
    assert.equal(queue.parkedBetween('even', 999, 1004), 3)
    for (let i = 0; i < 6; i++) assert.equal(queue.has(record(i).hash), i % 2 === 0)
  })
})
