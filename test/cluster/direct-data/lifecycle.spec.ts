import assert from 'node:assert/strict'
import pWaitFor from 'p-wait-for'
import type { PeerhoodError } from '../../../protocols/common/errors.ts'
import { DIRECT_PROTOCOL } from '../../../protocols/direct-data/index.ts'
import { bytesOf, changes, joinGroup, rejectsWith, startNode, type TestNode } from './nodes.ts'

describe('direct connection life cycle (memory transport)', function () {
  this.timeout(60_000)
  const started: TestNode[] = []

  async function node (name: string, init: Parameters<typeof startNode>[1] = {}): Promise<TestNode> {
    const t = await startNode(name, init)
    started.push(t)
    return t
  }

  afterEach(async () => {
    await Promise.all(started.splice(0).map(async t => t.node.stop()))
  })

  it('the remote node stops: the connection ends with a disconnected event', async () => {
    const [a, b] = [await node('a'), await node('b')]
    await joinGroup('g', a, b)
    const { connectionId } = await a.direct.open('g', b.peerId)
    await pWaitFor(() => changes(b, 'connected').length === 1)
    await b.node.stop()
    await pWaitFor(() => changes(a, 'disconnected').length === 1)
    assert.equal(changes(a, 'disconnected')[0]!.connectionId, connectionId)
    assert.equal(changes(b, 'disconnected')[0]!.reason, 'stopped')
    assert.deepEqual(a.direct.list(), [])
    await rejectsWith(a.direct.send('g', connectionId, { type: 't', data: bytesOf(1) }), 'CONNECTION_NOT_FOUND')
  })

  it('the libp2p connection drops: both sides report disconnected', async () => {
    const [a, b] = [await node('a'), await node('b')]
    await joinGroup('g', a, b)
    await a.direct.open('g', b.peerId)
    await a.direct.open('g', b.peerId)
    await pWaitFor(() => changes(b, 'connected').length === 2)
    await a.node.hangUp(b.node.peerId)
    await pWaitFor(() => changes(a, 'disconnected').length === 2 && changes(b, 'disconnected').length === 2)
    for (const e of [...changes(a, 'disconnected'), ...changes(b, 'disconnected')]) assert.ok(['connection-lost', 'reset', 'remote-close'].includes(e.reason!), e.reason)
    assert.deepEqual([a.direct.list(), b.direct.list()], [[], []])
  })

  it('stopping the service closes every connection', async () => {
    const [a, b] = [await node('a'), await node('b')]
    await joinGroup('g', a, b)
    await a.direct.open('g', b.peerId)
    await b.direct.open('g', a.peerId)
    await a.node.stop()
    assert.deepEqual(changes(a, 'disconnected').map(e => e.reason), ['stopped', 'stopped'])
    await pWaitFor(() => changes(b, 'disconnected').length === 2)
    await rejectsWith(a.direct.open('g', b.peerId), 'NOT_STARTED')
  })

  it('limits direct connections: locally MAX_CONNECTIONS_EXCEEDED, remotely a refusal', async () => {
    const [a, b] = [await node('a', { maxConnections: 1 }), await node('b', { maxConnections: 1 })]
    const c = await node('c')
    await joinGroup('g', a, b)
    await joinGroup('g', c, b)
    await a.direct.open('g', b.peerId)
    await rejectsWith(a.direct.open('g', b.peerId), 'MAX_CONNECTIONS_EXCEEDED')
    const err = await rejectsWith(c.direct.open('g', b.peerId), 'CONNECTION_FAILED') as PeerhoodError
    assert.equal(err.details?.reason, 'MAX_CONNECTIONS_EXCEEDED')
    assert.equal(changes(c, 'failed').length, 1)
    // neighbour messages take no slot
    await c.direct.sendToNeighbour('g', b.peerId, { type: 'n', data: bytesOf(1) })
    await pWaitFor(() => b.incoming.length === 1)
  })

  it('an unanswered open fails with TIMEOUT; a peer without the protocol with UNREACHABLE', async () => {
    const a = await node('a', { openTimeoutMs: 300 })
    const [b, c] = [await node('b'), await node('c')]
    await joinGroup('g', a, b)
    await joinGroup('g', a, c)
    // b speaks the protocol but never answers; c does not speak it at all
    await b.node.unhandle(DIRECT_PROTOCOL)
    await b.node.handle(DIRECT_PROTOCOL, () => {})
    await c.node.unhandle(DIRECT_PROTOCOL)
    const slow = await rejectsWith(a.direct.open('g', b.peerId), 'CONNECTION_FAILED') as PeerhoodError
    const none = await rejectsWith(a.direct.open('g', c.peerId), 'CONNECTION_FAILED') as PeerhoodError
    assert.deepEqual([slow.details?.reason, none.details?.reason], ['TIMEOUT', 'UNREACHABLE'])
    assert.deepEqual(changes(a, 'failed').map(e => e.reason), ['TIMEOUT', 'UNREACHABLE'])
    assert.deepEqual(a.direct.list(), [])
  })
})
