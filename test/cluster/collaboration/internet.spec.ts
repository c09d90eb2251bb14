import assert from 'node:assert/strict'
import { generateKeyPair } from '@libp2p/crypto/keys'
import type { PrivateKey } from '@libp2p/interface'
import pWaitFor from 'p-wait-for'
import type { PeerhoodConfigInput } from '../../../config/schema.ts'
import { createPeerhood } from '../../../node/peerhood.ts'
import type { PeerhoodNode } from '../../../node/types.ts'
import { createCard, parseCard } from '../../../protocols/contacts/card.ts'

const QUIET: PeerhoodConfigInput = {
  mdns: { enabled: false },
  connections: { inboundConnectionThreshold: 100, abortOnPingFailure: false }
}

describe('cluster: collaboration\'s internet scope (contacts found through the DHT, reached through a relay)', function () {
  this.timeout(120_000)
  const nodes: PeerhoodNode[] = []
  afterEach(async () => { await Promise.allSettled(nodes.splice(0).map(async n => n.stop())) })

  async function node (config: PeerhoodConfigInput, privateKey?: PrivateKey): Promise<PeerhoodNode> {
    const n = await createPeerhood({
      config: { ...QUIET, ...config },
      ...(privateKey === undefined ? {} : { privateKey }),
      collaboration: { watchRetryMs: 60_000, findTickMs: 200, findBackoff: { minDelayMs: 500, maxDelayMs: 2_000, factor: 2, jitter: 0 } },
      // queued invitations are retried every second (30 s by default)
      invitations: { queueRetryMs: 1_000 }
    })
    nodes.push(n)
    await n.start()
    return n
  }

  /** A card of `n` with no address in it: the holder knows the PeerId and the identity, not where it is. */
  async function addresslessCard (n: PeerhoodNode, key: PrivateKey): Promise<string> {
    const card = parseCard((await n.collaboration.exportCard()).text)
    return createCard(key, card.certificate, { nickname: card.nickname, displayName: card.displayName, email: card.email, addresses: [] })
  }

  /**
   * The public node (DHT server and relay, the only address anyone is given) and two contacts
   * "behind NAT" (no listening address of their own, reachable only through the relay), signed in
   * to internet, holding each other's cards without addresses.
   */
  async function contactsBehindRelay (relay: PeerhoodConfigInput['relay']): Promise<{ a: PeerhoodNode, b: PeerhoodNode, keyA: PrivateKey, keyB: PrivateKey, behindNat: PeerhoodConfigInput }> {
    const hub = await node({ listen: ['/ip4/127.0.0.1/tcp/0'], dht: { enabled: true, mode: 'server' }, relay: { server: true, ...relay } })
    const hubAddress = hub.status().addresses[0]!
    const behindNat: PeerhoodConfigInput = { listen: [], bootstrap: [hubAddress], dht: { enabled: true, mode: 'client' }, relay: { reserve: true, relays: [hubAddress] } }
    const keyA = await generateKeyPair('Ed25519')
    const keyB = await generateKeyPair('Ed25519')
    const a = await node(behindNat, keyA)
    const b = await node(behindNat, keyB)
    await a.collaboration.signin('internet')
    await b.collaboration.signin('internet')
    await b.collaboration.addContact(await addresslessCard(a, keyA))
    await a.collaboration.addContact(await addresslessCard(b, keyB))
    return { a, b, keyA, keyB, behindNat }
  }

  it('two contacts that listen only on a relay, never connected, find each other by PeerId through the DHT and see presence, objects and applications', async () => {
    const { a, b } = await contactsBehindRelay({ dataLimit: 1024 * 1024 })
    assert.equal(a.libp2p.getConnections(b.peerId).length, 0, 'a and b were never connected')
    await a.collaboration.updateContact(b.peerId.toString(), { watcherPermission: 'allowed', watch: true })
    await b.collaboration.updateContact(a.peerId.toString(), { watcherPermission: 'allowed', watch: true })

    // each finds the other (the DHT gives its /p2p-circuit address) and watches it over the relayed connection
    await pWaitFor(() => { try { return a.collaboration.endpoint(b.peerId.toString()).subscribed } catch { return false } }, { timeout: 60_000, interval: 100 })
    await pWaitFor(() => { try { return b.collaboration.endpoint(a.peerId.toString()).subscribed } catch { return false } }, { timeout: 60_000, interval: 100 })
    const conns = a.libp2p.getConnections(b.peerId)
    assert.ok(conns.length > 0 && conns.every(c => c.limits != null), 'a reaches b only through the relay')

    await b.collaboration.setPresence({ status: 'busy', text: 'across networks' })
    await pWaitFor(() => a.collaboration.endpoint(b.peerId.toString()).presence.text === 'across networks', { timeout: 30_000, interval: 100 })
    assert.equal(a.collaboration.endpoint(b.peerId.toString()).presence.status, 'busy')
    await a.collaboration.setPresence({ status: 'away', text: 'back soon' })
    await pWaitFor(() => b.collaboration.endpoint(a.peerId.toString()).presence.status === 'away', { timeout: 30_000, interval: 100 })
    // objects and applications cross the relay too
    await b.collaboration.setObject({ id: 'org.example.picture', data: new Uint8Array(8 * 1024).fill(5) })
    await b.collaboration.registerApplication({ id: 'org.example.chat', description: 'Chat', data: new Uint8Array([1, 2]), launch: '/usr/bin/chat' })
    await pWaitFor(() => {
      const seen = a.collaboration.endpoint(b.peerId.toString())
      return seen.objects.some(o => o.id === 'org.example.picture' && o.data.length === 8 * 1024) && seen.applications.some(x => x.id === 'org.example.chat')
    }, { timeout: 30_000, interval: 100 })
  })

  it('an application invitation to a contact reachable only through the relay is delivered, accepted and answered over the relayed connection', async () => {
    const { a, b } = await contactsBehindRelay({ dataLimit: 1024 * 1024 })
    // a watches b: the contact finder finds b through the DHT and opens the relayed connection
    await b.collaboration.updateContact(a.peerId.toString(), { watcherPermission: 'allowed' })
    await a.collaboration.updateContact(b.peerId.toString(), { watch: true })
    await pWaitFor(() => { try { return a.collaboration.endpoint(b.peerId.toString()).subscribed } catch { return false } }, { timeout: 60_000, interval: 100 })
    // the invitation and its answer ride the watch's circuit: no second one is dialled
    let circuits = 0
    a.libp2p.addEventListener('connection:open', (evt) => { if (evt.detail.remotePeer.equals(b.peerId)) circuits++ })
    b.libp2p.addEventListener('connection:open', (evt) => { if (evt.detail.remotePeer.equals(a.peerId)) circuits++ })
    const received = new Promise<string>(resolve => { b.invitations.addEventListener('invitation:received', (evt) => { resolve(evt.detail.id) }, { once: true }) })
    const sent = await a.invitations.invite(b.peerId.toString(), { appId: 'org.example.chess', message: 'a game?', data: new Uint8Array(16 * 1024).fill(3) })
    assert.deepEqual([sent.state, sent.verified], ['delivered', true])
    const got = b.invitations.incoming(await received)
    assert.deepEqual([got.from, got.verified, got.data.length], [a.peerId.toString(), true, 16 * 1024])
    await b.invitations.accept(got.id, { message: 'yes' })
    const answer = await a.invitations.waitForResponse(sent.id, { signal: AbortSignal.timeout(30_000) })
    assert.deepEqual([answer.state, answer.responseMessage], ['accepted', 'yes'])
    assert.equal(circuits, 0)
    const conns = a.libp2p.getConnections(b.peerId)
    assert.ok(conns.length > 0 && conns.every(c => c.limits != null), 'a reaches b only through the relay')
  })

  it('an invitation to a contact that is offline waits in the queue and crosses the relay when the contact is back', async () => {
    const { a, b, keyA, keyB, behindNat } = await contactsBehindRelay({ dataLimit: 1024 * 1024 })
    await b.stop()
    const sent = await a.invitations.invite(b.peerId.toString(), { appId: 'org.example.chess', message: 'when you are back' })
    assert.equal(sent.state, 'queued')
    // b comes back (same identity, a fresh store) behind its relay, a's contact again
    const back = await node(behindNat, keyB)
    await back.collaboration.signin('internet')
    await back.collaboration.addContact(await addresslessCard(a, keyA))
    const received = new Promise<string>(resolve => { back.invitations.addEventListener('invitation:received', (evt) => { resolve(evt.detail.id) }, { once: true }) })
    const got = back.invitations.incoming(await received)
    assert.deepEqual([got.from, got.verified, got.message], [a.peerId.toString(), true, 'when you are back'])
    await back.invitations.accept(got.id)
    assert.equal((await a.invitations.waitForResponse(sent.id, { signal: AbortSignal.timeout(30_000) })).state, 'accepted')
    const conns = a.libp2p.getConnections(back.peerId)
    assert.ok(conns.length > 0 && conns.every(c => c.limits != null), 'a reaches b only through the relay')
  })

  it('a relay closing the circuit at its duration limit does not show the contact offline: a new circuit carries the watch on', async () => {
    const { a, b } = await contactsBehindRelay({ durationLimit: 3_000 })
    await b.collaboration.updateContact(a.peerId.toString(), { watcherPermission: 'allowed' })
    const seen: string[] = []
    a.collaboration.addEventListener('endpoint:presence-changed', (evt) => { if (evt.detail.peerId === b.peerId.toString()) seen.push(evt.detail.presence.status) })
    await a.collaboration.updateContact(b.peerId.toString(), { watch: true })
    const subscribed = (): boolean => { try { return a.collaboration.endpoint(b.peerId.toString()).subscribed } catch { return false } }
    await pWaitFor(subscribed, { timeout: 60_000, interval: 100 })
    const first = a.libp2p.getConnections(b.peerId)[0]!
    assert.ok(first.limits != null)
    // the relay closes the circuit after 3 s; the finder dials a new one and the watch opens on it
    await pWaitFor(() => first.status !== 'open' && subscribed() && a.libp2p.getConnections(b.peerId).some(c => c.id !== first.id), { timeout: 60_000, interval: 100 })
    assert.ok(!seen.includes('offline'), `presence seen: ${seen.join(', ')}`)
    assert.equal(a.collaboration.endpoint(b.peerId.toString()).presence.status, 'online')
  })

  it('a contact whose snapshot cannot cross the relay\'s data limit is redialled on the backoff, not at every tick', async () => {
    const { a, b } = await contactsBehindRelay({ dataLimit: 16 * 1024 })
    for (let i = 0; i < 4; i++) await b.collaboration.setObject({ id: `org.example.big${i}`, data: new Uint8Array(15 * 1024).fill(i) })
    await b.collaboration.updateContact(a.peerId.toString(), { watcherPermission: 'allowed' })
    let circuits = 0
    a.libp2p.addEventListener('connection:open', (evt) => { if (evt.detail.remotePeer.equals(b.peerId)) circuits++ })
    await a.collaboration.updateContact(b.peerId.toString(), { watch: true })
    // it is redialled at all: a second circuit opens once the first was cut at the data limit
    await pWaitFor(() => circuits >= 2, { timeout: 30_000, interval: 50 })
    // then a window of 6 s: searches on the backoff start at 0, 0.5, 1.5, 3.5, 5.5 s (five, each
    // opening a circuit or two: the dial and the watch's own), where a search at every 200 ms tick
    // would open thirty or more; a loaded machine only lowers both counts
    const before = circuits
    await new Promise(resolve => setTimeout(resolve, 6_000))
    assert.ok(circuits - before <= 12, `${circuits - before} circuits in 6 s`)
    assert.throws(() => a.collaboration.endpoint(b.peerId.toString()))
  })
})
