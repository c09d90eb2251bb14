import assert from 'node:assert/strict'
import pWaitFor from 'p-wait-for'
import { createCluster, type Cluster } from '../../../node/cluster.ts'
import type { PeerhoodNode } from '../../../node/types.ts'
import type { IngressCounters } from '../../../protocols/peer-groups/ingress-counters.ts'
import { admit } from './helpers.ts'

const RECORDS = 1000

/** Records this node's ingress counted as already held (DUPLICATE) or lost to the stored copy (STALE). */
const heldTwice = (node: PeerhoodNode, groupId: string): number => (node.libp2p.services as unknown as { groups: { counters: IngressCounters } }).groups.counters.entries()
  .filter(c => c.group === groupId && (c.reason === 'DUPLICATE' || c.reason === 'STALE'))
  .reduce((n, c) => n + c.count, 0)

describe('cluster: a member joining cold pulls the group from one member at a time', function () {
  this.timeout(90_000)
  let cluster: Cluster
  afterEach(async () => { await cluster?.stop() })

  it('proven by two members at once, it receives the records once, not once per member', async () => {
    cluster = await createCluster({ size: 3, transport: 'memory', storage: 'memory', config: { dht: { enabled: false }, groups: { reconnect: false } } })
    const [a, b, c] = cluster.nodes as [PeerhoodNode, PeerhoodNode, PeerhoodNode]
    const { groupId } = await a.groups.create({ friendlyName: 'team' })
    for (let i = 0; i < RECORDS; i += 250) {
      await a.groups.addRecords(groupId, Array.from({ length: 250 }, (_, k) => ({ type: 'note', data: new Uint8Array(256).fill((i + k) & 0xff) })))
    }
    await admit(a, b, groupId)
    await b.connect(a.status().addresses[0]!)
    await pWaitFor(async () => (await b.groups.status(groupId)).synchronized && (await b.groups.listRecords(groupId, { type: 'note' })).length === RECORDS, { timeout: 60_000 })

    // c holds the group's membership and no record; both members prove it at the same moment
    await admit(a, c, groupId)
    await Promise.all([c.connect(a.status().addresses[0]!), c.connect(b.status().addresses[0]!)])
    await pWaitFor(async () => (await c.groups.listRecords(groupId, { type: 'note' })).length === RECORDS, { timeout: 60_000 })
    await pWaitFor(async () => (await c.groups.status(groupId)).synchronized, { timeout: 60_000 })
    // both members stay proven and every session has ended: nothing else arrives
    await pWaitFor(() => c.groups.connectedMembers(groupId).length === 2, { timeout: 30_000 })
    const twice = heldTwice(c, groupId)
    assert.ok(twice <= RECORDS / 10, `${twice} records arrived again`)
  })
})
