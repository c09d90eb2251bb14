import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { generateKeyPair } from '@libp2p/crypto/keys'
import { peerIdFromPrivateKey } from '@libp2p/peer-id'
import pWaitFor from 'p-wait-for'
import { ApiClient } from '../../../node/api/client.ts'
import { createCluster, type Cluster } from '../../../node/cluster.ts'
import type { PeerhoodNode } from '../../../node/types.ts'
import { encodeBundle } from '../../../protocols/group-gossip/bundle.ts'
import { type GroupGossip, groupTopic } from '../../../protocols/group-gossip/index.ts'
import { GROUP_SCORE_THRESHOLDS } from '../../../protocols/group-gossip/score.ts'
import { newRecord } from '../../../protocols/records/changes.ts'
import { decodeRecord, encodeRecord, encodeRecordBody } from '../../../protocols/records/codec.ts'
import { sealRecord } from '../../../protocols/records/sign.ts'
import type { RecordStore } from '../../../protocols/records/store.ts'
import { admit } from './helpers.ts'
import { boundRecordId } from '../../../protocols/records/record-id.ts'

const graylist = GROUP_SCORE_THRESHOLDS.graylistThreshold!
const pubsubOf = (node: PeerhoodNode): GroupGossip => node.libp2p.services.pubsub as GroupGossip
// biome-ignore lint/suspicious/noExplicitAny: tests read the groups service's internals
const groupsService = (node: PeerhoodNode): any => node.libp2p.services.groups

async function heartbeats (ps: GroupGossip, n: number): Promise<void> {
  await new Promise<void>(resolve => {
    let seen = 0
    const on = (): void => { if (++seen >= n) { ps.removeEventListener('gossipsub:heartbeat', on); resolve() } }
    ps.addEventListener('gossipsub:heartbeat', on)
  })
}

/** A creator and a member, connected, the member synchronised and in the creator's mesh. */
async function pair (cluster: Cluster): Promise<{ a: PeerhoodNode, m: PeerhoodNode, groupId: string, topic: string }> {
  const [a, m] = cluster.nodes as [PeerhoodNode, PeerhoodNode]
  const { groupId } = await a.groups.create({ friendlyName: 'team' })
  await admit(a, m, groupId)
  await pWaitFor(async () => (await m.groups.status(groupId)).synchronized, { timeout: 30_000 })
  const topic = groupTopic(groupId)
  await pWaitFor(() => pubsubOf(a).getMeshPeers(topic).includes(m.peerId.toString()), { timeout: 30_000 })
  return { a, m, groupId, topic }
}

const counted = (node: PeerhoodNode, action: string, reason: string): number =>
  // biome-ignore lint/suspicious/noExplicitAny: counters are plain objects
  groupsService(node).counters.entries().filter((c: any) => c.action === action && c.reason === reason).reduce((n: number, c: any) => n + c.count, 0)
const rejected = (node: PeerhoodNode, reason: string): number => counted(node, 'reject', reason)

const connected = (a: PeerhoodNode, b: PeerhoodNode): boolean => a.libp2p.getConnections(b.peerId).length > 0

/** `m` adds `count` records, then publishes tampered copies of them (broken signature and body). */
async function forge (m: PeerhoodNode, groupId: string, topic: string, count: number): Promise<void> {
  const store: RecordStore = groupsService(m).records
  for (let i = 0; i < count; i++) {
    const sent = await m.groups.addRecord(groupId, { type: 'chat', data: new Uint8Array([i]) })
    const found = (await store.get(groupId, sent.id))!
    const signature = Uint8Array.from(found.signature)
    signature[0] = signature[0]! ^ 0xff
    const body = Uint8Array.from(found.body)
    body[body.length - 1] = body[body.length - 1]! ^ 0x01
    await pubsubOf(m).publish(topic, encodeBundle([encodeRecord({ body, signature })]))
  }
}

