import assert from 'node:assert/strict'
import pWaitFor from 'p-wait-for'
import { TopicValidatorResult } from '@libp2p/gossipsub'
import { createCluster, type Cluster } from '../../../node/cluster.ts'
import type { GroupGossip } from '../../../protocols/group-gossip/index.ts'
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

  it('says when gossipsub accepted a message it no longer held (not forwarded), and counts it on /metrics', async () => {
    cluster = await createCluster({ size: 1, transport: 'memory', storage: 'memory', config: { dht: { enabled: false } } })
    const [node] = cluster.nodes as [PeerhoodNode]
    const pubsub = node.libp2p.services.pubsub as GroupGossip
    // gossipsub's cache holds no such message: the accept forwards nothing (what a late verdict meets)
    assert.equal(pubsub.reportMessageValidationResult('not-in-the-cache', node.peerId.toString(), TopicValidatorResult.Accept), false)
    assert.equal(pubsub.reportMessageValidationResult('not-in-the-cache', node.peerId.toString(), TopicValidatorResult.Ignore), true)
    const line = (await node.metrics()).split('\n').find(l => l.startsWith('peerhood_gossip_forwards_late_total '))
    assert.equal(line, 'peerhood_gossip_forwards_late_total 1')
  })
})
