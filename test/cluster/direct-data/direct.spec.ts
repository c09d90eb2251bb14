import assert from 'node:assert/strict'
import pWaitFor from 'p-wait-for'
import { MAX_DATA_BYTES } from '../../../protocols/direct-data/index.ts'
import { bytesOf, changes, joinGroup, rejectsWith, startNode, type TestNode } from './nodes.ts'

/** Opens a → b and sends a 64 KiB message and a burst of 1000 × 1 KiB one way, two small ones back. */
async function exchange (a: TestNode, b: TestNode): Promise<void> {
  const { connectionId } = await a.direct.open('g', b.peerId)
  await pWaitFor(() => changes(b, 'connected').length === 1)
  const back = changes(b, 'connected')[0]!.connectionId
  const big = bytesOf(MAX_DATA_BYTES, 7)
  await a.direct.send('g', connectionId, { type: 'chat.whisper', data: big })
  // a burst sent without waiting in between: far more than yamux's 256 KiB window
  const burst = Array.from({ length: 1000 }, (_, i) => bytesOf(1024, i))
  await Promise.all(burst.map(async (data, i) => { await a.direct.send('g', connectionId, { type: `seq:${i % 3}`, data }) }))
  await b.direct.send('g', back, { type: '{6e8b0c1a-1f2d-4c3b-9a8e-0123456789ab}', data: bytesOf(10) })
  await b.direct.send('g', back, { type: 'empty', data: new Uint8Array(0) })
  await pWaitFor(() => b.incoming.length === 1001 && a.incoming.length === 2)
  assert.deepEqual(b.incoming[0], { groupId: 'g', connectionId: back, peerId: a.peerId, type: 'chat.whisper', data: big })
  for (let i = 0; i < 1000; i++) {
    const got = b.incoming[i + 1]!
    assert.equal(got.type, `seq:${i % 3}`)
    assert.deepEqual(got.data, burst[i], `message ${i}`)
  }
  assert.deepEqual(a.incoming.map(m => [m.connectionId, m.peerId, m.type, m.data.byteLength]), [
    [connectionId, b.peerId, '{6e8b0c1a-1f2d-4c3b-9a8e-0123456789ab}', 10],
    [connectionId, b.peerId, 'empty', 0]
  ])
}

describe('direct connections between two members (memory transport)', function () {
  this.timeout(60_000)
  let a: TestNode
  let b: TestNode

  beforeEach(async () => {
    a = await startNode('a')
    b = await startNode('b')
    await joinGroup('g', a, b)
  })

  afterEach(async () => {
    await Promise.all([a?.node.stop(), b?.node.stop()])
  })

  it('opens: both sides report connected and list it', async () => {
    const info = await a.direct.open('g', b.node.peerId)
    assert.match(info.connectionId, /^[0-9a-f]{16}$/)
    assert.deepEqual(changes(a, 'connected'), [{ groupId: 'g', connectionId: info.connectionId, peerId: b.peerId, direction: 'outbound', status: 'connected' }])
    await pWaitFor(() => changes(b, 'connected').length === 1)
    const remote = changes(b, 'connected')[0]!
    assert.equal(remote.peerId, a.peerId)
    assert.equal(remote.direction, 'inbound')
    assert.deepEqual(a.direct.list().map(c => [c.connectionId, c.peerId, c.direction]), [[info.connectionId, b.peerId, 'outbound']])
    assert.deepEqual(b.direct.list('g').map(c => [c.connectionId, c.peerId, c.direction]), [[remote.connectionId, a.peerId, 'inbound']])
    assert.deepEqual(b.direct.list('other'), [])
    assert.ok(info.openedAt > 0)
  })

  it('carries typed data both ways, in order and intact (64 KiB payload, 1000-message burst)', async () => {
    await exchange(a, b)
  })

  it('the same over TCP on 127.0.0.1, where the burst outruns the yamux window and waits for drain', async () => {
    const [x, y] = await Promise.all([startNode('x', {}, 'tcp'), startNode('y', {}, 'tcp')])
    try {
      await joinGroup('g', x, y)
      await exchange(x, y)
    } finally {
      await Promise.all([x.node.stop(), y.node.stop()])
    }
  })

  it('close: both sides report disconnected; the id is gone', async () => {
    const { connectionId } = await a.direct.open('g', b.peerId)
    await pWaitFor(() => changes(b, 'connected').length === 1)
    await a.direct.close('g', connectionId)
    assert.deepEqual(changes(a, 'disconnected').map(c => [c.connectionId, c.reason]), [[connectionId, 'local-close']])
    await pWaitFor(() => changes(b, 'disconnected').length === 1)
    assert.equal(changes(b, 'disconnected')[0]!.reason, 'remote-close')
    assert.deepEqual([a.direct.list(), b.direct.list()], [[], []])
    await rejectsWith(a.direct.send('g', connectionId, { type: 't', data: bytesOf(1) }), 'CONNECTION_NOT_FOUND')
    await rejectsWith(a.direct.close('g', connectionId), 'CONNECTION_NOT_FOUND')
  })

  it('refuses to open a connection to itself: CONNECT_SELF', async () => {
    await rejectsWith(a.direct.open('g', a.node.peerId), 'CONNECT_SELF')
    await rejectsWith(a.direct.sendToNeighbour('g', a.peerId, { type: 't', data: bytesOf(1) }), 'CONNECT_SELF')
    assert.deepEqual(a.changes, [])
  })

  it('unknown connection ids: CONNECTION_NOT_FOUND on send and close (also under another group)', async () => {
    await rejectsWith(a.direct.send('g', '0123456789abcdef', { type: 't', data: bytesOf(1) }), 'CONNECTION_NOT_FOUND')
    await rejectsWith(a.direct.close('g', 'nope'), 'CONNECTION_NOT_FOUND')
    const { connectionId } = await a.direct.open('g', b.peerId)
    a.local.add('h')
    await rejectsWith(a.direct.send('h', connectionId, { type: 't', data: bytesOf(1) }), 'CONNECTION_NOT_FOUND')
    await rejectsWith(a.direct.close('h', connectionId), 'CONNECTION_NOT_FOUND')
  })

  it('refuses oversize data and bad types with a code, and sends nothing', async () => {
    const { connectionId } = await a.direct.open('g', b.peerId)
    await rejectsWith(a.direct.send('g', connectionId, { type: 't', data: bytesOf(MAX_DATA_BYTES + 1) }), 'MAX_DATA_SIZE_EXCEEDED')
    await rejectsWith(a.direct.send('g', connectionId, { type: 'no spaces', data: bytesOf(1) }), 'INVALID_ARGUMENT')
    await rejectsWith(a.direct.send('g', connectionId, { type: 'x'.repeat(129), data: bytesOf(1) }), 'INVALID_ARGUMENT')
    await rejectsWith(a.direct.sendToNeighbour('g', b.peerId, { type: 't', data: bytesOf(MAX_DATA_BYTES + 1) }), 'MAX_DATA_SIZE_EXCEEDED')
    await a.direct.send('g', connectionId, { type: 'after', data: bytesOf(3) })
    await pWaitFor(() => b.incoming.length === 1)
    assert.equal(b.incoming[0]!.type, 'after')
    assert.equal(changes(b, 'disconnected').length, 0)
  })
})
