import assert from 'node:assert/strict'
import pWaitFor from 'p-wait-for'
import { createCluster, type Cluster } from '../../../node/cluster.ts'
import type { PeerhoodNode } from '../../../node/types.ts'
import { GROUP_TOPIC_PREFIX, type GroupGossip, groupTopic } from '../../../protocols/group-gossip/index.ts'
import { GROUP_SCORE_THRESHOLDS } from '../../../protocols/group-gossip/score.ts'
import { admit } from './helpers.ts'
import { dialAddress, type Outsider, startOutsider } from './outsiders.ts'

const pubsubOf = (node: PeerhoodNode): GroupGossip => node.libp2p.services.pubsub as GroupGossip

/** Resolves after `n` more gossipsub heartbeats (scores are recomputed once per heartbeat). */
async function heartbeats (ps: GroupGossip, n: number): Promise<void> {
  await new Promise<void>(resolve => {
    let seen = 0
    const on = (): void => { if (++seen >= n) { ps.removeEventListener('gossipsub:heartbeat', on); resolve() } }
    ps.addEventListener('gossipsub:heartbeat', on)
  })
}

describe('cluster: outsiders on the members\' IP', function () {
  this.timeout(120_000)
  let cluster: Cluster | undefined
  let outsiders: Outsider[] = []
  afterEach(async () => {
    await Promise.allSettled(outsiders.map(async o => o.stop()))
    outsiders = []
    await cluster?.stop()
    cluster = undefined
  })

  it('twenty sybils on 127.0.0.1 do not push members below the graylist: records keep flowing', async () => {
    // IP colocation on, as on a real network: every member and sybil shares 127.0.0.1
    cluster = await createCluster({ size: 3, transport: 'tcp', storage: 'memory', api: false, config: { dht: { enabled: false } }, groups: () => ({ ipColocation: true }) })
    const [a, b, c] = cluster.nodes as [PeerhoodNode, PeerhoodNode, PeerhoodNode]
    const { groupId } = await a.groups.create({ friendlyName: 'team' })
    await admit(a, b, groupId)
    await admit(a, c, groupId)
    await pWaitFor(async () => (await b.groups.status(groupId)).synchronized && (await c.groups.status(groupId)).synchronized, { timeout: 30_000 })
    const topic = groupTopic(groupId)
    outsiders = await Promise.all(Array.from({ length: 20 }, async () => startOutsider()))
    for (const sybil of outsiders) {
      sybil.services.pubsub.subscribe(topic)
      for (const member of [a, b, c]) await dialAddress(sybil, member.status().addresses[0]!)
    }
    for (const member of [a, b, c]) await pWaitFor(() => pubsubOf(member).getPeers().length >= 22, { timeout: 30_000 })
    await Promise.all([a, b, c].map(async m => heartbeats(pubsubOf(m), 2)))
    const sent = await a.groups.addRecord(groupId, { type: 'chat', data: new Uint8Array([1]) })
    const reply = await c.groups.addRecord(groupId, { type: 'chat', data: new Uint8Array([2]) })
    const has = async (n: PeerhoodNode, id: string): Promise<boolean> => (await n.groups.listRecords(groupId)).some(r => r.id === id)
    await pWaitFor(async () => await has(b, sent.id) && await has(c, sent.id) && await has(a, reply.id) && await has(b, reply.id), { timeout: 30_000 })
    const graylist = GROUP_SCORE_THRESHOLDS.graylistThreshold!
    for (const [x, y] of [[a, b], [b, c], [c, a], [b, a]] as Array<[PeerhoodNode, PeerhoodNode]>) {
      assert.ok(pubsubOf(x).getScore(y.peerId.toString()) > graylist, `score of a member: ${pubsubOf(x).getScore(y.peerId.toString())}`)
    }

    // and after the sybils leave (gossipsub keeps a gone peer's IP and score for an hour)
    await Promise.all(outsiders.map(async o => o.stop()))
    outsiders = []
    const later = await b.groups.addRecord(groupId, { type: 'chat', data: new Uint8Array([3]) })
    await pWaitFor(async () => await has(a, later.id) && await has(c, later.id), { timeout: 30_000 })
  })

  it('holds a bounded number of an outsider\'s subscriptions under a 60,000-topic flood, and releases them when it leaves', async () => {
    cluster = await createCluster({ size: 1, transport: 'tcp', storage: 'memory', api: false, config: { dht: { enabled: false } } })
    const [a] = cluster.nodes as [PeerhoodNode]
    await a.groups.create({ friendlyName: 'team' })
    const outsider = await startOutsider()
    outsiders = [outsider]
    await dialAddress(outsider, a.status().addresses[0]!)
    const aId = a.peerId.toString()
    // biome-ignore lint/suspicious/noExplicitAny: the flood is sent through gossipsub's internal RPC sender
    const raw = outsider.services.pubsub as any
    await pWaitFor(() => raw.streamsOutbound.has(aId), { timeout: 20_000 })
    const gate = pubsubOf(a).gate
    const heapBefore = process.memoryUsage().heapUsed
    for (let batch = 0; batch < 60; batch++) {
      const topics = Array.from({ length: 1000 }, (_, i) => `${GROUP_TOPIC_PREFIX}made-up-${batch}-${i}-${'x'.repeat(32)}`)
      raw.sendSubscriptions(aId, topics, true)
    }
    raw.sendSubscriptions(aId, ['flood-done'], true)
    await pWaitFor(() => pubsubOf(a).getSubscribers('flood-done').some(p => p.equals(outsider.peerId)), { timeout: 60_000 })
    assert.ok(gate.heldCount <= 64, `held ${gate.heldCount}`)
    // loose: without the bound the gate alone kept tens of MiB for this flood
    assert.ok(process.memoryUsage().heapUsed - heapBefore < 48 * 1024 * 1024, `heap grew ${process.memoryUsage().heapUsed - heapBefore}`)
    await outsider.hangUp(a.peerId)
    await pWaitFor(() => gate.heldCount === 0 && gate.heldPeers === 0, { timeout: 20_000 })
  })
})
