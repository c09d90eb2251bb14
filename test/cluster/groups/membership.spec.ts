import assert from 'node:assert/strict'
import pWaitFor from 'p-wait-for'
import { createCluster, type Cluster } from '../../../node/cluster.ts'
import type { PeerhoodNode } from '../../../node/types.ts'
import { groupTopic } from '../../../protocols/group-gossip/topic.ts'
import { admit } from './helpers.ts'

const QUIET = { dht: { enabled: false } }

describe('cluster: group membership on connect', function () {
  this.timeout(60_000)
  let cluster: Cluster
  afterEach(async () => { await cluster?.stop() })

  async function threeNodes (): Promise<[PeerhoodNode, PeerhoodNode, PeerhoodNode]> {
    cluster = await createCluster({ size: 3, transport: 'memory', storage: 'memory', config: QUIET })
    return cluster.nodes as [PeerhoodNode, PeerhoodNode, PeerhoodNode]
  }

  it('members prove membership to each other and become synchronised; before that the group is not ready', async () => {
    const [a, b] = await threeNodes()
    const group = await a.groups.create({ friendlyName: 'team' })
    assert.equal((await a.groups.status(group.groupId)).synchronized, true)
    await a.libp2p.hangUp(b.peerId)
    await admit(a, b, group.groupId)
    assert.equal((await b.groups.status(group.groupId)).synchronized, false)
    await assert.rejects(b.groups.addRecord(group.groupId, { type: 'chat' }), { code: 'GROUP_NOT_READY' })
    await b.connect(a.status().addresses[0]!)
    await pWaitFor(async () => (await b.groups.status(group.groupId)).synchronized, { timeout: 20_000 })
    assert.deepEqual(b.groups.connectedMembers(group.groupId).map(m => m.peerId), [a.peerId.toString()])
    assert.deepEqual(a.groups.connectedMembers(group.groupId).map(m => m.peerId), [b.peerId.toString()])
    const members = await b.groups.members(group.groupId)
    assert.equal(members[0]!.peerId, b.peerId.toString())
    assert.ok(members.some(m => m.peerId === a.peerId.toString() && m.roles.includes('creator')))
  })

  it('a non-member that subscribes to the group topic receives nothing, and cannot sync', async () => {
    const [a, b, outsider] = await threeNodes()
    const group = await a.groups.create({ friendlyName: 'private' })
    await admit(a, b, group.groupId)
    await pWaitFor(async () => (await b.groups.status(group.groupId)).synchronized, { timeout: 20_000 })
    const topic = groupTopic(group.groupId)
    const outsiderPubsub = outsider.libp2p.services.pubsub as any
    let leaked = 0
    outsiderPubsub.addEventListener('message', (evt: CustomEvent<{ topic: string }>) => { if (evt.detail.topic === topic) leaked++ })
    outsiderPubsub.subscribe(topic)
    const aPubsub = a.libp2p.services.pubsub as any
    await pWaitFor(() => aPubsub.gate.heldCount > 0, { timeout: 10_000 })
    const first = await a.groups.addRecord(group.groupId, { type: 'chat', data: new Uint8Array([1]) })
    const second = await a.groups.addRecord(group.groupId, { type: 'chat', data: new Uint8Array([2]) })
    await pWaitFor(async () => {
      const ids = (await b.groups.listRecords(group.groupId)).map(r => r.id)
      return ids.includes(first.id) && ids.includes(second.id)
    }, { timeout: 20_000 })
    assert.equal(leaked, 0)
    assert.ok(!aPubsub.getSubscribers(topic).map(String).includes(outsider.peerId.toString()))
    await assert.rejects((outsider.libp2p.services.sync as any).sync(a.peerId, group.groupId), { code: 'NOT_A_MEMBER' })
  })
})
