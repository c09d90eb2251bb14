import assert from 'node:assert/strict'
import { decodeBundle } from '../../../protocols/group-gossip/bundle.ts'
import { GossipOutbox, lingerDelay } from '../../../protocols/group-gossip/outbox.ts'

interface Sent { topic: string, records: number[] }

function recorder (fail?: (n: number) => boolean, lingerMs = 0): { sent: Sent[], outbox: GossipOutbox } {
  const sent: Sent[] = []
  const outbox = new GossipOutbox({
    maxBytes: 1000,
    lingerMs,
    send: async (topic, bundle) => {
      const records = decodeBundle(bundle)
      assert.ok(records !== undefined)
      sent.push({ topic, records: records.map(r => r[0]!) })
      if (fail?.(sent.length) === true) throw new Error('publish failed')
    }
  })
  return { sent, outbox }
}

const record = (n: number, size = 100): Uint8Array => new Uint8Array(size).fill(n)
const nextTurn = async (): Promise<void> => { await new Promise(resolve => setImmediate(resolve)) }

describe('gossip outbox', () => {
  it('sends the records of one burst as bundles after the turn, per topic and in order', async () => {
    const { sent, outbox } = recorder()
    for (let i = 1; i <= 12; i++) outbox.enqueue(i % 2 === 0 ? 'b' : 'a', record(i))
    assert.equal(sent.length, 0)
    assert.equal(outbox.pending, 12)
    await outbox.flush()
    assert.deepEqual(sent, [
      { topic: 'a', records: [1, 3, 5, 7, 9, 11] },
      { topic: 'b', records: [2, 4, 6, 8, 10, 12] }
    ])
    assert.equal(outbox.pending, 0)
  })

  it('sends by itself once the event loop turns', async () => {
    const { sent, outbox } = recorder()
    outbox.enqueue('a', record(1))
    await nextTurn()
    await outbox.flush()
    assert.deepEqual(sent, [{ topic: 'a', records: [1] }])
  })

  it('splits a burst larger than a bundle', async () => {
    const { sent, outbox } = recorder()
    for (let i = 1; i <= 5; i++) outbox.enqueue('a', record(i, 400))
    await outbox.flush()
    assert.deepEqual(sent.map(s => s.records), [[1, 2], [3, 4], [5]])
  })

  it('goes on after a failed send', async () => {
    const { sent, outbox } = recorder(n => n === 1)
    for (let i = 1; i <= 3; i++) outbox.enqueue('a', record(i, 400))
    await outbox.flush()
    assert.deepEqual(sent.map(s => s.records), [[1, 2], [3]])
  })

  it('after a send, holds records for the linger time so a stream of adds shares bundles', async () => {
    const { sent, outbox } = recorder(undefined, 10_000)
    outbox.enqueue('a', record(1))
    await nextTurn() // the first record after a quiet spell leaves at once
    await outbox.flush()
    assert.deepEqual(sent.map(s => s.records), [[1]])
    outbox.enqueue('a', record(2))
    await nextTurn()
    outbox.enqueue('a', record(3))
    await nextTurn()
    assert.equal(sent.length, 1) // lingering: the last send is less than 10 s old
    assert.equal(outbox.pending, 2)
    await outbox.flush()
    assert.deepEqual(sent.map(s => s.records), [[1], [2, 3]])
    outbox.close()
  })

  it('waits the rest of the linger time after a send, and none after a quiet spell', () => {
    assert.equal(lingerDelay(100, 99, 2), 1)
    assert.equal(lingerDelay(100, 98, 2), 0)
    assert.equal(lingerDelay(100, 50, 2), 0)
    assert.equal(lingerDelay(100, Number.NEGATIVE_INFINITY, 2), 0)
  })

  it('drops a topic, or everything on close', async () => {
    const { sent, outbox } = recorder()
    outbox.enqueue('a', record(1))
    outbox.enqueue('b', record(2))
    outbox.drop('a')
    await outbox.flush()
    assert.deepEqual(sent, [{ topic: 'b', records: [2] }])
    outbox.enqueue('b', record(3))
    outbox.close()
    await nextTurn()
    await outbox.flush()
    assert.equal(sent.length, 1)
  })
})
