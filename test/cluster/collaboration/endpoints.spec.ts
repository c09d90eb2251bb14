import assert from 'node:assert/strict'
import { pbStream } from '@libp2p/utils'
import { multiaddr } from '@multiformats/multiaddr'
import pWaitFor from 'p-wait-for'
import { COLLAB_PROTOCOL } from '../../../protocols/collaboration/constants.ts'
import { Frame, Kind, Request, Status } from '../../../protocols/collaboration/pb/collab.ts'
import { createEndpointCertificate } from '../../../protocols/contacts/endpoint-certificate.ts'
import { type CollabNode, code, sharedIdentity, startCollab, stopAll, waitForEvent } from './nodes.ts'

async function started (name: string, init: Parameters<typeof startCollab>[1] = {}): Promise<CollabNode> {
  const t = await startCollab(name, init)
  await t.node.start()
  await t.collab.signin('internet')
  return t
}

/** Sends one raw request from `from` to `to` with `certificate` and returns the status of the answer. */
async function rawRequest (from: CollabNode, to: CollabNode, certificate: Uint8Array): Promise<Status> {
  const stream = await from.node.dialProtocol(multiaddr(to.node.getMultiaddrs()[0]!.toString()), COLLAB_PROTOCOL)
  const pb = pbStream(stream, { maxDataLength: 1 << 20 })
  await pb.write({ kind: Kind.SUBSCRIBE, endpointCertificate: certificate as Uint8Array<ArrayBuffer> }, Request, { signal: AbortSignal.timeout(20_000) })
  const first = await pb.read(Frame, { signal: AbortSignal.timeout(20_000) })
  await stream.close().catch(() => {})
  return first.status
}

