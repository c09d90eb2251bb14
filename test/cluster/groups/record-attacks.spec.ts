/**
 * Issue 9, defects 3 to 6, through real nodes: a member attacks the group database over gossip
 * (its own gossipsub publishing crafted bundles) and over sync (its own store holding crafted
 * records, which an honest member reconciles with). Only wire bytes and public APIs are used, so
 * each test runs unchanged against the code before the fix.
 */
import assert from 'node:assert/strict'
import { createHash } from 'node:crypto'
import pWaitFor from 'p-wait-for'
import { createCluster, type Cluster } from '../../../node/cluster.ts'
import type { PeerhoodEvent } from '../../../node/events.ts'
import type { PeerhoodNode } from '../../../node/types.ts'
import type { PrivateKey } from '@libp2p/interface'
import type { Datastore } from 'interface-datastore'
import type { RecordStore } from '../../../protocols/records/store.ts'
import { encodeBundle } from '../../../protocols/group-gossip/bundle.ts'
import { groupTopic } from '../../../protocols/group-gossip/topic.ts'
import { decodeRecord, encodeRecord, encodeRecordBody, recordHash } from '../../../protocols/records/codec.ts'
import { signRecord } from '../../../protocols/records/sign.ts'
import { expiryKey, recordKey } from '../../../protocols/records/store-keys.ts'
import type { GroupRecord } from '../../../protocols/records/types.ts'
import { admit } from './helpers.ts'

/** The parts of a node's groups service an attacker's test reaches into (its own node, or the one it watches). */
interface GroupsInternals {
  counters: { entries: () => Array<{ count: number }> }
  records: Pick<RecordStore, 'get' | 'list'> & { datastore: Datastore }
  components: { privateKey: PrivateKey }
  sweep: () => Promise<void>
}

const groupsOf = (node: PeerhoodNode): GroupsInternals => node.libp2p.services.groups as unknown as GroupsInternals

/** Records this node ran through ingress so far (every verdict is counted). */
function ingested (node: PeerhoodNode): number {
  return groupsOf(node).counters.entries().reduce((n, e) => n + e.count, 0)
}

/** The attacker publishes raw records on the group's topic, as one bundle; resolves once `watcher` judged them. */
async function gossip (attacker: PeerhoodNode, watcher: PeerhoodNode, groupId: string, records: Uint8Array[]): Promise<void> {
  const before = ingested(watcher)
  const pubsub = attacker.libp2p.services.pubsub as unknown as { publish: (topic: string, data: Uint8Array) => Promise<unknown> }
  await pubsub.publish(groupTopic(groupId), encodeBundle(records))
  await pWaitFor(() => ingested(watcher) > before, { timeout: 20_000 })
}

/** The attacker's own store holds `bytes` under its id (written raw: the attacker's store is its own). */
async function plant (attacker: PeerhoodNode, groupId: string, bytes: Uint8Array): Promise<void> {
  const { record } = decodeRecord(bytes)
  const { datastore } = groupsOf(attacker).records
  await datastore.put(recordKey(groupId, record.id), bytes)
  await datastore.put(expiryKey(groupId, record.expires, record.id), recordHash(bytes))
}

async function storedBytes (node: PeerhoodNode, groupId: string, id: string): Promise<Uint8Array | undefined> {
  return (await groupsOf(node).records.get(groupId, id))?.bytes
}

/** A record signed by `node`'s own key: what its owner can make with its own identity. */
function signedBy (node: PeerhoodNode, record: GroupRecord): Uint8Array {
  return encodeRecord(signRecord(encodeRecordBody(record), groupsOf(node).components.privateKey))
}

async function threeMembers (maxRecordSize?: number): Promise<{ cluster: Cluster, a: PeerhoodNode, b: PeerhoodNode, c: PeerhoodNode, groupId: string }> {
  const cluster = await createCluster({ size: 3, transport: 'memory', storage: 'memory', config: { dht: { enabled: false } } })
  const [a, b, c] = cluster.nodes as [PeerhoodNode, PeerhoodNode, PeerhoodNode]
  const { groupId } = await a.groups.create({ friendlyName: 'team', ...(maxRecordSize === undefined ? {} : { maxRecordSize }) })
  await admit(a, b, groupId)
  await admit(a, c, groupId)
  await pWaitFor(async () => (await b.groups.status(groupId)).synchronized && (await c.groups.status(groupId)).synchronized, { timeout: 20_000 })
  await pWaitFor(() => c.groups.connectedMembers(groupId).some(m => m.peerId === b.peerId.toString()), { timeout: 20_000 })
  return { cluster, a, b, c, groupId }
}

