import assert from 'node:assert/strict'
import pWaitFor from 'p-wait-for'
import { createCluster, type Cluster } from '../../../node/cluster.ts'
import type { PeerhoodEvent } from '../../../node/events.ts'
import type { PeerhoodNode } from '../../../node/types.ts'
import { admit } from './helpers.ts'

describe('cluster: direct connections and data between members', function () {
  this.timeout(60_000)
  let cluster: Cluster
  afterEach(async () => { await cluster?.stop() })

  it('opens a direct connection, sends typed data both ways, closes; only between proven members', async () => {
    cluster = await createCluster({ size: 3, transport: 'memory', storage: 'memory', config: { dht: { enabled: false } } })
    const [a, b, outsider] = cluster.nodes as [PeerhoodNode, PeerhoodNode, PeerhoodNode]
    const group = await a.groups.create({ friendlyName: 'team' })
    await admit(a, b, group.groupId)
    await pWaitFor(() => a.groups.connectedMembers(group.groupId).length === 1 && b.groups.connectedMembers(group.groupId).length === 1, { timeout: 20_000 })
    const atA: PeerhoodEvent[] = []
    const atB: PeerhoodEvent[] = []
    a.events.subscribe({ group: group.groupId, types: ['data:incoming', 'direct:changed'] }, e => { atA.push(e) })
    b.events.subscribe({ group: group.groupId, types: ['data:incoming', 'direct:changed'] }, e => { atB.push(e) })

    const conn = await a.groups.openConnection(group.groupId, b.peerId.toString())
    await pWaitFor(() => atB.some(e => e.type === 'direct:changed' && e.data.status === 'connected'))
    await a.groups.sendData(group.groupId, { connectionId: conn.connectionId }, { type: 'whisper', data: new TextEncoder().encode('hi b') })
    await pWaitFor(() => atB.some(e => e.type === 'data:incoming'))
    const incoming = atB.find(e => e.type === 'data:incoming')!
    assert.equal(incoming.data.type, 'whisper')
    assert.equal(Buffer.from(incoming.data.data as string, 'base64').toString(), 'hi b')
    assert.equal(incoming.data.peerId, a.peerId.toString())
    const bConn = b.groups.connections(group.groupId).find(c => c.kind === 'direct')!
    await b.groups.sendData(group.groupId, { connectionId: bConn.connectionId }, { type: 'whisper', data: new TextEncoder().encode('hi a') })
    await pWaitFor(() => atA.some(e => e.type === 'data:incoming'))
    // neighbour data without a direct connection
    await b.groups.sendData(group.groupId, { peerId: a.peerId.toString() }, { type: 'ping', data: new Uint8Array([1]) })
    await pWaitFor(() => atA.some(e => e.type === 'data:incoming' && e.data.type === 'ping'))

    await a.groups.closeConnection(group.groupId, conn.connectionId)
    await pWaitFor(() => atB.some(e => e.type === 'direct:changed' && e.data.status === 'disconnected'))
    await assert.rejects(a.groups.closeConnection(group.groupId, conn.connectionId), { code: 'CONNECTION_NOT_FOUND' })
    await assert.rejects(a.groups.sendData(group.groupId, { connectionId: 'ffffffffffffffff' }, { type: 'x', data: new Uint8Array() }), { code: 'CONNECTION_NOT_FOUND' })
    await assert.rejects(a.groups.openConnection(group.groupId, a.peerId.toString()), { code: 'CONNECT_SELF' })
    await assert.rejects(a.groups.openConnection(group.groupId, outsider.peerId.toString()), (err: any) => ['NOT_A_MEMBER', 'CONNECTION_FAILED'].includes(err.code))
    await assert.rejects(a.groups.sendData(group.groupId, { peerId: b.peerId.toString() }, { type: 'big', data: new Uint8Array(64 * 1024 + 1) }), { code: 'MAX_DATA_SIZE_EXCEEDED' })
  })
})
