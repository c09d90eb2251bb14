import assert from 'node:assert/strict'
import pWaitFor from 'p-wait-for'
import type { PeerhoodConfigInput } from '../../../config/schema.ts'
import { createPeerhood } from '../../../node/peerhood.ts'
import type { PeerhoodNode } from '../../../node/types.ts'
import { admit } from './helpers.ts'

const QUIET: PeerhoodConfigInput = {
  mdns: { enabled: false },
  dht: { enabled: false },
  connections: { inboundConnectionThreshold: 100, abortOnPingFailure: false },
  groups: { reconnectMaxDelay: 1_000 }
}

describe('cluster: group traffic through a circuit relay', function () {
  this.timeout(90_000)
  const nodes: PeerhoodNode[] = []
  afterEach(async () => { await Promise.allSettled(nodes.splice(0).map(async n => n.stop())) })

  async function node (config: PeerhoodConfigInput): Promise<PeerhoodNode> {
    const n = await createPeerhood({ config: { ...QUIET, ...config }, groups: { ipColocation: false } })
    nodes.push(n)
    await n.start()
    return n
  }

  /** A relay on 127.0.0.1, and two members that listen nowhere but on it: they meet only through the relay. */
  async function relayed (relayLimits: PeerhoodConfigInput['relay'] = {}) {
    const relay = await node({ listen: ['/ip4/127.0.0.1/tcp/0'], relay: { server: true, ...relayLimits } })
    const relayAddress = relay.status().addresses[0]!
    const a = await node({ listen: [], relay: { reserve: true, relays: [relayAddress] } })
    const b = await node({ listen: [], relay: { reserve: true, relays: [relayAddress] } })
    await pWaitFor(() => b.status().addresses.some(x => x.includes('/p2p-circuit/')) && a.status().addresses.some(x => x.includes('/p2p-circuit/')), { timeout: 30_000 })
    return { relay, a, b, relayAddress }
  }

  it('members behind a relay prove membership, gossip and sync over the limited connection; status shows it', async () => {
    const { relay, a, b } = await relayed()
    assert.deepEqual(b.status().relay?.reservations, [relay.peerId.toString()])
    assert.equal(relay.status().relay?.server, true)
    const { groupId } = await a.groups.create({ friendlyName: 'far' })
    const early = await a.groups.addRecord(groupId, { type: 'note', data: new Uint8Array([1]) })
    await admit(a, b, groupId)
    // a dials b only through the relay: /p2p/<relay>/p2p-circuit/p2p/<b>
    const circuit = `${relay.status().addresses[0]!}/p2p-circuit/p2p/${b.peerId.toString()}`
    await a.connect(circuit)
    const conn = a.libp2p.getConnections(b.peerId)[0]!
    assert.ok(conn.limits != null, 'the connection is limited (relayed)')
    await pWaitFor(() => b.groups.connectedMembers(groupId).length === 1, { timeout: 30_000 })
    // sync over the relay brought the record written before b joined
    await pWaitFor(async () => (await b.groups.status(groupId)).synchronized, { timeout: 30_000 })
    assert.equal((await b.groups.getRecord(groupId, early.id)).id, early.id)
    // live records both ways (gossip over the relay)
    const fromB = await b.groups.addRecord(groupId, { type: 'note', data: new Uint8Array([2]) })
    const fromA = await a.groups.addRecord(groupId, { type: 'note', data: new Uint8Array([3]) })
    await pWaitFor(async () => (await a.groups.listRecords(groupId, { type: 'note' })).some(r => r.id === fromB.id), { timeout: 30_000 })
    await pWaitFor(async () => (await b.groups.listRecords(groupId, { type: 'note' })).some(r => r.id === fromA.id), { timeout: 30_000 })
    // direct data too
    const got: Uint8Array[] = []
    b.events.subscribe({ types: ['data:incoming'] }, e => { got.push(Buffer.from(e.data.data as string, 'base64')) })
    await a.groups.sendData(groupId, { peerId: b.peerId.toString() }, { type: 'app.ping', data: new Uint8Array([9]) })
    await pWaitFor(() => got.length === 1, { timeout: 30_000 })
    // a: TCP to the relay, and the circuit to b
    assert.deepEqual(a.status().connectionKinds, { direct: 1, relayed: 1 })
    assert.equal(a.status().reachability, 'private')
    // b publishes its /p2p-circuit address in its presence record: that is how members find it again
    await pWaitFor(async () => (await a.groups.members(groupId)).find(m => m.peerId === b.peerId.toString())?.addresses.some(x => x.includes('/p2p-circuit/')) === true, { timeout: 30_000 })
  })

  it('the relay cuts a circuit at its data limit; the members come back through it and catch up page by page', async () => {
    const { relay, a, b } = await relayed({ dataLimit: 64 * 1024 })
    const { groupId } = await a.groups.create({ friendlyName: 'big' })
    await admit(a, b, groupId)
    // 200 KiB of records: three times what one circuit may carry
    for (let i = 0; i < 100; i++) await a.groups.addRecord(groupId, { type: 'blob', data: new Uint8Array(2048).fill(i) })
    const cuts: string[] = []
    a.libp2p.addEventListener('connection:close', evt => { if (evt.detail.remotePeer.equals(b.peerId)) cuts.push(evt.detail.id) })
    await a.connect(`${relay.status().addresses[0]!}/p2p-circuit/p2p/${b.peerId.toString()}`)
    await pWaitFor(async () => (await b.groups.listRecords(groupId, { type: 'blob' })).length === 100, { timeout: 60_000 })
    assert.ok(cuts.length >= 1, 'the relay closed at least one circuit at its data limit')
  })
})
