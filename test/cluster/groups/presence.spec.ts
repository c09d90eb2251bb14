import assert from 'node:assert/strict'
import pWaitFor from 'p-wait-for'
import { createCluster, type Cluster } from '../../../node/cluster.ts'
import type { PeerhoodNode } from '../../../node/types.ts'
import { admit } from './helpers.ts'

describe('cluster: members and presence', function () {
  this.timeout(60_000)
  let cluster: Cluster
  afterEach(async () => { await cluster?.stop() })

  it('lists members with roles and addresses; a member whose GMC ends before the presence lifetime publishes no presence', async () => {
    cluster = await createCluster({ size: 3, transport: 'memory', storage: 'memory', config: { dht: { enabled: false } } })
    const [a, b, c] = cluster.nodes as [PeerhoodNode, PeerhoodNode, PeerhoodNode]
    const group = await a.groups.create({ friendlyName: 'team', presenceLifetimeS: 300 })
    await admit(a, b, group.groupId, ['member'], 200_000) // 200 s < 300 s presence lifetime
    await admit(a, c, group.groupId, ['inviting-member'])
    await pWaitFor(async () => {
      const members = await a.groups.members(group.groupId)
      return members.length === 3 && members.find(m => m.peerId === c.peerId.toString())?.present === true
    }, { timeout: 20_000 })
    const members = await a.groups.members(group.groupId)
    assert.equal(members[0]!.peerId, a.peerId.toString())
    assert.equal(members[0]!.self, true)
    const mc = members.find(m => m.peerId === c.peerId.toString())!
    assert.deepEqual(mc.roles, ['inviting-member'])
    assert.ok(mc.addresses.length > 0)
    const mb = members.find(m => m.peerId === b.peerId.toString())!
    assert.equal(mb.present, false)
    assert.deepEqual(mb.addresses, [])
    assert.equal(mb.connected, true)
    const present = await a.groups.members(group.groupId, { present: true })
    assert.deepEqual(present.map(m => m.peerId).sort(), [a.peerId.toString(), c.peerId.toString()].sort())
    assert.equal((await b.groups.members(group.groupId))[0]!.present, false)
  })

  it('a member that stops withdraws its presence', async () => {
    cluster = await createCluster({ size: 2, transport: 'memory', storage: 'memory', config: { dht: { enabled: false } } })
    const [a, b] = cluster.nodes as [PeerhoodNode, PeerhoodNode]
    const group = await a.groups.create({ friendlyName: 'team' })
    await admit(a, b, group.groupId)
    await pWaitFor(async () => (await a.groups.members(group.groupId, { present: true })).length === 2, { timeout: 20_000 })
    await b.stop()
    await pWaitFor(async () => (await a.groups.members(group.groupId, { present: true })).length === 1, { timeout: 20_000 })
  })
})
