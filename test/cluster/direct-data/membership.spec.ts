import assert from 'node:assert/strict'
import pWaitFor from 'p-wait-for'
import type { PeerhoodError } from '../../../protocols/common/errors.ts'
import { neighbourConnectionId } from '../../../protocols/direct-data/index.ts'
import { bytesOf, changes, joinGroup, rejectsWith, startNode, type TestNode } from './nodes.ts'

describe('direct data only between proven members (three nodes, memory transport)', function () {
  this.timeout(60_000)
  let a: TestNode
  let b: TestNode
  let c: TestNode

  beforeEach(async () => {
    [a, b, c] = await Promise.all([startNode('a'), startNode('b'), startNode('c')])
    await joinGroup('g', a, b)
    await joinGroup('g', a, c)
  })

  afterEach(async () => {
    await Promise.all([a, b, c].map(async t => t?.node.stop()))
  })

  it('a peer that does not hold the opener as a member refuses: CONNECTION_FAILED and a failed event; it reports nothing', async () => {
    b.members.get('g')!.delete(a.peerId)
    const err = await rejectsWith(a.direct.open('g', b.peerId), 'CONNECTION_FAILED') as PeerhoodError
    assert.equal(err.details?.reason, 'NOT_A_MEMBER')
    assert.deepEqual(a.changes.map(e => [e.status, e.peerId, e.reason]), [['failed', b.peerId, 'NOT_A_MEMBER']])
    assert.equal(a.changes[0]!.connectionId, err.details?.connectionId)
    assert.deepEqual([a.direct.list(), b.direct.list(), b.changes, b.incoming], [[], [], [], []])
  })

  it('a responder that left the group refuses too', async () => {
    b.local.delete('g')
    await rejectsWith(a.direct.open('g', b.peerId), 'CONNECTION_FAILED')
    assert.equal(changes(a, 'failed')[0]!.reason, 'NOT_A_MEMBER')
    assert.deepEqual(b.changes, [])
  })

  it('the opener checks membership locally first: NOT_A_MEMBER, no event', async () => {
    await rejectsWith(a.direct.open('other', b.peerId), 'NOT_A_MEMBER')
    a.members.get('g')!.delete(b.peerId)
    await rejectsWith(a.direct.open('g', b.peerId), 'NOT_A_MEMBER')
    await rejectsWith(a.direct.sendToNeighbour('g', b.peerId, { type: 't', data: bytesOf(1) }), 'NOT_A_MEMBER')
    assert.deepEqual([a.changes, b.changes], [[], []])
  })

  it('revoke closes the revoked peer\'s connections in that group only', async () => {
    const toB = await a.direct.open('g', b.peerId)
    const toC = await a.direct.open('g', c.peerId)
    await pWaitFor(() => changes(b, 'connected').length === 1 && changes(c, 'connected').length === 1)
    a.members.get('g')!.delete(b.peerId)
    assert.equal(a.direct.revoke('g', b.peerId), 1)
    assert.deepEqual(changes(a, 'disconnected').map(e => [e.connectionId, e.reason]), [[toB.connectionId, 'revoked']])
    await pWaitFor(() => changes(b, 'disconnected').length === 1)
    assert.deepEqual(a.direct.list().map(i => i.connectionId), [toC.connectionId])
    await a.direct.send('g', toC.connectionId, { type: 'still', data: bytesOf(2) })
    await pWaitFor(() => c.incoming.length === 1)
    assert.equal(changes(c, 'disconnected').length, 0)
  })

  it('a member whose proof lapses cannot send: its frames close the connection', async () => {
    await a.direct.open('g', b.peerId)
    await pWaitFor(() => changes(b, 'connected').length === 1)
    const back = changes(b, 'connected')[0]!.connectionId
    a.members.get('g')!.delete(b.peerId)
    await b.direct.send('g', back, { type: 'late', data: bytesOf(2) })
    await pWaitFor(() => changes(a, 'disconnected').length === 1 && changes(b, 'disconnected').length === 1)
    assert.equal(changes(a, 'disconnected')[0]!.reason, 'revoked')
    assert.deepEqual(a.incoming, [])
  })

  it('neighbour data: delivered over the existing connection with connectionId neighbour:<peerId>', async () => {
    await a.direct.sendToNeighbour('g', b.peerId, { type: 'hello', data: bytesOf(100) })
    assert.deepEqual(b.incoming, [{ groupId: 'g', connectionId: neighbourConnectionId(a.peerId), peerId: a.peerId, type: 'hello', data: bytesOf(100) }])
    assert.equal(neighbourConnectionId(a.peerId), `neighbour:${a.peerId}`)
    assert.deepEqual([a.direct.list(), b.direct.list(), a.changes, b.changes], [[], [], [], []])
  })

  it('neighbour data to a peer that does not hold the sender as a member is refused', async () => {
    b.members.get('g')!.delete(a.peerId)
    const err = await rejectsWith(a.direct.sendToNeighbour('g', b.peerId, { type: 'hello', data: bytesOf(1) }), 'CONNECTION_FAILED') as PeerhoodError
    assert.equal(err.details?.reason, 'NOT_A_MEMBER')
    assert.deepEqual(b.incoming, [])
  })

  it('neighbour data needs an existing connection: CONNECTION_NOT_FOUND', async () => {
    await joinGroup('h', b, c)
    await b.node.hangUp(c.node.peerId)
    await rejectsWith(b.direct.sendToNeighbour('h', c.peerId, { type: 't', data: bytesOf(1) }), 'CONNECTION_NOT_FOUND')
  })
})
