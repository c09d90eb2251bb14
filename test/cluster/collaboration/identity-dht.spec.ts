import assert from 'node:assert/strict'
import type { PrivateKey } from '@libp2p/interface'
import pWaitFor from 'p-wait-for'
import type { PeerhoodConfigInput } from '../../../config/schema.ts'
import { createPeerhood } from '../../../node/peerhood.ts'
import type { PeerhoodNode } from '../../../node/types.ts'
import { identityCid } from '../../../protocols/collaboration/contact-rendezvous.ts'
import type { CollaborationInit, RequestStatus } from '../../../protocols/collaboration/types.ts'
import { isPeerhoodError } from '../../../protocols/common/errors.ts'
import { sharedIdentity } from './nodes.ts'

const QUIET: PeerhoodConfigInput = {
  mdns: { enabled: false },
  connections: { inboundConnectionThreshold: 100, abortOnPingFailure: false }
}

describe('cluster: the endpoints of a watched identity found through the DHT (identity rendezvous)', function () {
  this.timeout(120_000)
  const nodes: PeerhoodNode[] = []
  afterEach(async () => { await Promise.allSettled(nodes.splice(0).map(async n => n.stop())) })

  async function node (config: PeerhoodConfigInput, options: { privateKey?: PrivateKey, collaboration?: CollaborationInit } = {}): Promise<PeerhoodNode> {
    const n = await createPeerhood({
      config: { ...QUIET, ...config },
      ...(options.privateKey === undefined ? {} : { privateKey: options.privateKey }),
      // searches on a short backoff (at once, 0.5 s, 1.5 s, then every 2 s); no watch retry in the way
      collaboration: { watchRetryMs: 60_000, findTickMs: 200, findBackoff: { minDelayMs: 500, maxDelayMs: 2_000, factor: 2, jitter: 0 }, ...options.collaboration }
    })
    nodes.push(n)
    await n.start()
    return n
  }

  /**
   * A DHT server (the only address anyone is given), the watcher W, and A1 on identity I's own
   * key, all on loopback, the others in DHT client mode; W holds A1's card only, watches I and
   * is allowed by A1. Returns a starter of more nodes on that DHT.
   */
  async function watcherOfA1 (): Promise<{ w: PeerhoodNode, a1: PeerhoodNode, ada: Awaited<ReturnType<typeof sharedIdentity>>, more: (options?: Parameters<typeof node>[1]) => Promise<PeerhoodNode> }> {
    const hub = await node({ listen: ['/ip4/127.0.0.1/tcp/0'], dht: { enabled: true, mode: 'server' } })
    const onDht: PeerhoodConfigInput = { listen: ['/ip4/127.0.0.1/tcp/0'], bootstrap: [hub.status().addresses[0]!], dht: { enabled: true, mode: 'client' } }
    const more = async (options: Parameters<typeof node>[1] = {}): Promise<PeerhoodNode> => {
      const n = await node(onDht, options)
      await n.collaboration.signin('internet')
      return n
    }
    const ada = await sharedIdentity('ada-dht')
    const w = await more()
    const a1 = await more({ privateKey: ada.privateKey })
    assert.equal(a1.peerId.toString(), ada.peerId)
    await w.collaboration.addContact((await a1.collaboration.exportCard()).text)
    await a1.collaboration.addContact((await w.collaboration.exportCard()).text)
    await a1.collaboration.updateContact(w.peerId.toString(), { watcherPermission: 'allowed' })
    await w.collaboration.updateContact(ada.peerId, { watch: true })
    return { w, a1, ada, more }
  }

  it('a watcher finds an endpoint of the identity that no card names and that never contacted it, lists it and sees its presence', async () => {
    const { w, a1, ada, more } = await watcherOfA1()
    const wId = w.peerId.toString()
    // A2: the identity imported as an endpoint (its own PeerId); it allows W but never watches it nor sends it its card
    const a2 = await more({ collaboration: { identity: { privateKey: ada.privateKey, certificate: ada.certificate } } })
    const a2Id = a2.peerId.toString()
    assert.deepEqual([a2.collaboration.me().peerId, a2.collaboration.me().endpointPeerId], [ada.peerId, a2Id])
    await a2.collaboration.addContact((await w.collaboration.exportCard()).text)
    await a2.collaboration.updateContact(wId, { watcherPermission: 'allowed' })
    await a2.collaboration.setPresence({ status: 'away', text: 'upstairs' })

    // W looks up I's identity content id, dials A2, which proves I with its endpoint certificate
    const listed = (): Array<[string, string, boolean]> => w.collaboration.endpoints(ada.peerId).map(e => [e.peerId, e.presence.status, e.subscribed])
    await pWaitFor(() => listed().some(([peer, status, subscribed]) => peer === a2Id && status === 'away' && subscribed), { timeout: 60_000, interval: 100 })
    await pWaitFor(() => listed().some(([peer, , subscribed]) => peer === a1.peerId.toString() && subscribed), { timeout: 60_000, interval: 100 })
    assert.equal(w.collaboration.endpoint(a2Id).contact, ada.peerId)
    assert.deepEqual(w.collaboration.contacts().map(c => c.peerId), [ada.peerId])
    assert.equal(w.collaboration.endpointOwner(a2Id), ada.peerId)

    // its presence changes reach W
    const busy = new Promise<void>(resolve => {
      w.collaboration.addEventListener('endpoint:presence-changed', (evt) => {
        if (evt.detail.peerId === a2Id && evt.detail.contact === ada.peerId && evt.detail.presence.status === 'busy') resolve()
      })
    })
    await a2.collaboration.setPresence({ status: 'busy', text: 'on the phone' })
    await busy
    assert.deepEqual(w.collaboration.endpoints(ada.peerId).find(e => e.peerId === a2Id)?.presence, { status: 'busy', text: 'on the phone' })
    // a2 never contacted W: W found it, not the other way round
    assert.deepEqual(a2.collaboration.contacts().filter(c => c.watch), [])
    assert.ok(w.libp2p.getConnections(a2.peerId).every(c => c.direction === 'outbound'))
  })

  it('a node announcing the identity that cannot prove it is not listed, and is penalised', async () => {
    const { w, ada, more } = await watcherOfA1()
    const wId = w.peerId.toString()
    // F: a node of another identity that announces I's identity content id, and allows W (so it answers W with its own proof)
    const eve = await sharedIdentity('eve-dht')
    const f = await more({ collaboration: { identity: { privateKey: eve.privateKey, certificate: eve.certificate } } })
    const fId = f.peerId.toString()
    await f.collaboration.addContact((await w.collaboration.exportCard()).text)
    await f.collaboration.updateContact(wId, { watcherPermission: 'allowed' })
    const statuses: RequestStatus[] = []
    w.collaboration.addEventListener('request:status', (evt) => { statuses.push(evt.detail) })
    const cid = identityCid(ada.peerId)!
    await pWaitFor(async () => {
      try {
        await f.libp2p.contentRouting.provide(cid, { signal: AbortSignal.timeout(15_000) })
        return true
      } catch { return false }
    }, { timeout: 60_000, interval: 200 })

    // W dials F from the DHT, F proves eve, not I: refused, dropped and penalised
    await pWaitFor(() => statuses.some(s => s.peerId === fId && s.operation === 'subscribe' && s.status === 'INVALID_CONTACT'), { timeout: 60_000, interval: 100 })
    assert.ok(!w.collaboration.endpoints(ada.peerId).some(e => e.peerId === fId))
    await assert.rejects(w.collaboration.subscribe(fId), (err: unknown) => isPeerhoodError(err) && err.code === 'THROTTLED')
    assert.notEqual(w.collaboration.endpointOwner(fId), ada.peerId)
    assert.throws(() => w.collaboration.endpoint(fId), (err: unknown) => isPeerhoodError(err) && err.code === 'NOT_FOUND')
  })
})
