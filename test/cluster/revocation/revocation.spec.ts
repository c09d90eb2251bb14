/**
 * Issue 15: an administrator revokes a member of a five-member group; every member drops it and
 * refuses its records and proofs; a race between two updates is visible on the losing node.
 */
import assert from 'node:assert/strict'
import pWaitFor from 'p-wait-for'
import { createCluster, type Cluster } from '../../../node/cluster.ts'
import type { PeerhoodNode } from '../../../node/types.ts'
import type { Membership } from '../../../protocols/membership/membership.ts'
import type { RecordConflict } from '../../../protocols/records/events.ts'
import type { Revocations } from '../../../protocols/peer-groups/revocations.ts'
import { admit } from '../groups/helpers.ts'

const QUIET = { dht: { enabled: false } }

/** The codes of `node`'s refusals of `peerId`'s membership proofs, as they come. */
function refusals (node: PeerhoodNode, peerId: string): string[] {
  const codes: string[] = []
  node.groups.addEventListener('membership:refused', (evt) => { if (evt.detail.peerId === peerId) codes.push(evt.detail.code) })
  return codes
}

describe('cluster: revocation (issue 15)', function () {
  this.timeout(120_000)
  let cluster: Cluster
  afterEach(async () => { await cluster?.stop() })

  async function group (nodes: PeerhoodNode[]): Promise<string> {
    const [creator, ...others] = nodes as [PeerhoodNode, ...PeerhoodNode[]]
    const { groupId } = await creator.groups.create({ friendlyName: 'revocation' })
    await admit(creator, others[0]!, groupId, ['administrator'])
    for (const node of others.slice(1)) await admit(creator, node, groupId)
    for (const node of others) await pWaitFor(async () => (await node.groups.status(groupId)).synchronized, { timeout: 60_000 })
    await pWaitFor(() => nodes.every(n => n.groups.connectedMembers(groupId).length === nodes.length - 1), { timeout: 60_000 })
    return groupId
  }

  it('five members: an administrator revokes one, and every member drops it and refuses its records and proofs', async () => {
    cluster = await createCluster({ size: 5, transport: 'memory', storage: 'memory', topology: 'full', config: QUIET })
    const nodes = cluster.nodes as PeerhoodNode[]
    const [, admin, m1, m2, revoked] = nodes as [PeerhoodNode, PeerhoodNode, PeerhoodNode, PeerhoodNode, PeerhoodNode]
    const groupId = await group(nodes)
    const victim = revoked.peerId.toString()
    const before = await revoked.groups.addRecord(groupId, { type: 'note', data: new TextEncoder().encode('before') })
    await pWaitFor(async () => (await m1.groups.listRecords(groupId, { type: 'note' })).length === 1, { timeout: 30_000 })

    // a plain member may not revoke
    await assert.rejects(m1.groups.revoke(groupId, victim), { code: 'NOT_AUTHORIZED' })
    // nor may anyone revoke the creator
    await assert.rejects(admin.groups.revoke(groupId, nodes[0]!.peerId.toString()), { code: 'NOT_AUTHORIZED' })

    const started = Date.now()
    const result = await admin.groups.revoke(groupId, victim, { reason: 'left the team' })
    assert.equal(result.revocation.peer, victim)
    const others = nodes.filter(n => n !== revoked)
    await pWaitFor(() => others.every(n => n.groups.revocationsOf(groupId).some(r => r.peer === victim) && !n.groups.connectedMembers(groupId).some(m => m.peerId === victim)), { timeout: 30_000, interval: 20 })
    const elapsed = Date.now() - started
    assert.ok(elapsed < 10_000, `revocation took ${elapsed} ms to reach every member`)

    // its records made before stay, what it signs after is refused everywhere
    const after = await revoked.groups.addRecord(groupId, { type: 'note', data: new TextEncoder().encode('after') })
    await revoked.groups.syncWith(groupId, m2.peerId.toString()).catch(() => {})
    for (const n of others) {
      const ids = (await n.groups.listRecords(groupId, { type: 'note' })).map(r => r.id)
      assert.ok(ids.includes(before.id))
      assert.ok(!ids.includes(after.id))
    }

    // a new handshake: its proof is refused with NOT_AUTHORIZED
    const refused = refusals(m1, victim)
    await (m1.libp2p.services.membership as Membership).handshake(revoked.peerId).catch(() => {})
    await pWaitFor(() => refused.length > 0, { timeout: 15_000 })
    assert.equal(refused[0], 'NOT_AUTHORIZED')
    assert.ok(!m1.groups.connectedMembers(groupId).some(m => m.peerId === victim))
    // no new certificate for it
    await assert.rejects(admin.groups.issue(groupId, { peerId: victim }), { code: 'NOT_AUTHORIZED' })
    await assert.rejects(admin.groups.createInvitation(groupId, { peerId: victim }), { code: 'NOT_AUTHORIZED' })

    // lifted: it is a member again
    await admin.groups.revoke(groupId, victim, { lift: true })
    await pWaitFor(() => others.every(n => n.groups.revocationsOf(groupId).length === 0), { timeout: 30_000, interval: 20 })
  })

  it('a member offline during the revocation learns it by sync on reconnection, then refuses the revoked peer too', async () => {
    // "offline" is made by hanging up: no automatic reconnection may undo it
    cluster = await createCluster({ size: 5, transport: 'memory', storage: 'memory', topology: 'full', config: QUIET, groups: () => ({ reconnect: false as const }) })
    const nodes = cluster.nodes as PeerhoodNode[]
    const [, admin, , offline, revoked] = nodes as [PeerhoodNode, PeerhoodNode, PeerhoodNode, PeerhoodNode, PeerhoodNode]
    const groupId = await group(nodes)
    const victim = revoked.peerId.toString()
    for (const n of nodes) if (n !== offline) await offline.libp2p.hangUp(n.peerId)
    await pWaitFor(() => offline.groups.connectedMembers(groupId).length === 0, { timeout: 15_000 })

    await admin.groups.revoke(groupId, victim)
    await pWaitFor(() => nodes.every(n => n === offline || n === revoked || n.groups.revocationsOf(groupId).length === 1), { timeout: 30_000 })
    assert.equal(offline.groups.revocationsOf(groupId).length, 0, 'it was not there to hear it')
    // the revoked peer reaches the member that has not heard, and leaves a record with it
    for (const n of nodes) if (n !== offline && n !== revoked) await revoked.libp2p.hangUp(n.peerId)
    await revoked.libp2p.dial(offline.peerId)
    await pWaitFor(() => offline.groups.connectedMembers(groupId).some(m => m.peerId === victim), { timeout: 15_000 })
    const late = await revoked.groups.addRecord(groupId, { type: 'note' })
    await revoked.groups.syncWith(groupId, offline.peerId.toString())
    await pWaitFor(async () => (await offline.groups.listRecords(groupId, { type: 'note' })).some(r => r.id === late.id), { timeout: 15_000 })

    await offline.libp2p.dial(admin.peerId)
    await pWaitFor(() => offline.groups.revocationsOf(groupId).some(r => r.peer === victim), { timeout: 30_000, interval: 20 })
    // learning it, it drops what the peer made since, and the peer's proof
    await pWaitFor(async () => !(await offline.groups.listRecords(groupId, { type: 'note' })).some(r => r.id === late.id), { timeout: 15_000 })
    await pWaitFor(() => !offline.groups.connectedMembers(groupId).some(m => m.peerId === victim), { timeout: 15_000 })
    const refused = refusals(offline, victim)
    await offline.libp2p.dial(revoked.peerId)
    await (offline.libp2p.services.membership as Membership).handshake(revoked.peerId).catch(() => {})
    await pWaitFor(() => refused.length > 0, { timeout: 15_000 })
    assert.equal(refused[0], 'NOT_AUTHORIZED')
    assert.ok(!offline.groups.connectedMembers(groupId).some(m => m.peerId === victim))
  })

  it('no way back in: a revoked peer\'s password join is NOT_AUTHORIZED, and its old GMC fails the handshake', async () => {
    cluster = await createCluster({ size: 3, transport: 'memory', storage: 'memory', topology: 'full', config: QUIET })
    const [creator, member, revoked] = cluster.nodes as [PeerhoodNode, PeerhoodNode, PeerhoodNode]
    const { groupId } = await creator.groups.create({ friendlyName: 'way back' })
    await creator.groups.setPassword(groupId, 'correct horse battery')
    await admit(creator, member, groupId)
    await admit(creator, revoked, groupId)
    await pWaitFor(async () => (await revoked.groups.status(groupId)).synchronized, { timeout: 60_000 })
    const victim = revoked.peerId.toString()
    const oldExport = await revoked.groups.exportMembership(groupId, 'export password')
    await creator.groups.revoke(groupId, victim)
    await pWaitFor(() => member.groups.revocationsOf(groupId).length === 1, { timeout: 30_000 })

    await revoked.groups.delete(groupId)
    const token = await creator.groups.createPasswordInvitation(groupId)
    await assert.rejects(revoked.groups.join(token, { password: 'correct horse battery' }), { code: 'NOT_AUTHORIZED' })

    const refused = refusals(member, victim)
    await revoked.groups.importMembership(oldExport, 'export password')
    await (member.libp2p.services.membership as Membership).handshake(revoked.peerId).catch(() => {})
    await pWaitFor(() => refused.length > 0, { timeout: 15_000 })
    assert.equal(refused[0], 'NOT_AUTHORIZED')
    assert.ok(!member.groups.connectedMembers(groupId).some(m => m.peerId === victim))
  })

  it('an administrator: its subtree cannot revoke it, the creator can; the members it made are listed, what it issues after is refused', async () => {
    cluster = await createCluster({ size: 4, transport: 'memory', storage: 'memory', topology: 'full', config: QUIET })
    const [creator, admin, sub, member] = cluster.nodes as [PeerhoodNode, PeerhoodNode, PeerhoodNode, PeerhoodNode]
    const { groupId } = await creator.groups.create({ friendlyName: 'subtree' })
    await admit(creator, admin, groupId, ['administrator'])
    await pWaitFor(async () => (await admin.groups.status(groupId)).synchronized, { timeout: 60_000 })
    await admit(admin, sub, groupId, ['administrator'])
    await admit(admin, member, groupId)
    for (const n of [sub, member]) await pWaitFor(async () => (await n.groups.status(groupId)).synchronized, { timeout: 60_000 })
    await pWaitFor(async () => (await creator.groups.members(groupId)).length === 4, { timeout: 30_000 })
    const adminId = admin.peerId.toString()

    await assert.rejects(sub.groups.revoke(groupId, adminId), { code: 'NOT_AUTHORIZED' })
    const result = await creator.groups.revoke(groupId, adminId)
    assert.deepEqual(result.affected, [member.peerId.toString(), sub.peerId.toString()].sort())
    await pWaitFor(() => [sub, member].every(n => n.groups.revocationsOf(groupId).length === 1), { timeout: 30_000 })
    // issued before the revocation: still members
    assert.ok(creator.groups.connectedMembers(groupId).some(m => m.peerId === member.peerId.toString()))
    assert.ok(!(await member.groups.members(groupId)).some(m => m.peerId === adminId), 'a revoked member is not listed')
    // what the revoked administrator issues now is refused: a chain through it fails the handshake
    // certificate times are whole seconds: the next one after the revocation's
    await pWaitFor(() => Date.now() >= Math.floor(result.revocation.time / 1000) * 1000 + 1000, { timeout: 5_000, interval: 20 })
    const issued = await admin.groups.issue(groupId, { peerId: member.peerId.toString() })
    const revocations = (creator.libp2p.services.groups as unknown as { revocations: Revocations }).revocations
    const verdict = revocations.verifyChain(groupId, issued.chain, Date.now())
    assert.deepEqual(verdict.ok ? 'valid' : [verdict.code, verdict.reason], ['NOT_AUTHORIZED', 'issued-after-revocation'])
    assert.ok(revocations.verifyChain(groupId, await member.groups.chain(groupId), Date.now()).ok, 'the chain it issued before stays valid')
  })

  it('two updates of one record race: the losing node emits one record:conflict', async () => {
    cluster = await createCluster({ size: 3, transport: 'memory', storage: 'memory', topology: 'full', config: QUIET })
    const nodes = cluster.nodes as PeerhoodNode[]
    const [a, b, c] = nodes as [PeerhoodNode, PeerhoodNode, PeerhoodNode]
    const { groupId } = await a.groups.create({ friendlyName: 'race' })
    await admit(a, b, groupId, ['administrator'])
    await admit(a, c, groupId)
    for (const n of [b, c]) await pWaitFor(async () => (await n.groups.status(groupId)).synchronized, { timeout: 60_000 })
    const record = await a.groups.addRecord(groupId, { type: 'doc', data: new Uint8Array([0]) })
    await pWaitFor(async () => (await b.groups.listRecords(groupId, { type: 'doc' })).length === 1, { timeout: 30_000 })
    // cut a from b so both update version 1 without seeing the other's
    await a.libp2p.hangUp(b.peerId)
    await b.libp2p.hangUp(c.peerId)
    const conflicts: Array<{ node: string, detail: RecordConflict }> = []
    for (const n of [a, b]) n.groups.addEventListener('record:conflict', (evt) => { conflicts.push({ node: n.peerId.toString(), detail: evt.detail }) })
    const va = await a.groups.updateRecord(groupId, record.id, { data: new Uint8Array([1]) })
    const vb = await b.groups.updateRecord(groupId, record.id, { data: new Uint8Array([2]) })
    assert.equal(va.version, vb.version)
    await b.libp2p.dial(a.peerId)
    await pWaitFor(async () => {
      const [ra, rb] = await Promise.all([a.groups.getRecord(groupId, record.id), b.groups.getRecord(groupId, record.id)])
      return ra.data[0] === rb.data[0]
    }, { timeout: 30_000, interval: 50 })
    await pWaitFor(() => conflicts.length >= 1, { timeout: 10_000 })
    assert.equal(conflicts.length, 1)
    const kept = (await a.groups.getRecord(groupId, record.id)).modifier
    const loser = kept === a.peerId.toString() ? b : a
    assert.equal(conflicts[0]!.node, loser.peerId.toString())
    assert.equal(conflicts[0]!.detail.kept.modifier, kept)
    assert.equal(conflicts[0]!.detail.lost.modifier, loser.peerId.toString())
    assert.equal(conflicts[0]!.detail.kept.version, conflicts[0]!.detail.lost.version)
  })
})