describe('cluster: penalties that cost the attacker and survive reconnects', function () {
  this.timeout(120_000)
  let cluster: Cluster | undefined
  afterEach(async () => { await cluster?.stop(); cluster = undefined })

  it('a graylisted member that hangs up and reconnects is still graylisted', async () => {
    // the member hangs up and reconnects by hand: no automatic reconnection in between
    cluster = await createCluster({ size: 2, transport: 'memory', storage: 'memory', config: { dht: { enabled: false } }, groups: () => ({ reconnect: false as const }) })
    const { a, m, groupId, topic } = await pair(cluster)
    await forge(m, groupId, topic, 4)
    await pWaitFor(() => pubsubOf(a).getScore(m.peerId.toString()) < graylist, { timeout: 30_000 })
    await m.libp2p.hangUp(a.peerId)
    await pWaitFor(() => !connected(a, m) && !pubsubOf(a).getPeers().some(p => p.equals(m.peerId)), { timeout: 20_000 })
    await m.connect(a.status().addresses[0]!)
    await pWaitFor(() => a.groups.connectedMembers(groupId).some(x => x.peerId === m.peerId.toString()) && pubsubOf(a).getPeers().some(p => p.equals(m.peerId)), { timeout: 30_000 })
    await heartbeats(pubsubOf(a), 2)
    const score = pubsubOf(a).getScore(m.peerId.toString())
    assert.ok(score < graylist, `score after reconnect: ${score}`)
  })

  it('/metrics (real node, real HTTP) shows ingress verdicts by reason and group, and the peers penalised', async () => {
    cluster = await createCluster({ size: 2, transport: 'tcp', storage: 'level', config: { dht: { enabled: false } } })
    const { a, m, groupId, topic } = await pair(cluster)
    await m.groups.addRecord(groupId, { type: 'chat', data: new Uint8Array([9]) })
    await forge(m, groupId, topic, 1)
    await pWaitFor(() => rejected(a, 'BAD_SIGNATURE') > 0, { timeout: 30_000 })
    const metrics = await (await ApiClient.fromDataDir(a.dataDir!)).metrics()
    const verdicts = new RegExp(`^peerhood_ingress_verdicts_total\\{action="reject",reason="BAD_SIGNATURE",group="${groupId}"\\} 1$`, 'm')
    assert.match(metrics, verdicts)
    assert.match(metrics, new RegExp(`^peerhood_ingress_verdicts_total\\{action="accept",reason="ACCEPTED",group="${groupId}"\\} [1-9]`, 'm'))
    assert.match(metrics, /^peerhood_peers_penalised_total\{reason="gossip-rejected"\} 1$/m)
    assert.match(metrics, /^peerhood_penalised_peers 1$/m)
    assert.match(metrics, /^peerhood_cooling_down_peers 0$/m)
  })

  it('a member flooding records of unknown signers parks no more than its budget, is disconnected once a pull from it places none, and is refused on reconnect', async () => {
    cluster = await createCluster({ size: 2, transport: 'memory', storage: 'memory', config: { dht: { enabled: false } }, groups: () => ({ reconnect: false as const }) })
    const { a, m, groupId, topic } = await pair(cluster)
    const signers = await Promise.all(Array.from({ length: 20 }, async () => generateKeyPair('Ed25519')))
    const now = Date.now()
    const records = Array.from({ length: 2000 }, (_, i) => {
      const key = signers[i % signers.length]!
      const record = newRecord(groupId, boundRecordId(groupId, peerIdFromPrivateKey(key).toString(), randomBytes(8)), peerIdFromPrivateKey(key).toString(), now, { type: 'chat', expires: now + 3_600_000 })
      return sealRecord(record, key).bytes
    })
    for (let i = 0; i < records.length; i += 50) await pubsubOf(m).publish(topic, encodeBundle(records.slice(i, i + 50)))
    await pWaitFor(() => !connected(a, m), { timeout: 30_000 })
    assert.ok(pubsubOf(a).penalties.coolingDown(m.peerId.toString()))
    assert.ok((await a.groups.status(groupId)).deferred <= 256, `deferred ${(await a.groups.status(groupId)).deferred}`)
    assert.ok(counted(a, 'ignore', 'UNKNOWN_SIGNER_FLOOD') > 0, 'records beyond the budget dropped')

    // the cool-down outlives the connection: on its next proof of membership it is hung up on again
    await m.connect(a.status().addresses[0]!)
    await pWaitFor(() => !connected(a, m), { timeout: 20_000 })
    assert.ok(!a.groups.connectedMembers(groupId).some(x => x.peerId === m.peerId.toString()))
  })

  it('a sync session carrying 10,000 rejected records is cut short and its sender cooled down', async () => {
    cluster = await createCluster({ size: 2, transport: 'memory', storage: 'memory', config: { dht: { enabled: false } }, groups: () => ({ reconnect: false as const }) })
    const { a, m, groupId } = await pair(cluster)
    const store: RecordStore = groupsService(m).records
    const now = Date.now()
    const signature = new Uint8Array(64).fill(7)
    for (let i = 0; i < 10_000; i++) {
      const record = newRecord(groupId, boundRecordId(groupId, m.peerId.toString(), randomBytes(8)), m.peerId.toString(), now, { type: 'chat', expires: now + 3_600_000 })
      await store.put(decodeRecord(encodeRecord({ body: encodeRecordBody(record), signature })))
    }
    await m.groups.syncWith(groupId, a.peerId.toString()).catch(() => { /* cut short */ })
    await pWaitFor(() => !connected(a, m), { timeout: 30_000 })
    const refused = rejected(a, 'BAD_SIGNATURE')
    assert.ok(refused > 0 && refused <= 1000, `rejected ${refused}`)
    assert.ok(pubsubOf(a).penalties.coolingDown(m.peerId.toString()))
    await m.connect(a.status().addresses[0]!)
    await pWaitFor(() => !connected(a, m), { timeout: 20_000 })
    assert.ok(!a.groups.connectedMembers(groupId).some(x => x.peerId === m.peerId.toString()))
  })
})
