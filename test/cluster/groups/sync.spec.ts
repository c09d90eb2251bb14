import assert from 'node:assert/strict'
import pWaitFor from 'p-wait-for'
import { createCluster, type Cluster } from '../../../node/cluster.ts'
import { groupTopic } from '../../../protocols/group-gossip/topic.ts'
import type { PeerhoodEvent } from '../../../node/events.ts'
import type { PeerhoodNode } from '../../../node/types.ts'
import { admit } from './helpers.ts'

async function ids (node: PeerhoodNode, groupId: string): Promise<string[]> {
  return (await node.groups.listRecords(groupId)).map(r => r.id).sort()
}

async function connected (a: PeerhoodNode, b: PeerhoodNode, groupId: string): Promise<void> {
  await a.connect(b.status().addresses[0]!)
  await pWaitFor(() => a.groups.connectedMembers(groupId).some(m => m.peerId === b.peerId.toString()), { timeout: 20_000 })
}

describe('cluster: group sync on connect', function () {
  this.timeout(60_000)
  let cluster: Cluster
  afterEach(async () => { await cluster?.stop() })

  it('an offline member catches up on reconnect and receives only the missing records', async () => {
    // the partition lasts until the test heals it (no automatic reconnection)
    cluster = await createCluster({ size: 2, transport: 'memory', storage: 'memory', config: { dht: { enabled: false }, groups: { reconnect: false } } })
    const [a, b] = cluster.nodes as [PeerhoodNode, PeerhoodNode]
    const group = await a.groups.create({ friendlyName: 'team' })
    await admit(a, b, group.groupId)
    await pWaitFor(async () => (await b.groups.status(group.groupId)).synchronized, { timeout: 20_000 })
    for (let i = 0; i < 20; i++) await a.groups.addRecord(group.groupId, { type: 'note', data: new Uint8Array([i]) })
    await pWaitFor(async () => (await ids(b, group.groupId)).length === 20, { timeout: 20_000 })

    await a.libp2p.hangUp(b.peerId)
    await pWaitFor(() => a.groups.connectedMembers(group.groupId).length === 0)
    for (let i = 0; i < 7; i++) await a.groups.addRecord(group.groupId, { type: 'note', data: new Uint8Array([100 + i]) })

    const completed: PeerhoodEvent[] = []
    a.events.subscribe({ types: ['sync:completed'] }, e => { completed.push(e) })
    b.events.subscribe({ types: ['sync:completed'] }, e => { completed.push(e) })
    await connected(b, a, group.groupId)
    await pWaitFor(async () => (await ids(b, group.groupId)).length === 27, { timeout: 20_000 })
    assert.deepEqual(await ids(b, group.groupId), await ids(a, group.groupId))
    await pWaitFor(() => completed.length > 0)
    // the initiator received (or pushed) exactly the 7 records it lacked, not the 20 it had
    const moved = completed.reduce((n, e) => n + (e.data.recordsReceived as number) + (e.data.recordsSent as number), 0)
    assert.equal(moved, 7)
  })

  it('a record gossip never brought reaches a connected member by the time-based solicitation', async () => {
    cluster = await createCluster({ size: 2, transport: 'memory', storage: 'memory', config: { dht: { enabled: false }, groups: { reconnect: false, resyncInterval: 200 } } })
    const [a, b] = cluster.nodes as [PeerhoodNode, PeerhoodNode]
    const group = await a.groups.create({ friendlyName: 'team' })
    await admit(a, b, group.groupId)
    await pWaitFor(async () => (await b.groups.status(group.groupId)).synchronized, { timeout: 20_000 })
    // b stops listening to the group's gossip but stays connected and proven: what a gossip
    // message dropped on the way looks like to b, for every record from now on
    const topic = groupTopic(group.groupId)
    const pubsub = b.libp2p.services.pubsub as unknown as { unsubscribe: (topic: string) => void, getSubscribers: (topic: string) => unknown[] }
    pubsub.unsubscribe(topic)
    await pWaitFor(() => (a.libp2p.services.pubsub as unknown as typeof pubsub).getSubscribers(topic).length === 0, { timeout: 20_000 })
    const record = await a.groups.addRecord(group.groupId, { type: 'note', data: new Uint8Array([7]) })
    await pWaitFor(async () => (await ids(b, group.groupId)).includes(record.id), { timeout: 20_000 })
    assert.equal(a.groups.connectedMembers(group.groupId).length, 1)
  })

  it('concurrent updates on both sides of a partition converge after the partition heals', async () => {
    // the partition lasts until the test heals it (no automatic reconnection)
    cluster = await createCluster({ size: 3, transport: 'memory', storage: 'memory', config: { dht: { enabled: false }, groups: { reconnect: false } } })
    const [a, b, c] = cluster.nodes as [PeerhoodNode, PeerhoodNode, PeerhoodNode]
    const group = await a.groups.create({ friendlyName: 'team' })
    await admit(a, b, group.groupId, ['administrator'])
    await admit(a, c, group.groupId)
    await pWaitFor(async () => (await b.groups.status(group.groupId)).synchronized && (await c.groups.status(group.groupId)).synchronized, { timeout: 20_000 })
    const shared = await a.groups.addRecord(group.groupId, { type: 'doc', data: new TextEncoder().encode('v1') })
    await pWaitFor(async () => (await ids(b, group.groupId)).includes(shared.id) && (await ids(c, group.groupId)).includes(shared.id), { timeout: 20_000 })

    // partition: {a, c} | {b}
    await a.libp2p.hangUp(b.peerId)
    await c.libp2p.hangUp(b.peerId)
    await pWaitFor(() => b.groups.connectedMembers(group.groupId).length === 0)
    await a.groups.updateRecord(group.groupId, shared.id, { data: new TextEncoder().encode('from-a') })
    await b.groups.updateRecord(group.groupId, shared.id, { data: new TextEncoder().encode('from-b') })
    const onlyA = await a.groups.addRecord(group.groupId, { type: 'doc' })
    const onlyB = await b.groups.addRecord(group.groupId, { type: 'doc' })

    await connected(b, a, group.groupId)
    await connected(b, c, group.groupId)
    const view = async (n: PeerhoodNode) => {
      const r = await n.groups.getRecord(group.groupId, shared.id)
      return `${r.version}:${r.modifier}:${new TextDecoder().decode(r.data)}`
    }
    await pWaitFor(async () => {
      const all = await Promise.all([a, b, c].map(async n => (await ids(n, group.groupId)).join()))
      const views = await Promise.all([a, b, c].map(view))
      return new Set(all).size === 1 && new Set(views).size === 1 && all[0]!.includes(onlyA.id) && all[0]!.includes(onlyB.id)
    }, { timeout: 20_000 })
  })
})
