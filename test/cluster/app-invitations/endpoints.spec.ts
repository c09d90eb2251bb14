import assert from 'node:assert/strict'
import { MemoryDatastore } from 'datastore-core'
import { multiaddr } from '@multiformats/multiaddr'
import pWaitFor from 'p-wait-for'
import { APP_INVITE_PROTOCOL } from '../../../protocols/app-invitations/index.ts'
import { Message, Reply } from '../../../protocols/app-invitations/pb/app-invite.ts'
import { ask, message } from '../../../protocols/app-invitations/wire.ts'
import { code, sharedIdentity } from '../collaboration/nodes.ts'
import { addressOf, type InviteNode, eventsOf, startNode, stopAll, waitForEvent } from './nodes.ts'

describe('cluster: inviting a contact signed in on several endpoints', function () {
  this.timeout(90_000)
  let nodes: InviteNode[] = []
  afterEach(async () => { await stopAll(nodes); nodes = [] })

  it('each endpoint is invited; the first acceptance wins and the other leaves its list cancelled; an endpoint invites as its identity', async () => {
    const ada = await sharedIdentity('ada')
    const w = await startNode('host')
    const a1 = await startNode('ada-desk', {}, new MemoryDatastore(), { identity: ada })
    const a2 = await startNode('ada-laptop', {}, new MemoryDatastore(), { identity: ada })
    nodes = [w, a1, a2]
    await w.collab.addContact((await a1.collab.exportCard()).text)
    for (const a of [a1, a2]) {
      await a.collab.addContact((await w.collab.exportCard()).text)
      await a.collab.updateContact(w.peerId, { watcherPermission: 'allowed' })
    }
    await w.collab.updateContact(ada.peerId, { watch: true, watcherPermission: 'allowed' })
    await a2.collab.updateContact(w.peerId, { watch: true })
    await pWaitFor(() => w.collab.endpoints(ada.peerId).filter(e => e.presence.status === 'online').length === 2, { timeout: 30_000 })

    const sent = await w.inv.invite(ada.peerId, { appId: 'org.example.chess', message: 'a game?' })
    assert.equal(sent.verified, true)
    assert.ok(sent.fanout !== undefined)
    const at1 = await waitForEvent(a1, 'invitation:received', d => d.appId === 'org.example.chess')
    const at2 = await waitForEvent(a2, 'invitation:received', d => d.appId === 'org.example.chess')
    for (const d of [at1, at2]) assert.deepEqual([d.from, d.contact, d.verified, d.nickname], [w.peerId, w.peerId, true, 'host'])
    const outcome = w.inv.waitForResponse(sent.id)
    await a2.inv.accept(at2.id)
    await waitForEvent(a1, 'invitation:cancelled', d => d.id === at1.id)
    assert.deepEqual(a1.inv.received(), [])
    await assert.rejects(a1.inv.accept(at1.id), code('INVITE_CANCELLED'))
    const won = await outcome
    assert.deepEqual([won.state, won.peerId, won.contact], ['accepted', a2.peerId, ada.peerId])
    assert.deepEqual(w.inv.sent().filter(i => i.fanout === sent.fanout).map(i => [i.peerId, i.state]).sort(),
      [[a1.peerId, 'cancelled'], [a2.peerId, 'accepted']].sort())

    // the other way: the laptop invites as ada (its certificate), and the host knows it as that contact
    await a2.inv.invite(w.peerId, { appId: 'org.example.chess' })
    const got = await waitForEvent(w, 'invitation:received', d => d.from === a2.peerId)
    assert.deepEqual([got.contact, got.verified, got.nickname], [ada.peerId, true, 'ada-desk'])
    assert.equal(eventsOf(w, 'invitation:received').length, 1)

    // another node replaying the laptop's certificate is refused, and the host sees nothing
    const f = await startNode('forger')
    nodes.push(f)
    const stream = await f.node.dialProtocol(multiaddr(addressOf(w)), APP_INVITE_PROTOCOL)
    const r = await ask(stream, message({ kind: Message.Kind.INVITE, id: 'x', appId: 'org.example.chess', expiresInMs: 60_000, contact: true,
      endpointCertificate: a2.collab.endpointCertificate() as Uint8Array<ArrayBuffer> }), AbortSignal.timeout(20_000))
    assert.equal(r.status, Reply.Status.INVALID_CONTACT)
    assert.equal(eventsOf(w, 'invitation:received').length, 1)
  })
})