describe('cluster: a member attacking the group database (issue 9, defects 3 to 6)', function () {
  this.timeout(90_000)
  let cluster: Cluster | undefined
  afterEach(async () => { await cluster?.stop(); cluster = undefined })

  it('defect 3: a re-wrapped copy of another member\'s record is never stored nor announced, on gossip and on sync', async () => {
    const set = await threeMembers()
    cluster = set.cluster
    const { a, b, c, groupId } = set
    // one record for each path, so that each path is checked on its own
    const viaGossip = await a.groups.addRecord(groupId, { type: 'chat', data: new TextEncoder().encode('honest 1') })
    const viaSync = await a.groups.addRecord(groupId, { type: 'chat', data: new TextEncoder().encode('honest 2') })
    const ids = [viaGossip.id, viaSync.id]
    await pWaitFor(async () => (await Promise.all(ids.flatMap(id => [storedBytes(b, groupId, id), storedBytes(c, groupId, id)]))).every(x => x !== undefined), { timeout: 20_000 })
    const honest = await Promise.all(ids.map(async id => (await storedBytes(b, groupId, id))!))
    const padded = honest.map(pad)
    const changes: PeerhoodEvent[] = []
    c.events.subscribe({ types: ['record:changed'] }, e => { changes.push(e) })

    await gossip(b, c, groupId, [padded[0]!])
    await plant(b, groupId, padded[1]!)
    await c.groups.syncWith(groupId, b.peerId.toString())
    const kept = await Promise.all(ids.map(async id => Buffer.from((await storedBytes(c, groupId, id))!).toString('hex')))
    assert.deepEqual({ gossip: kept[0], sync: kept[1] }, { gossip: Buffer.from(honest[0]!).toString('hex'), sync: Buffer.from(honest[1]!).toString('hex') })
    assert.deepEqual(changes.filter(e => ids.includes(e.data.recordId as string)), [])
  })

  it('defect 4: a record deleted by an administrator whose credential then ended stays deleted when replayed, on gossip and on sync', async () => {
    cluster = await createCluster({ size: 4, transport: 'memory', storage: 'memory', config: { dht: { enabled: false } } })
    const [a, b, c, d] = cluster.nodes as [PeerhoodNode, PeerhoodNode, PeerhoodNode, PeerhoodNode]
    const { groupId } = await a.groups.create({ friendlyName: 'team' })
    await admit(a, b, groupId)
    await admit(a, c, groupId)
    await pWaitFor(async () => (await b.groups.status(groupId)).synchronized && (await c.groups.status(groupId)).synchronized, { timeout: 20_000 })
    // one record for each path, so that each path is checked on its own
    const ids = [
      (await a.groups.addRecord(groupId, { type: 'chat', data: new TextEncoder().encode('to be deleted 1') })).id,
      (await a.groups.addRecord(groupId, { type: 'chat', data: new TextEncoder().encode('to be deleted 2') })).id
    ]
    await pWaitFor(async () => (await Promise.all(ids.map(async id => storedBytes(b, groupId, id)))).every(x => x !== undefined), { timeout: 20_000 })
    const old = await Promise.all(ids.map(async id => (await storedBytes(b, groupId, id))!))
    // an administrator with a short credential joins, receives the records and deletes them
    const admin = await admit(a, d, groupId, ['administrator'], 10_000)
    await pWaitFor(async () => (await Promise.all(ids.map(async id => storedBytes(d, groupId, id)))).every(x => x !== undefined), { timeout: 10_000 })
    for (const id of ids) await d.groups.deleteRecord(groupId, id)
    await pWaitFor(async () => (await Promise.all(ids.map(async id => storedBytes(c, groupId, id)))).every(x => x !== undefined && decodeRecord(x).record.deleted), { timeout: 20_000 })
    // its credential ends; the next sweep runs
    await pWaitFor(() => Date.now() > admin.member.notAfter + 1000, { timeout: 30_000, interval: 200 })
    await groupsOf(c).sweep()

    // twice in one bundle: the bundle of one that the creator published is in gossipsub's seen cache
    await gossip(b, c, groupId, [old[0]!, old[0]!])
    await plant(b, groupId, old[1]!)
    await c.groups.syncWith(groupId, b.peerId.toString())
    const live = await Promise.all(ids.map(async id => c.groups.getRecord(groupId, id).then(() => 'live', (err: { code?: string }) => err.code)))
    assert.deepEqual({ gossip: live[0], sync: live[1] }, { gossip: 'RECORD_NOT_FOUND', sync: 'RECORD_NOT_FOUND' })
  })

  it('defects 5 and 6: a member\'s reserved-type records (properties squat, hidden storage) are refused on gossip and on sync', async () => {
    const set = await threeMembers(1024)
    cluster = set.cluster
    const { a, b, c, groupId } = set
    const properties = (await a.groups.get(groupId)).properties
    const now = Date.now()
    const mallory = b.peerId.toString()
    const craft = (id: string, type: string, data: Uint8Array): Uint8Array => signedBy(b, {
      groupId, type, id, version: 1, creator: mallory, modifier: mallory, created: now, modified: now, expires: now + 3_600_000, attributes: [], data, deleted: false
    })
    const hijack = new TextEncoder().encode(JSON.stringify({ ...properties, friendlyName: 'owned', revision: properties.revision + 1 }))
    const overGossip = [
      craft('00'.repeat(16), 'peerhood.properties', hijack), // sorts before any properties id
      craft('01'.repeat(16), 'peerhood.stash', new Uint8Array(30_000).fill(1)),
      craft('02'.repeat(16), 'peerhood.membership', new Uint8Array(30_000).fill(2))
    ]
    const overSync = [
      craft('03'.repeat(16), 'peerhood.properties', hijack),
      craft('04'.repeat(16), 'peerhood.stash', new Uint8Array(30_000).fill(4)),
      craft('05'.repeat(16), 'peerhood.presence', new Uint8Array(30_000).fill(5))
    ]
    for (const bytes of overGossip) await gossip(b, c, groupId, [bytes])
    for (const bytes of overSync) await plant(b, groupId, bytes)
    await c.groups.syncWith(groupId, b.peerId.toString())
    const stored: string[] = []
    for (const [name, node] of [['creator', a], ['member', c]] as const) {
      for (const bytes of [...overGossip, ...overSync]) {
        const { id, type } = decodeRecord(bytes).record
        if (await storedBytes(node, groupId, id) !== undefined) stored.push(`${name}: ${type} ${id}`)
      }
    }
    assert.deepEqual(stored, [])
    // the creator's next change reaches everyone, under the creator's own record
    await a.groups.setProperties(groupId, { friendlyName: 'renamed' })
    await pWaitFor(async () => (await c.groups.get(groupId)).properties.friendlyName === 'renamed', { timeout: 20_000 })
    for await (const found of groupsOf(c).records.list(groupId, { type: 'peerhood.properties' })) assert.equal(found.record.creator, a.peerId.toString())
  })
})

/** `honest` re-wrapped with padding after the signature, chosen so that the padded envelope hashes higher (it won ties before). */
function pad (honest: Uint8Array): Uint8Array {
  const sha = (b: Uint8Array) => createHash('sha256').update(b).digest()
  for (let n = 1; ; n++) {
    const candidate = Buffer.concat([honest, Uint8Array.from([0x7a, ...varint(n * 100)]), new Uint8Array(n * 100).fill(0x41)])
    if (Buffer.compare(sha(candidate), sha(honest)) > 0) return candidate
  }
}

function varint (n: number): number[] {
  const out: number[] = []
  while (n >= 0x80) { out.push((n & 0x7f) | 0x80); n >>>= 7 }
  out.push(n)
  return out
}
