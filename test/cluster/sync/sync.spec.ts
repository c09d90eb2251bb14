import assert from 'node:assert/strict'
import { noise } from '@chainsafe/libp2p-noise'
import { yamux } from '@chainsafe/libp2p-yamux'
import { generateKeyPairFromSeed } from '@libp2p/crypto/keys'
import type { Libp2p, PeerId } from '@libp2p/interface'
import { memory } from '@libp2p/memory'
import { createLibp2p } from 'libp2p'
import pWaitFor from 'p-wait-for'
import { isPeerhoodError } from '../../../protocols/common/errors.ts'
import { type RespondOutcome, type Sync, type SyncProgress, syncService } from '../../../protocols/sync/index.ts'
import type { MemorySyncSet } from '../../../protocols/sync/memory-set.ts'
import { NOW, pairOf, records, seeded, setOf } from '../../unit/sync/fixtures.ts'

type SyncNode = Libp2p<{ sync: Sync }>

interface Member {
  node: SyncNode
  /** groupId → set */
  sets: Map<string, MemorySyncSet>
  /** groupId → peers allowed to sync it */
  allowed: Map<string, Set<string>>
  responded: Array<RespondOutcome & { remotePeer: PeerId }>
}

let counter = 0

async function member (name: string): Promise<Member> {
  const sets = new Map<string, MemorySyncSet>()
  const allowed = new Map<string, Set<string>>()
  const responded: Member['responded'] = []
  const node = await createLibp2p({
    privateKey: await generateKeyPairFromSeed('Ed25519', seeded(`node/${name}`, 32)),
    addresses: { listen: [`/memory/peerhood-sync-${name}-${process.pid}-${counter++}`] },
    transports: [memory()],
    connectionEncrypters: [noise()],
    streamMuxers: [yamux()],
    services: {
      sync: syncService({
        now: () => NOW,
        resolveSet: (groupId, peer) => allowed.get(groupId)?.has(peer.toString()) === true ? sets.get(groupId) : undefined,
        onResponded: outcome => { responded.push(outcome) }
      })
    }
  })
  return { node, sets, allowed, responded }
}

function share (groupId: string, a: Member, setA: MemorySyncSet, b: Member, setB: MemorySyncSet): void {
  a.sets.set(groupId, setA)
  b.sets.set(groupId, setB)
  a.allowed.set(groupId, new Set([b.node.peerId.toString()]))
  b.allowed.set(groupId, new Set([a.node.peerId.toString()]))
}

