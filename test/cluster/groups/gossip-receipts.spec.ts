import assert from 'node:assert/strict'
import pWaitFor from 'p-wait-for'
import { createCluster, type Cluster } from '../../../node/cluster.ts'
import type { PeerhoodNode } from '../../../node/types.ts'
import { admit } from './helpers.ts'

/** `peerhood_gossip_messages_received_total{status}` on a node's `/metrics`, 0 when absent. */
async function received (node: PeerhoodNode, status: string): Promise<number> {
  const line = (await node.metrics()).split('\n').find(l => l.startsWith(`peerhood_gossip_messages_received_total{status="${status}"}`))
  return line === undefined ? 0 : Number(line.slice(line.lastIndexOf(' ') + 1))
}

describe('groups: gossip receipts on /metrics', function () {
  this.timeout(90_000)
  let cluster: Cluster | undefined
  afterEach(async () => { await cluster?.stop() })

  it('counts new and duplicate gossip messages: in a triangle the two receivers forward to each other', async () => {
    cluster = await createCluster({ size: 3, transport: 'memory', storage: 'memory', topology: 'full', config: { dht: { enabled: false } } })
    const [creator, a, b] = cluster.nodes as [PeerhoodNode, PeerhoodNode, PeerhoodNode]
    const { groupId } = await creator.groups.create({ friendlyName: 'receipts' })
    await admit(creator, a, groupId)
    await admit(creator, b, groupId)
    for (const n of [a, b]) await pWaitFor(async () => (await n.groups.status(groupId)).synchronized, { timeout: 60_000 })
    // every record reaches a and b from the creator; once their meshes hold each other, each
    // forwards it on, and one of the two copies is a duplicate (until then records may not repeat)
    let sent = 0
    await pWaitFor(async () => {
      await creator.groups.addRecord(groupId, { type: 'note', data: new TextEncoder().encode(`note ${sent++}`) })
      return await received(a, 'duplicate') + await received(b, 'duplicate') > 0
    }, { timeout: 60_000, interval: 200 })
    assert.ok(await received(a, 'valid') > 0 && await received(b, 'valid') > 0)
    assert.equal(await received(a, 'invalid') + await received(b, 'invalid'), 0)
  })
})
