/**
 * The People Near Me service on the real `@libp2p/mdns` responder, with the UDP socket replaced
 * by an in-process link (packets go through dns-packet's encoder and decoder, to every socket on
 * the link, the sender's own included, as multicast with loopback does). No packet leaves the
 * process: real mDNS runs only in the LAN tier. The periodic query is not started, so every
 * change seen here comes from the service's own announcement, answers and goodbyes.
 */
import assert from 'node:assert/strict'
import { EventEmitter } from 'node:events'
import { generateKeyPair } from '@libp2p/crypto/keys'
import type { PeerId } from '@libp2p/interface'
import type { ComponentLogger, PeerDiscovery } from '@libp2p/interface'
import { mdns, type MulticastDNSComponents } from '@libp2p/mdns'
import { peerIdFromPrivateKey } from '@libp2p/peer-id'
import { multiaddr } from '@multiformats/multiaddr'
import dnsPacket, { type Answer, type Packet, type Question } from 'dns-packet'
import pWaitFor from 'p-wait-for'
import { isPeerhoodError } from '../../../protocols/common/errors.ts'
import { PeopleNearMeService } from '../../../protocols/people-near-me/people-near-me.ts'
import { encodeNames } from '../../../protocols/people-near-me/rules.ts'
import type { NearChangedDetail } from '../../../protocols/people-near-me/index.ts'

const TAG = '_peerhood._udp.local'
const noop = Object.assign(() => {}, { error: () => {}, trace: () => {}, enabled: false })
const logger = { forComponent: () => noop } as unknown as ComponentLogger

interface Sent { from: string, kind: 'query' | 'response', packet: Packet }

/** What @libp2p/mdns's MulticastDNS exposes at run time: its socket and its bound handlers. */
interface Responder extends PeerDiscovery {
  mdns?: LinkSocket
  _onMdnsQuery: (...args: unknown[]) => void
  _onMdnsResponse: (...args: unknown[]) => void
}

/** A multicast link: what one socket sends, every socket receives. */
class Link {
  readonly sockets = new Set<LinkSocket>()
  readonly sent: Sent[] = []
  deliver (from: string, kind: 'query' | 'response', packet: Packet): void {
    const decoded = dnsPacket.decode(dnsPacket.encode({ ...packet, type: kind }))
    this.sent.push({ from, kind, packet: decoded })
    setImmediate(() => { for (const s of this.sockets) s.emit(kind, decoded, { address: from, port: 5353 }) })
  }
}

/** The part of a multicast-dns socket @libp2p/mdns and the service use. */
class LinkSocket extends EventEmitter {
  constructor (readonly link: Link, readonly address: string) {
    super()
    link.sockets.add(this)
  }

  query (q: { questions: Question[] }): void { this.link.deliver(this.address, 'query', { questions: q.questions }) }

  respond (res: Answer[] | Packet, ...rest: unknown[]): void {
    const packet: Packet = Array.isArray(res) ? { answers: res } : res
    this.link.deliver(this.address, 'response', packet)
    const cb = rest.find(r => typeof r === 'function')
    if (typeof cb === 'function') setImmediate(cb as () => void)
  }
}

interface Host {
  peerId: PeerId
  socket: LinkSocket
  service: PeopleNearMeService
  changes: NearChangedDetail[]
  peers: string[]
}

async function host (link: Link, ip: string, init: { staleAfterMs?: number } = {}): Promise<Host> {
  const peerId = peerIdFromPrivateKey(await generateKeyPair('Ed25519'))
  const socket = new LinkSocket(link, ip)
  const addressManager = { getAddresses: () => [multiaddr(`/ip4/${ip}/tcp/4001/p2p/${peerId}`)] }
  // the real responder, on the link instead of UDP (start() would open port 5353)
  const responder = mdns({ serviceTag: TAG })({ addressManager, logger } as unknown as MulticastDNSComponents) as Responder
  responder.mdns = socket
  socket.on('query', responder._onMdnsQuery)
  socket.on('response', responder._onMdnsResponse)
  const peers: string[] = []
  responder.addEventListener('peer', evt => { peers.push(evt.detail.id.toString()) })
  const components = { peerId, logger, mdns: responder }
  const service = new PeopleNearMeService(components, { serviceTag: TAG, queryIntervalMs: 60_000, ...init })
  const changes: NearChangedDetail[] = []
  service.addEventListener('near:changed', evt => { changes.push(evt.detail) })
  await service.start()
  await service.afterStart()
  return { peerId, socket, service, changes, peers }
}

