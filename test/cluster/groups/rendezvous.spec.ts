import assert from 'node:assert/strict'
import pWaitFor from 'p-wait-for'
import { createCluster, type Cluster } from '../../../node/cluster.ts'
import type { PeerhoodEvent } from '../../../node/events.ts'
import type { PeerhoodNode } from '../../../node/types.ts'
import { admit } from './helpers.ts'

describe('cluster: finding members', function () {
  this.timeout(60_000)
  let cluster: Cluster
  afterEach(async () => { await cluster?.stop() })

  it('finds a member through the DHT rendezvous when only a non-member is known', async () => {
    // a - relay - joiner: the joiner knows only the relay, which is no member
    cluster = await createCluster({ size: 3, topology: 'line', transport: 'memory', storage: 'memory', config: { dht: { enabled: true, mode: 'server' } } })
    const [a, relay, joiner] = cluster.nodes as [PeerhoodNode, PeerhoodNode, PeerhoodNode]
    const group = await a.groups.create({ friendlyName: 'team' })
    await admit(a, joiner, group.groupId)
    const cid = (await import('../../../protocols/peer-groups/rendezvous.ts')).rendezvousCid(group.groupId)
    await pWaitFor(async () => {
      try {
        for await (const p of relay.libp2p.contentRouting.findProviders(cid, { signal: AbortSignal.timeout(1000) })) if (p.id.equals(a.peerId)) return true
      } catch { /* a slow lookup on a loaded machine: ask again */ }
      return false
    }, { timeout: 20_000, interval: 200 })
    const members = await joiner.groups.connectGroup(group.groupId, { timeoutMs: 20_000 })
    assert.deepEqual(members.map(m => m.peerId), [a.peerId.toString()])
    await pWaitFor(async () => (await joiner.groups.status(group.groupId)).synchronized, { timeout: 20_000 })
  })

  it('reports NO_MEMBERS_FOUND when nobody can be reached', async () => {
    cluster = await createCluster({ size: 2, transport: 'memory', storage: 'memory', config: { dht: { enabled: false } } })
    const [a, lonely] = cluster.nodes as [PeerhoodNode, PeerhoodNode]
    const group = await a.groups.create({ friendlyName: 'team' })
    await admit(a, lonely, group.groupId)
    await a.stop()
    const failed: PeerhoodEvent[] = []
    lonely.events.subscribe({ types: ['group:connection-failed'] }, e => { failed.push(e) })
    await assert.rejects(lonely.groups.connectGroup(group.groupId, { timeoutMs: 1000 }), { code: 'NO_MEMBERS_FOUND' })
    assert.equal(failed[0]?.data.code, 'NO_MEMBERS_FOUND')
    assert.equal(failed[0]?.group, group.groupId)
  })
})
