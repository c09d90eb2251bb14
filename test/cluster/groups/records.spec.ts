import assert from 'node:assert/strict'
import pWaitFor from 'p-wait-for'
import { createCluster, type Cluster } from '../../../node/cluster.ts'
import { admit } from './helpers.ts'

describe('cluster: group records', function () {
  this.timeout(60_000)
  let cluster: Cluster
  afterEach(async () => { await cluster?.stop() })

  it('a record added on one member reaches every member', async () => {
    cluster = await createCluster({ size: 3, transport: 'memory', storage: 'memory', config: { dht: { enabled: false } } })
    const [a, b, c] = cluster.nodes as [typeof cluster.nodes[0], typeof cluster.nodes[0], typeof cluster.nodes[0]]
    const group = await a.groups.create({ friendlyName: 'team' })
    await admit(a, b, group.groupId)
    await admit(a, c, group.groupId)
    await pWaitFor(async () => (await b.groups.status(group.groupId)).synchronized && (await c.groups.status(group.groupId)).synchronized, { timeout: 20_000 })
    const record = await a.groups.addRecord(group.groupId, { type: 'chat', data: new TextEncoder().encode('hello') })
    for (const node of [b, c]) {
      await pWaitFor(async () => (await node.groups.listRecords(group.groupId)).some(r => r.id === record.id), { timeout: 20_000 })
    }
    const got = await c.groups.getRecord(group.groupId, record.id)
    assert.equal(new TextDecoder().decode(got.data), 'hello')
    assert.equal(got.creator, a.peerId.toString())
  })

  it('a group with the smallest record size limit (1 KiB) still carries its own chains; larger app records are refused', async () => {
    cluster = await createCluster({ size: 2, transport: 'memory', storage: 'memory', config: { dht: { enabled: false } } })
    const [a, b] = cluster.nodes as [typeof cluster.nodes[0], typeof cluster.nodes[0]]
    const group = await a.groups.create({ friendlyName: 'small', maxRecordSize: 1024 })
    await admit(a, b, group.groupId)
    await pWaitFor(async () => (await b.groups.status(group.groupId)).synchronized, { timeout: 20_000 })
    await a.groups.addRecord(group.groupId, { type: 'chat', data: new Uint8Array(200) })
    await assert.rejects(a.groups.addRecord(group.groupId, { type: 'chat', data: new Uint8Array(2000) }), { code: 'MAX_RECORD_SIZE_EXCEEDED' })
  })
})
