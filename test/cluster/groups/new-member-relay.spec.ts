/**
 * Issue 9, defect 10: a new member that publishes nothing must appear in `group members` on
 * members it is not connected to as soon as it is connected to any member, not at its first
 * presence refresh (about 150 s later).
 */
import assert from 'node:assert/strict'
import pWaitFor from 'p-wait-for'
import { createCluster, type Cluster } from '../../../node/cluster.ts'
import type { PeerhoodNode } from '../../../node/types.ts'
import { admit } from './helpers.ts'

const QUIET = { dht: { enabled: false } }

describe('cluster: a new member reaches the whole group at once', function () {
  this.timeout(90_000)
  let cluster: Cluster
  afterEach(async () => { await cluster?.stop() })

  it('A—B—C in a line: C joins through B, and A lists C as a member without ever connecting to it', async () => {
    cluster = await createCluster({ size: 3, transport: 'memory', storage: 'memory', topology: 'line', config: QUIET })
    const [a, b, c] = cluster.nodes as [PeerhoodNode, PeerhoodNode, PeerhoodNode]
    const group = await a.groups.create({ friendlyName: 'line' })
    await admit(a, b, group.groupId, ['inviting-member'])
    await pWaitFor(async () => (await b.groups.status(group.groupId)).synchronized, { timeout: 30_000 })
    await pWaitFor(() => a.groups.connectedMembers(group.groupId).length === 1, { timeout: 30_000 })

    await admit(b, c, group.groupId)
    await pWaitFor(async () => (await c.groups.status(group.groupId)).synchronized, { timeout: 30_000 })
    const cId = c.peerId.toString()
    // well under the 150 s of the first presence refresh
    await pWaitFor(async () => (await a.groups.members(group.groupId)).some(m => m.peerId === cId && m.present), { timeout: 30_000, interval: 100 })
    const seen = (await a.groups.members(group.groupId)).find(m => m.peerId === cId)!
    assert.deepEqual(seen.roles, ['member'])
    assert.ok(seen.addresses.length > 0)
    assert.equal(seen.connected, false)
    assert.equal(a.libp2p.getConnections(c.peerId).length, 0)
  })
})
