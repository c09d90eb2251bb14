import assert from 'node:assert/strict'
import pWaitFor from 'p-wait-for'
import { createCluster, type Cluster } from '../../../node/cluster.ts'
import type { PeerhoodNode } from '../../../node/types.ts'
import { encodeBundle } from '../../../protocols/group-gossip/bundle.ts'
import { groupTopic } from '../../../protocols/group-gossip/topic.ts'
import { GROUP_SCORE_THRESHOLDS } from '../../../protocols/group-gossip/score.ts'
import { admit } from './helpers.ts'

describe('cluster: a member that floods forged records', function () {
  this.timeout(60_000)
  let cluster: Cluster
  afterEach(async () => { await cluster?.stop() })

  it('loses peer score, is graylisted and pushed out of the mesh; its forgeries are never stored', async () => {
    cluster = await createCluster({ size: 2, transport: 'memory', storage: 'memory', config: { dht: { enabled: false } } })
    const [a, forger] = cluster.nodes as [PeerhoodNode, PeerhoodNode]
    const group = await a.groups.create({ friendlyName: 'team' })
    await admit(a, forger, group.groupId)
    await pWaitFor(async () => (await forger.groups.status(group.groupId)).synchronized, { timeout: 20_000 })
    const topic = groupTopic(group.groupId)
    const aPubsub = a.libp2p.services.pubsub as any
    const forgerPubsub = forger.libp2p.services.pubsub as any
    await pWaitFor(() => aPubsub.getMeshPeers(topic).includes(forger.peerId.toString()), { timeout: 20_000 })

    // a genuine record of the forger, re-signed badly: same body, broken signature
    const genuine = await forger.groups.addRecord(group.groupId, { type: 'chat', data: new Uint8Array([1]) })
    await pWaitFor(async () => (await a.groups.listRecords(group.groupId)).some(r => r.id === genuine.id), { timeout: 20_000 })
    const forgedIds: string[] = []
    for (let i = 0; i < 5; i++) {
      const sent = await forger.groups.addRecord(group.groupId, { type: 'chat', data: new Uint8Array([2, i]) })
      forgedIds.push(sent.id)
    }
    // the honest copies went out already; now flood tampered versions of new records
    const { encodeRecord, decodeRecord } = await import('../../../protocols/records/codec.ts')
    const store = (forger.libp2p.services.groups as any).records
    for (const id of forgedIds) {
      const found = await store.get(group.groupId, id)
      const signature = Uint8Array.from(found.signature)
      signature[0] = signature[0]! ^ 0xff
      const body = Uint8Array.from(found.body)
      body[body.length - 1] = body[body.length - 1]! ^ 0x01
      const bytes = encodeRecord({ body, signature })
      assert.equal(decodeRecord(bytes).record.id, id)
      await forgerPubsub.publish(topic, encodeBundle([bytes]))
    }
    const threshold = GROUP_SCORE_THRESHOLDS.graylistThreshold!
    await pWaitFor(() => aPubsub.getScore(forger.peerId.toString()) < threshold, { timeout: 20_000 })
    await pWaitFor(() => !aPubsub.getMeshPeers(topic).includes(forger.peerId.toString()), { timeout: 20_000 })
    for (const id of forgedIds) {
      const stored = await a.groups.getRecord(group.groupId, id).catch(() => undefined)
      if (stored !== undefined) assert.equal(stored.modifier, forger.peerId.toString())
      if (stored !== undefined) assert.equal(stored.data[0], 2)
    }
    const counters = (a.libp2p.services.groups as any).counters.entries()
    assert.ok(counters.some((c: any) => c.action === 'reject' && c.count >= 5), JSON.stringify(counters))
  })
})