describe('cluster: several endpoints of one identity (endpoint certificates)', function () {
  this.timeout(90_000)
  let nodes: CollabNode[] = []
  afterEach(async () => { await stopAll(nodes); nodes = [] })

  it('two nodes of one exported identity both appear in a watcher\'s endpoint list, each with its own presence', async () => {
    const ada = await sharedIdentity('ada')
    const w = await started('watcher')
    const a1 = await started('ada-desk', { identity: ada })
    const a2 = await started('ada-laptop', { identity: ada })
    nodes = [w, a1, a2]
    assert.notEqual(a1.peerId, a2.peerId)
    assert.deepEqual([a1.collab.me().peerId, a2.collab.me().peerId, a1.collab.me().endpointPeerId], [ada.peerId, ada.peerId, a1.peerId])

    // the card names the identity, its addresses the node that made it
    const card = await a1.collab.exportCard()
    assert.equal(card.peerId, ada.peerId)
    assert.ok(card.addresses.every(a => a.endsWith(`/p2p/${a1.peerId}`)))
    await w.collab.addContact(card.text)
    for (const a of [a1, a2]) {
      await a.collab.addContact((await w.collab.exportCard()).text)
      await a.collab.updateContact(w.peerId, { watcherPermission: 'allowed' })
    }
    // the watcher knows the desk from the card; the laptop makes itself known by watching the watcher
    await w.collab.updateContact(ada.peerId, { watch: true, watcherPermission: 'allowed' })
    await a2.collab.updateContact(w.peerId, { watch: true })
    await waitForEvent(a2, 'endpoint:presence-changed', d => d.peerId === w.peerId && d.contact === w.peerId && d.presence.status === 'online', 30_000)
    await pWaitFor(() => w.collab.endpoints(ada.peerId).filter(e => e.subscribed && e.presence.status === 'online').length === 2, { timeout: 30_000 })
    assert.deepEqual(w.collab.endpoints(ada.peerId).map(e => [e.peerId, e.endpointName]).sort(),
      [[a1.peerId, 'ada-desk-pc'], [a2.peerId, 'ada-laptop-pc']].sort())
    assert.deepEqual(w.collab.contacts().map(c => c.peerId), [ada.peerId])
    assert.equal(w.collab.endpoint(a2.peerId).contact, ada.peerId)

    await a2.collab.setPresence({ status: 'busy', text: 'on the train' })
    await waitForEvent(w, 'endpoint:presence-changed', d => d.peerId === a2.peerId && d.contact === ada.peerId && d.presence.status === 'busy', 30_000)
    await a1.collab.setPresence({ status: 'away' })
    await waitForEvent(w, 'endpoint:presence-changed', d => d.peerId === a1.peerId && d.contact === ada.peerId && d.presence.status === 'away', 30_000)
    assert.deepEqual(w.collab.endpoints(ada.peerId).map(e => [e.peerId, e.presence.status]).sort(), [[a1.peerId, 'away'], [a2.peerId, 'busy']].sort())
    // neither node runs on ada's own key: the contact's presence is one of its endpoints'
    assert.ok(['away', 'busy'].includes(w.collab.presence(ada.peerId).status))

    // revoking the identity's watching ends the subscriptions of every one of its endpoints
    await w.collab.updateContact(ada.peerId, { watcherPermission: 'blocked' })
    await waitForEvent(a2, 'endpoint:presence-changed', d => d.peerId === w.peerId && d.presence.status === 'offline', 30_000)
  })

  it('a forged, replayed or expired endpoint certificate is refused with INVALID_CONTACT; a forgery is penalised', async () => {
    const ada = await sharedIdentity('ada')
    const eve = await sharedIdentity('eve')
    const w = await started('watcher2')
    const a1 = await started('ada-desk2', { identity: ada })
    const f = await started('forger')
    nodes = [w, a1, f]
    await w.collab.addContact((await a1.collab.exportCard()).text)
    await w.collab.updateContact(ada.peerId, { watcherPermission: 'allowed' })

    // the genuine endpoint is allowed: its certificate proves ada
    assert.equal(await rawRequest(a1, w, a1.collab.endpointCertificate()), Status.OK)
    // an expired certificate issued by ada's key for the forger's own PeerId: refused, not penalised
    const expired = createEndpointCertificate(ada.privateKey, f.peerId, { issuedAt: Date.now() - 2 * 3600_000, lifetimeMs: 3600_000 })
    assert.equal(await rawRequest(f, w, expired), Status.INVALID_CONTACT)
    // a certificate of another PeerId (the desk's, replayed by the forger): refused and penalised
    assert.equal(await rawRequest(f, w, a1.collab.endpointCertificate()), Status.INVALID_CONTACT)
    assert.equal(await rawRequest(f, w, new Uint8Array(0)), Status.THROTTLED)

    // signed by another key: eve's key vouching for a node proves eve, never ada
    const e1 = await started('eve-node', { identity: eve })
    nodes.push(e1)
    assert.equal(await rawRequest(e1, w, e1.collab.endpointCertificate()), Status.NOT_AUTHORIZED)
    // a certificate that claims ada's key but is signed by eve's does not verify
    const forged = createEndpointCertificate(eve.privateKey, e1.peerId)
    const adaRaw = ada.privateKey.publicKey.raw
    const tampered = new Uint8Array(forged)
    tampered.set(adaRaw, Buffer.from(forged).indexOf(Buffer.from(eve.privateKey.publicKey.raw)))
    assert.equal(await rawRequest(e1, w, tampered), Status.INVALID_CONTACT)
    assert.equal(await rawRequest(e1, w, e1.collab.endpointCertificate()), Status.THROTTLED)

    // none of them is an endpoint of ada for the watcher, who still watches the genuine one
    await a1.collab.addContact((await w.collab.exportCard()).text)
    await a1.collab.updateContact(w.peerId, { watcherPermission: 'allowed' })
    await w.collab.updateContact(ada.peerId, { watch: true })
    await pWaitFor(() => w.collab.endpoints(ada.peerId).some(e => e.subscribed), { timeout: 30_000 })
    assert.deepEqual(w.collab.endpoints(ada.peerId).map(e => e.peerId), [a1.peerId])
    // and the penalty holds on the watcher's side too
    await assert.rejects(w.collab.subscribe(f.peerId), code('THROTTLED'))
  })
})
