import assert from 'node:assert/strict'
import pWaitFor from 'p-wait-for'
import { createCluster, type Cluster } from '../../../node/cluster.ts'
import type { PeerhoodEvent } from '../../../node/events.ts'
import type { PeerhoodNode } from '../../../node/types.ts'

async function synchronized (node: PeerhoodNode, groupId: string): Promise<void> {
  await pWaitFor(async () => node.groups.list().then(l => l.some(g => g.groupId === groupId && g.status.synchronized)), { timeout: 20_000 })
}

async function invite (issuer: PeerhoodNode, invitee: PeerhoodNode, groupId: string, roles: Array<'administrator' | 'inviting-member' | 'member'>): Promise<void> {
  const token = await issuer.groups.createInvitation(groupId, { peerId: invitee.peerId.toString(), roles })
  await invitee.groups.join(token)
  await synchronized(invitee, groupId)
}

describe('cluster: invitations and joining', function () {
  this.timeout(120_000)
  let cluster: Cluster
  afterEach(async () => { await cluster?.stop() })

  it("the seed's chain creator → admin A → admin B → member M, each invited by the previous, all sync the same records", async () => {
    cluster = await createCluster({ size: 4, topology: 'line', transport: 'memory', storage: 'memory', config: { dht: { enabled: false } } })
    const [creator, adminA, adminB, member] = cluster.nodes as [PeerhoodNode, PeerhoodNode, PeerhoodNode, PeerhoodNode]
    const group = await creator.groups.create({ friendlyName: 'seed' })
    await invite(creator, adminA, group.groupId, ['administrator'])
    await invite(adminA, adminB, group.groupId, ['administrator'])
    await invite(adminB, member, group.groupId, ['member'])
    const m = await member.groups.get(group.groupId)
    assert.equal(m.member.depth, 4)
    assert.deepEqual(m.roles, ['member'])
    // every member writes one record; every member ends with all of them
    const written: string[] = []
    for (const node of cluster.nodes) written.push((await node.groups.addRecord(group.groupId, { type: 'note', data: new TextEncoder().encode(node.peerId.toString()) })).id)
    for (const node of cluster.nodes) {
      await pWaitFor(async () => {
        const ids = new Set((await node.groups.listRecords(group.groupId)).map(r => r.id))
        return written.every(id => ids.has(id))
      }, { timeout: 20_000 })
    }
    // a member may not invite; an administrator may not grant more than it has
    await assert.rejects(member.groups.createInvitation(group.groupId, { peerId: creator.peerId.toString() }), { code: 'NOT_AUTHORIZED' })
  })

  it('refuses an invitation for someone else, an expired one, and a second join', async () => {
    const HOUR = 3_600_000
    // node 0 lives two hours in the past: what it issues for one hour has expired for the others
    cluster = await createCluster({
      size: 3,
      transport: 'memory',
      storage: 'memory',
      config: { dht: { enabled: false } },
      groups: (i) => i === 0 ? { now: () => Date.now() - 2 * HOUR } : {}
    })
    const [past, b, c] = cluster.nodes as [PeerhoodNode, PeerhoodNode, PeerhoodNode]
    const group = await past.groups.create({ friendlyName: 'x' })
    const forB = await past.groups.createInvitation(group.groupId, { peerId: b.peerId.toString(), expiresAt: Date.now() - HOUR })
    await assert.rejects(b.groups.join(forB), { code: 'INVALID_TIME_PERIOD' })
    const current = await past.groups.createInvitation(group.groupId, { peerId: b.peerId.toString() })
    await assert.rejects(c.groups.join(current), { code: 'INVITATION_NOT_TRUSTED' })
    const tampered = forB.slice(0, -6) + (forB.endsWith('AAAAAA') ? 'BBBBBB' : 'AAAAAA')
    await assert.rejects(b.groups.join(tampered), { code: 'INVITATION_NOT_TRUSTED' })
    assert.deepEqual(await b.groups.list(), [])

    const creatorNow = await cluster.nodes[1]!.groups.create({ friendlyName: 'y' })
    const forC = await b.groups.createInvitation(creatorNow.groupId, { peerId: c.peerId.toString() })
    await c.groups.join(forC)
    await assert.rejects(c.groups.join(forC), { code: 'ALREADY_A_MEMBER' })
    const info = c.groups.parseInvitation(forC)
    assert.equal(info.groupId, creatorNow.groupId)
    assert.equal(info.subjectPeerId, c.peerId.toString())
    assert.equal(info.issuerPeerId, b.peerId.toString())
    assert.equal(info.authScheme, 'gmc')
  })

  it('24-deep invitations work and the 25th fails with CHAIN_TOO_LONG', async () => {
    cluster = await createCluster({ size: 24, topology: 'line', transport: 'memory', storage: 'memory', config: { dht: { enabled: false } } })
    const nodes = cluster.nodes
    const group = await nodes[0]!.groups.create({ friendlyName: 'deep' })
    for (let i = 1; i < nodes.length; i++) await invite(nodes[i - 1]!, nodes[i]!, group.groupId, ['administrator'])
    const last = await nodes[23]!.groups.get(group.groupId)
    assert.equal(last.member.depth, 24)
    await assert.rejects(nodes[23]!.groups.createInvitation(group.groupId, { peerId: nodes[0]!.peerId.toString() }), { code: 'CHAIN_TOO_LONG' })
  })

  it('password join: the right password gives the password role; a wrong one stores nothing; repeats are throttled', async () => {
    cluster = await createCluster({ size: 3, transport: 'memory', storage: 'memory', config: { dht: { enabled: false } } })
    const [creator, joiner, guesser] = cluster.nodes as [PeerhoodNode, PeerhoodNode, PeerhoodNode]
    const group = await creator.groups.create({ friendlyName: 'pw' })
    await creator.groups.setPassword(group.groupId, 'correct horse battery', { role: 'inviting-member' })
    const token = await creator.groups.createPasswordInvitation(group.groupId)
    assert.equal(creator.groups.parseInvitation(token).authScheme, 'password')
    const failures: PeerhoodEvent[] = []
    creator.events.subscribe({ types: ['authentication:failed'] }, e => { failures.push(e) })
    await assert.rejects(guesser.groups.join(token, { password: 'wrong guess 1' }), { code: 'AUTHENTICATION_FAILED' })
    assert.deepEqual(await guesser.groups.list(), [])
    await assert.rejects(guesser.groups.join(token, { password: 'wrong guess 2' }), { code: 'AUTHENTICATION_FAILED' })
    await assert.rejects(guesser.groups.join(token, { password: 'wrong guess 3' }), { code: 'AUTHENTICATION_FAILED' })
    await assert.rejects(guesser.groups.join(token, { password: 'correct horse battery' }), { code: 'THROTTLED' })
    assert.deepEqual(await guesser.groups.list(), [])
    const joined = await joiner.groups.join(token, { password: 'correct horse battery' })
    assert.deepEqual(joined.roles, ['inviting-member'])
    await synchronized(joiner, group.groupId)
    await assert.rejects(joiner.groups.join(token, { password: 'correct horse battery' }), { code: 'ALREADY_A_MEMBER' })
  })

  it('a renewal stored while the member was offline reaches it through the database at its next connect', async () => {
    // one clock for the whole cluster, moved on by hand: certificates have one-second precision
    let clock = Date.now()
    // the member stays offline until the test reconnects it
    cluster = await createCluster({ size: 2, transport: 'memory', storage: 'memory', config: { dht: { enabled: false } }, groups: () => ({ now: () => clock, reconnect: false as const }) })
    const [creator, member] = cluster.nodes as [PeerhoodNode, PeerhoodNode]
    const group = await creator.groups.create({ friendlyName: 'renew' })
    await invite(creator, member, group.groupId, ['member'])
    const before = (await member.groups.get(group.groupId)).member
    await creator.libp2p.hangUp(member.peerId)
    await pWaitFor(() => creator.groups.connectedMembers(group.groupId).length === 0)
    clock += 60_000
    await creator.groups.issue(group.groupId, { peerId: member.peerId.toString(), roles: ['administrator'], store: true })
    const adopted: PeerhoodEvent[] = []
    member.events.subscribe({ types: ['credentials:adopted'] }, e => { adopted.push(e) })
    await member.connect(creator.status().addresses[0]!)
    await pWaitFor(() => adopted.length > 0, { timeout: 20_000 })
    const after = (await member.groups.get(group.groupId)).member
    assert.deepEqual(after.roles, ['administrator'])
    assert.ok(after.notBefore > before.notBefore)
    assert.notEqual(after.serialNumber, before.serialNumber)
  })

  it('a member asks a connected administrator to renew its GMC over the credentials protocol', async () => {
    let clock = Date.now()
    cluster = await createCluster({ size: 2, transport: 'memory', storage: 'memory', config: { dht: { enabled: false } }, groups: () => ({ now: () => clock }) })
    const [creator, member] = cluster.nodes as [PeerhoodNode, PeerhoodNode]
    const group = await creator.groups.create({ friendlyName: 'renew2' })
    const token = await creator.groups.createInvitation(group.groupId, { peerId: member.peerId.toString(), expiresAt: clock + 3_600_000 })
    await member.groups.join(token)
    await synchronized(member, group.groupId)
    const before = (await member.groups.get(group.groupId)).member
    clock += 120_000
    const renewed = await member.groups.renew(group.groupId)
    assert.ok(renewed.notBefore > before.notBefore)
    assert.notEqual(renewed.serialNumber, before.serialNumber)
    assert.equal((await member.groups.get(group.groupId)).member.serialNumber, renewed.serialNumber)
    // the administrator stored it for everyone
    await pWaitFor(async () => (await creator.groups.members(group.groupId)).some(m => m.serialNumber === renewed.serialNumber), { timeout: 20_000 })
  })

  it('warns that a GMC is expiring and renews it automatically with a connected administrator', async () => {
    let clock = Date.now()
    cluster = await createCluster({ size: 2, transport: 'memory', storage: 'memory', config: { dht: { enabled: false } }, groups: () => ({ now: () => clock, expiryIntervalMs: 100 }) })
    const [creator, member] = cluster.nodes as [PeerhoodNode, PeerhoodNode]
    const group = await creator.groups.create({ friendlyName: 'auto' })
    const token = await creator.groups.createInvitation(group.groupId, { peerId: member.peerId.toString(), expiresAt: clock + 3_600_000 })
    const seen: PeerhoodEvent[] = []
    member.events.subscribe({ types: ['credentials:expiring', 'credentials:adopted'] }, e => { seen.push(e) })
    await member.groups.join(token)
    await synchronized(member, group.groupId)
    const before = (await member.groups.get(group.groupId)).member
    clock += 55 * 60_000 // five minutes left: inside the renewal margin (10 % of the lifetime)
    await pWaitFor(() => seen.some(e => e.type === 'credentials:adopted'), { timeout: 20_000 })
    assert.equal(seen[0]!.type, 'credentials:expiring')
    assert.equal(seen[0]!.data.notAfter, before.notAfter)
    const after = (await member.groups.get(group.groupId)).member
    assert.ok(after.notBefore > before.notBefore)
  })

  it('any online administrator admits password joiners: the creator hands the verifier to administrators', async () => {
    cluster = await createCluster({ size: 3, transport: 'memory', storage: 'memory', config: { dht: { enabled: false } } })
    const [creator, admin, joiner] = cluster.nodes as [PeerhoodNode, PeerhoodNode, PeerhoodNode]
    const group = await creator.groups.create({ friendlyName: 'pw-admins' })
    await invite(creator, admin, group.groupId, ['administrator'])
    await creator.groups.setPassword(group.groupId, 'correct horse battery', { role: 'member' })
    await pWaitFor(async () => (await (admin.libp2p.services.groups as any).joining.storedVerifier(group.groupId)) !== undefined, { timeout: 20_000 })
    await creator.stop()
    await pWaitFor(() => admin.groups.connectedMembers(group.groupId).length === 0)
    const token = await admin.groups.createPasswordInvitation(group.groupId)
    assert.equal(admin.groups.parseInvitation(token).issuerPeerId, admin.peerId.toString())
    await assert.rejects(joiner.groups.join(token, { password: 'wrong password!' }), { code: 'AUTHENTICATION_FAILED' })
    const joined = await joiner.groups.join(token, { password: 'correct horse battery' })
    assert.deepEqual(joined.roles, ['member'])
    await assert.rejects(admin.groups.sendData(group.groupId, { peerId: joiner.peerId.toString() }, { type: 'peerhood.password-verifier', data: new Uint8Array(1) }), { code: 'INVALID_ARGUMENT' })
  })
})