describe('sync service between two libp2p nodes (memory transport)', function () {
  this.timeout(60_000)
  let a: Member
  let b: Member

  beforeEach(async () => {
    a = await member('a')
    b = await member('b')
  })

  afterEach(async () => {
    await Promise.all([a?.node.stop(), b?.node.stop()])
  })

  it('reconciles a 1 % difference on 10k records with few bytes and round trips', async () => {
    const sets = pairOf(9_900, 40, 60, 1024)
    share('g', a, sets.a, b, sets.b)
    const result = await a.node.services.sync.sync(b.node.getMultiaddrs()[0]!, 'g')
    assert.deepEqual(sets.a.liveKeys(NOW), sets.b.liveKeys(NOW))
    assert.equal(result.recordsReceived, 60)
    assert.equal(result.recordsSent, 40)
    assert.ok(result.roundTrips <= 4, `${result.roundTrips} round trips`)
    const differing = 100 * 1024
    const total = result.bytesSent + result.bytesReceived
    assert.ok(total <= 2 * differing + 4096, `${total} bytes for ${differing} bytes of differing records`)
    await pWaitFor(() => b.responded.length === 1)
    assert.equal(b.responded[0]!.accepted, 40)
    assert.equal(b.responded[0]!.error, undefined)
    assert.ok(b.responded[0]!.remotePeer.equals(a.node.peerId))
  })

  it('identical sets: one round trip', async () => {
    const sets = pairOf(5000, 0, 0)
    share('g', a, sets.a, b, sets.b)
    const result = await a.node.services.sync.sync(b.node.getMultiaddrs()[0]!, 'g')
    assert.equal(result.mode, 'in-sync')
    assert.equal(result.roundTrips, 1)
    assert.ok(result.bytesSent + result.bytesReceived < 100)
  })

  it('a new member pulls the whole database with progress', async () => {
    const empty = setOf([])
    const full = setOf(records('db', 4000, { size: 1024 }))
    share('g', a, empty, b, full)
    let last: SyncProgress = { received: 0 }
    const result = await a.node.services.sync.sync(b.node.getMultiaddrs()[0]!, 'g', { onProgress: p => { last = p } })
    assert.equal(result.mode, 'pull-all')
    assert.equal(empty.size, 4000)
    assert.deepEqual(last, { received: 4000, total: 4000 })
  })

  it('keeps groups apart', async () => {
    const g1 = pairOf(100, 5, 0)
    const g2 = pairOf(100, 0, 7)
    share('g1', a, g1.a, b, g1.b)
    share('g2', a, g2.a, b, g2.b)
    await a.node.services.sync.sync(b.node.getMultiaddrs()[0]!, 'g1')
    assert.deepEqual(g1.a.liveKeys(NOW), g1.b.liveKeys(NOW))
    assert.notDeepEqual(g2.a.liveKeys(NOW), g2.b.liveKeys(NOW))
  })

  it('requests that cross run one session, which both sides join', async () => {
    const sets = pairOf(3000, 200, 300, 1024)
    share('g', a, sets.a, b, sets.b)
    await b.node.dial(a.node.getMultiaddrs()[0]!)
    const [one, two] = await Promise.all([
      a.node.services.sync.sync(b.node.peerId, 'g', { join: true }),
      b.node.services.sync.sync(a.node.peerId, 'g', { join: true })
    ])
    assert.deepEqual(sets.a.liveKeys(NOW), sets.b.liveKeys(NOW))
    assert.ok(one.roundTrips <= 4 && two.roundTrips <= 4)
    // exactly one session ran: one side answered it, any other request was refused as busy
    const served = [...a.responded, ...b.responded].filter(r => r.error === undefined)
    assert.equal(served.length, 1)
    assert.ok([...a.responded, ...b.responded].every(r => r.error === undefined || r.error === 'SYNC_BUSY'))
    // and the differing records crossed once
    const differing = 500 * 1024
    assert.ok(served[0]!.bytesSent + served[0]!.bytesReceived <= 1.1 * differing + 8192)
  })

  it('with join, a second request while a session runs joins it instead of starting another', async () => {
    const empty = setOf([])
    const full = setOf(records('db', 2000, { size: 1024 }))
    share('g', a, empty, b, full)
    const [one, two] = await Promise.all([
      a.node.services.sync.sync(b.node.getMultiaddrs()[0]!, 'g', { join: true }),
      a.node.services.sync.sync(b.node.getMultiaddrs()[0]!, 'g', { join: true })
    ])
    assert.equal(empty.size, 2000)
    assert.equal(one, two)
    await pWaitFor(() => b.responded.length >= 1)
    assert.equal(b.responded.length, 1)
  })

  it('without join, a second request runs a fresh session after the running one (never two at once)', async () => {
    const empty = setOf([])
    const full = setOf(records('db', 2000, { size: 1024 }))
    share('g', a, empty, b, full)
    const [one, two] = await Promise.all([
      a.node.services.sync.sync(b.node.getMultiaddrs()[0]!, 'g'),
      a.node.services.sync.sync(b.node.getMultiaddrs()[0]!, 'g')
    ])
    assert.equal(empty.size, 2000)
    // whichever went first pulled everything; the other then found the sets equal
    assert.deepEqual([one.mode, two.mode].sort(), ['in-sync', 'pull-all'])
    await pWaitFor(() => b.responded.length >= 2)
    assert.ok(b.responded.every(r => r.error === undefined))
  })

  it('the responder refuses a peer that is not a proven member with NOT_A_MEMBER', async () => {
    const sets = pairOf(100, 1, 1)
    share('g', a, sets.a, b, sets.b)
    b.allowed.get('g')!.clear()
    await assert.rejects(a.node.services.sync.sync(b.node.getMultiaddrs()[0]!, 'g'), (err: unknown) => isPeerhoodError(err, 'NOT_A_MEMBER'))
    await pWaitFor(() => b.responded.length === 1)
    assert.equal(b.responded[0]!.error, 'NOT_A_MEMBER')
    assert.equal(sets.b.size, 101)
  })

  it('the initiator does not sync a group with a peer it does not trust', async () => {
    const sets = pairOf(100, 1, 1)
    share('g', a, sets.a, b, sets.b)
    a.allowed.get('g')!.clear()
    await assert.rejects(a.node.services.sync.sync(b.node.getMultiaddrs()[0]!, 'g'), (err: unknown) => isPeerhoodError(err, 'NOT_A_MEMBER'))
    assert.equal(b.responded.length, 0)
  })

  it('fails with CONNECTION_FAILED when the peer does not speak the protocol', async () => {
    await b.node.unhandle('/peerhood/sync/1.0.0')
    share('g', a, setOf([]), b, setOf([]))
    await assert.rejects(a.node.services.sync.sync(b.node.getMultiaddrs()[0]!, 'g'), (err: unknown) => isPeerhoodError(err, 'CONNECTION_FAILED'))
  })

  it('refuses to sync once stopped', async () => {
    share('g', a, setOf([]), b, setOf([]))
    await a.node.stop()
    await assert.rejects(a.node.services.sync.sync(b.node.getMultiaddrs()[0]!, 'g'), (err: unknown) => isPeerhoodError(err, 'NOT_STARTED'))
  })
})
