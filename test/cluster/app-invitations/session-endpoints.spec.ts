import assert from 'node:assert/strict'
import { generateKeyPairFromSeed } from '@libp2p/crypto/keys'
import type { PrivateKey } from '@libp2p/interface'
import pWaitFor from 'p-wait-for'
import { createPeerhood } from '../../../node/peerhood.ts'
import type { PeerhoodNode } from '../../../node/types.ts'
import { createIdentityCertificate } from '../../../protocols/certificates/identity-certificate.ts'
import type { CollaborationInit } from '../../../protocols/collaboration/types.ts'

const QUIET = { mdns: { enabled: false }, dht: { enabled: false }, listen: ['/ip4/127.0.0.1/tcp/0'] }

async function startFull (name: string, options: { privateKey?: PrivateKey, collaboration?: CollaborationInit, autoJoinSessions?: boolean } = {}): Promise<PeerhoodNode> {
  const node = await createPeerhood({
    config: { ...QUIET, displayName: name, invitations: { autoJoinSessions: options.autoJoinSessions ?? false } },
    ...(options.privateKey === undefined ? {} : { privateKey: options.privateKey }),
    ...(options.collaboration === undefined ? {} : { collaboration: options.collaboration })
  })
  await node.start()
  await node.collaboration.signin('internet')
  return node
}

describe('cluster: a hosted session inviting a contact signed in on two endpoints', function () {
  this.timeout(90_000)
  let nodes: PeerhoodNode[] = []
  afterEach(async () => { await Promise.all(nodes.map(async n => { await n.stop() })); nodes = [] })

  it('the endpoint that accepts joins the group; the other endpoint\'s invitation is cancelled', async () => {
    const adaKey = await generateKeyPairFromSeed('Ed25519', new Uint8Array(32).fill(7))
    const ada = { privateKey: adaKey, certificate: await createIdentityCertificate(adaKey, { displayName: 'ada' }) }
    const host = await startFull('host')
    // the desk runs on ada's own key; the laptop has its own key and ada's identity imported
    const desk = await startFull('ada', { privateKey: adaKey, autoJoinSessions: true })
    const laptop = await startFull('ada', { collaboration: { identity: ada }, autoJoinSessions: true })
    nodes = [host, desk, laptop]
    const adaId = desk.peerId.toString()
    const hostId = host.peerId.toString()
    await host.collaboration.addContact((await desk.collaboration.exportCard()).text)
    await host.collaboration.addContact((await laptop.collaboration.exportCard()).text)
    for (const a of [desk, laptop]) {
      await a.collaboration.addContact((await host.collaboration.exportCard()).text)
      await a.collaboration.updateContact(hostId, { watcherPermission: 'allowed' })
    }
    await host.collaboration.updateContact(adaId, { watch: true })
    await pWaitFor(() => host.collaboration.endpoints(adaId).filter(e => e.presence.status === 'online').length === 2, { timeout: 30_000 })
    // the endpoint invited second accepts, so the invitation the session was handed first is not the one accepted
    const [other, acceptor] = [desk, laptop].sort((a, b) => a.peerId.toString().localeCompare(b.peerId.toString())) as [PeerhoodNode, PeerhoodNode]
    acceptor.invitations.addEventListener('invitation:received', (evt) => { acceptor.invitations.accept(evt.detail.id).catch(() => {}) })

    const result = await host.invitations.hostSession({ appId: 'org.example.board', invite: [adaId], timeoutMs: 20_000 })
    assert.deepEqual(result.invitees.map(i => [i.outcome, i.peerId]), [['joined', acceptor.peerId.toString()]])
    assert.equal(result.complete, true)
    // the other endpoint's invitation was cancelled (withdrawn from its list if it had arrived)
    assert.deepEqual(host.invitations.sent().map(i => [i.peerId, i.state]).sort(), [[other.peerId.toString(), 'cancelled'], [acceptor.peerId.toString(), 'accepted']].sort())
    await pWaitFor(() => other.invitations.received().length === 0, { timeout: 10_000 })
    assert.ok(host.groups.connectedMembers(result.groupId).some(m => m.peerId === acceptor.peerId.toString()))
    assert.deepEqual((await other.groups.list()).map(g => g.groupId), [])
  })
})