const txtStrings = (packet: Packet): string[] => [...(packet.answers ?? []), ...(packet.additionals ?? [])]
  .flatMap(r => r.type === 'TXT' ? [r.data].flat().map(b => b.toString()) : [])

describe('people near me: the service on the mDNS responder', () => {
  let link: Link
  let hosts: Host[]

  beforeEach(async () => {
    link = new Link()
    hosts = [await host(link, '10.77.0.1'), await host(link, '10.77.0.2'), await host(link, '10.77.0.3')]
  })

  afterEach(async () => {
    for (const h of hosts) { await h.service.beforeStop(); await h.service.stop() }
  })

  it('advertising announces at once: the others list the names, the advertiser never lists itself', async () => {
    const [a, b, c] = hosts as [Host, Host, Host]
    await a.service.advertise({ nickname: 'Alice', endpointName: 'alice-pc' })
    assert.equal(a.service.advertising, true)
    await pWaitFor(() => b.service.list().length === 1 && c.service.list().length === 1, { timeout: 5000 })
    const seen = b.service.get(a.peerId.toString())!
    assert.equal(seen.nickname, 'Alice')
    assert.equal(seen.endpointName, 'alice-pc')
    assert.deepEqual(seen.addresses, [`/ip4/10.77.0.1/tcp/4001/p2p/${a.peerId}`])
    assert.deepEqual(b.service.get(seen.id), seen)
    assert.deepEqual(b.changes.map(c => c.change), ['added'])
    assert.deepEqual(a.service.list(), [])
    // plain mDNS discovery goes on as before: the responder's answers still name the PeerId
    assert.ok(b.peers.includes(a.peerId.toString()))
  })

  it('a node that does not advertise answers as plain mDNS: no names, listed nowhere, sending nothing of its own', async () => {
    const [a, b, c] = hosts as [Host, Host, Host]
    await a.service.advertise({ nickname: 'Alice', endpointName: '' })
    await b.service.advertise({ nickname: 'Bob', endpointName: '' })
    await pWaitFor(() => a.service.list().length === 1 && b.service.list().length === 1 && c.service.list().length === 2, { timeout: 5000 })
    const fromC = link.sent.filter(s => s.from === '10.77.0.3')
    assert.ok(fromC.length > 0 && fromC.every(s => s.kind === 'response'), 'C only answers queries')
    assert.ok(fromC.every(s => txtStrings(s.packet).every(t => t.startsWith('dnsaddr='))), 'C\'s answers carry no names')
    assert.ok(a.peers.includes(c.peerId.toString()), 'C is still found by plain mDNS')
    assert.equal(a.service.get(c.peerId.toString()), undefined)
    assert.ok(!a.changes.some(ch => ch.person.peerId === c.peerId.toString()))
  })

  it('a rename is an update; advertise(undefined) sends a goodbye that removes at once', async () => {
    const [a, b] = hosts as [Host, Host]
    await a.service.advertise({ nickname: 'Alice', endpointName: 'pc' })
    await pWaitFor(() => b.service.list().length === 1, { timeout: 5000 })
    await a.service.advertise({ nickname: 'Alicia', endpointName: 'pc' })
    await pWaitFor(() => b.service.get(a.peerId.toString())?.nickname === 'Alicia', { timeout: 5000 })
    assert.deepEqual(b.changes.map(c => c.change), ['added', 'updated'])
    const before = link.sent.length
    await a.service.advertise(undefined)
    assert.equal(a.service.advertising, false)
    await pWaitFor(() => b.service.list().length === 0, { timeout: 5000 })
    assert.deepEqual(b.changes.map(c => c.change), ['added', 'updated', 'removed'])
    // removed by the goodbye alone: no query was sent after it
    const after = link.sent.slice(before)
    assert.deepEqual(after.map(s => s.kind), ['response'])
    assert.deepEqual(after[0]!.packet.answers!.map(r => [r.type, 'ttl' in r ? r.ttl : undefined]), [['PTR', 0]])
  })

  it('stopping while advertising says goodbye', async () => {
    const [a, b] = hosts as [Host, Host]
    await a.service.advertise({ nickname: 'Alice', endpointName: 'pc' })
    await pWaitFor(() => b.service.list().length === 1, { timeout: 5000 })
    await a.service.beforeStop()
    await a.service.stop()
    await pWaitFor(() => b.service.list().length === 0, { timeout: 5000 })
  })

  it('someone who stops refreshing is removed after the stale time', async () => {
    const quick = await host(link, '10.77.0.9', { staleAfterMs: 300 })
    hosts.push(quick)
    const [a] = hosts as [Host]
    await a.service.advertise({ nickname: 'Alice', endpointName: 'pc' })
    await pWaitFor(() => quick.service.list().length === 1, { timeout: 5000 })
    const seen = Date.now()
    link.sockets.delete(a.socket) // the cable is cut: nothing more from A
    await pWaitFor(() => quick.service.list().length === 0, { interval: 10, timeout: 5000 })
    const elapsed = Date.now() - seen
    assert.ok(elapsed >= 250 && elapsed < 1500, `removed after ${elapsed} ms`)
    assert.equal(quick.changes.at(-1)?.change, 'removed')
  })

  it('refuses bad names with INVALID_ARGUMENT and keeps advertising what it had', async () => {
    const [a, b] = hosts as [Host, Host]
    for (const bad of [{ nickname: '', endpointName: '' }, { nickname: 'x'.repeat(256), endpointName: '' }, { nickname: 'ok', endpointName: 'a\u202eb' }]) {
      await assert.rejects(a.service.advertise(bad), (err: unknown) => isPeerhoodError(err, 'INVALID_ARGUMENT'))
    }
    assert.equal(a.service.advertising, false)
    await a.service.advertise({ nickname: 'Alice', endpointName: 'pc' })
    await assert.rejects(a.service.advertise({ nickname: '\x1b[2J', endpointName: 'pc' }), (err: unknown) => isPeerhoodError(err, 'INVALID_ARGUMENT'))
    assert.equal(a.service.advertising, true)
    b.socket.query({ questions: [{ name: TAG, type: 'PTR' }] })
    await pWaitFor(() => b.service.list().length === 1, { timeout: 5000 })
    assert.equal(b.service.get(a.peerId.toString())?.nickname, 'Alice')
  })

  it('a flood of fake announcements from one network is bounded; people already listed stay', async () => {
    const [a, b] = hosts as [Host, Host]
    await a.service.advertise({ nickname: 'Alice', endpointName: 'pc' })
    await pWaitFor(() => b.service.list().length === 1, { timeout: 5000 })
    const attacker = new LinkSocket(link, '10.77.0.66')
    let delivered = 0
    b.socket.on('response', (_packet: unknown, rinfo: { address: string }) => { if (rinfo.address === '10.77.0.66') delivered++ })
    for (let i = 0; i < 100; i++) {
      const fake = peerIdFromPrivateKey(await generateKeyPair('Ed25519'))
      const instance = `fake${i}.${TAG}`
      attacker.respond([
        { name: TAG, type: 'PTR', ttl: 120, data: instance },
        { name: instance, type: 'TXT', ttl: 120, data: [`dnsaddr=/ip4/10.77.0.66/tcp/1/p2p/${fake}`, ...encodeNames({ nickname: `fake ${i}`, endpointName: '' })] }
      ])
    }
    await pWaitFor(() => delivered === 100, { timeout: 5000 })
    assert.equal(b.service.list().length, 64)
    assert.equal(b.service.get(a.peerId.toString())?.nickname, 'Alice')
  })
})
