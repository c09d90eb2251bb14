/**
 * Issue 15, point 4, through real nodes: a member squats another member's record ids (ids bearing
 * the other's creator tag, which the other would draw) on gossip and on sync; the honest member
 * stores neither. Only wire bytes and public APIs, plus the attacker's own store and key.
 */
import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import pWaitFor from 'p-wait-for'
import type { PrivateKey } from '@libp2p/interface'
import type { Datastore } from 'interface-datastore'
import { createCluster, type Cluster } from '../../../node/cluster.ts'
import type { PeerhoodNode } from '../../../node/types.ts'
import { encodeBundle } from '../../../protocols/group-gossip/bundle.ts'
import { groupTopic } from '../../../protocols/group-gossip/topic.ts'
import { decodeRecord, encodeRecord, encodeRecordBody, recordHash } from '../../../protocols/records/codec.ts'
import { boundRecordId } from '../../../protocols/records/record-id.ts'
import { signRecord } from '../../../protocols/records/sign.ts'
import { expiryKey, recordKey } from '../../../protocols/records/store-keys.ts'
import type { RecordStore } from '../../../protocols/records/store.ts'
import type { GroupRecord } from '../../../protocols/records/types.ts'
import { admit } from '../groups/helpers.ts'

interface GroupsInternals {
  counters: { entries: () => Array<{ reason?: string, count: number }> }
  records: Pick<RecordStore, 'get'> & { datastore: Datastore }
  components: { privateKey: PrivateKey }
}

const groupsOf = (node: PeerhoodNode): GroupsInternals => node.libp2p.services.groups as unknown as GroupsInternals
/** What the attacker signed: its id and expiry. */
const idOf = (bytes: Uint8Array): GroupRecord => decodeRecord(bytes).record
const ingested = (node: PeerhoodNode): number => groupsOf(node).counters.entries().reduce((n, e) => n + e.count, 0)

describe('cluster: record ids bound to their creator (issue 15)', function () {
  this.timeout(90_000)
  let cluster: Cluster | undefined
  afterEach(async () => { await cluster?.stop(); cluster = undefined })

  it('a member\'s record under another member\'s id is refused on gossip and on sync', async () => {
    cluster = await createCluster({ size: 3, transport: 'memory', storage: 'memory', config: { dht: { enabled: false } } })
    const [a, victim, mallory] = cluster.nodes as [PeerhoodNode, PeerhoodNode, PeerhoodNode]
    const { groupId } = await a.groups.create({ friendlyName: 'team' })
    await admit(a, victim, groupId)
    await admit(a, mallory, groupId)
    await pWaitFor(async () => (await victim.groups.status(groupId)).synchronized && (await mallory.groups.status(groupId)).synchronized, { timeout: 20_000 })
    await pWaitFor(() => a.groups.connectedMembers(groupId).length === 2, { timeout: 20_000 })
    // an honest record of mallory's gets through: the attack below is refused for its id alone
    const honest = await mallory.groups.addRecord(groupId, { type: 'chat' })
    await pWaitFor(async () => (await groupsOf(a).records.get(groupId, honest.id)) !== undefined, { timeout: 20_000 })

    const now = Date.now()
    const squat = (): Uint8Array => {
      const record: GroupRecord = {
        groupId, type: 'chat', id: boundRecordId(groupId, victim.peerId.toString(), randomBytes(8)), version: 1,
        creator: mallory.peerId.toString(), modifier: mallory.peerId.toString(), created: now, modified: now,
        expires: now + 3600_000, attributes: [], data: new TextEncoder().encode('squat'), deleted: false
      }
      return encodeRecord(signRecord(encodeRecordBody(record), groupsOf(mallory).components.privateKey))
    }
    const viaGossip = squat()
    const viaSync = squat()

    const before = ingested(a)
    const pubsub = mallory.libp2p.services.pubsub as unknown as { publish: (topic: string, data: Uint8Array) => Promise<unknown> }
    await pubsub.publish(groupTopic(groupId), encodeBundle([viaGossip]))
    await pWaitFor(() => ingested(a) > before, { timeout: 20_000 })

    const { datastore } = groupsOf(mallory).records
    const planted = idOf(viaSync)
    await datastore.put(recordKey(groupId, planted.id), viaSync)
    await datastore.put(expiryKey(groupId, planted.expires, planted.id), recordHash(viaSync))
    await a.groups.syncWith(groupId, mallory.peerId.toString())

    assert.equal(await groupsOf(a).records.get(groupId, idOf(viaGossip).id), undefined, 'gossip')
    assert.equal(await groupsOf(a).records.get(groupId, planted.id), undefined, 'sync')
  })
})
