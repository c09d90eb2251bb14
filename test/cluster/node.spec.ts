import assert from 'node:assert/strict'
import { memory } from '@libp2p/memory'
import pWaitFor from 'p-wait-for'
import { createPeerhood } from '../../node/peerhood.ts'
import type { PeerhoodNode } from '../../node/types.ts'
import type { PeerhoodEvent } from '../../node/events.ts'
import { tempDir } from '../helpers/temp-dir.ts'

const QUIET = { mdns: { enabled: false }, dht: { enabled: false } }

describe('cluster: a node', () => {
  const nodes: PeerhoodNode[] = []
  const dirs: Array<{ remove: () => Promise<void> }> = []
  afterEach(async () => {
    await Promise.all(nodes.splice(0).map(async n => n.stop()))
    for (const d of dirs.splice(0)) await d.remove()
  })

  async function memoryNode (name: string): Promise<PeerhoodNode> {
    const node = await createPeerhood({ config: { ...QUIET, listen: [`/memory/${name}-${Math.random()}`] }, transports: [memory()] })
    nodes.push(node)
    await node.start()
    return node
  }

  it('connects, pings and reports peers and events over the memory transport', async () => {
    const a = await memoryNode('a')
    const b = await memoryNode('b')
    const seen: PeerhoodEvent[] = []
    a.events.subscribe({ types: ['peer:'] }, e => { seen.push(e) })
    const summary = await a.connect(b.status().addresses[0]!)
    assert.equal(summary.peerId, b.peerId.toString())
    await pWaitFor(() => seen.some(e => e.type === 'peer:connected' && e.data.peerId === b.peerId.toString()))
    const pong = await a.ping(b.peerId.toString())
    assert.equal(pong.peerId, b.peerId.toString())
    assert.ok(pong.rttMs >= 0)
    assert.deepEqual((await a.peers()).map(p => p.peerId), [b.peerId.toString()])
    await b.stop()
    await pWaitFor(() => seen.some(e => e.type === 'peer:disconnected'))
  })

  it('refuses bad input with codes', async () => {
    const a = await memoryNode('c')
    await assert.rejects(a.connect('nonsense'), { code: 'INVALID_MULTIADDR' })
    await assert.rejects(a.connect(a.status().addresses[0]!), { code: 'CONNECT_SELF' })
    await assert.rejects(a.ping('not-a-peer-id'), { code: 'INVALID_PEER_ID' })
    await assert.rejects(createPeerhood({ config: { api: { port: -1 } } as any }), { code: 'INVALID_CONFIG' })
  })

  it('keeps its PeerId and peer store in LevelDB across restarts, and locks the data directory', async () => {
    const dir = await tempDir()
    dirs.push(dir)
    const config = { ...QUIET, listen: ['/ip4/127.0.0.1/tcp/0'] }
    const first = await createPeerhood({ dataDir: dir.path, config })
    await first.start()
    await assert.rejects(createPeerhood({ dataDir: dir.path, config }), { code: 'DATA_DIR_LOCKED' })
    const id = first.peerId.toString()
    await first.stop()
    const second = await createPeerhood({ dataDir: dir.path, config })
    nodes.push(second)
    await second.start()
    assert.equal(second.peerId.toString(), id)
    assert.ok(second.apiUrl?.startsWith('http://127.0.0.1:'))
  })

  it('turns a listen port in use into PORT_IN_USE', async () => {
    const a = await createPeerhood({ config: { ...QUIET, listen: ['/ip4/127.0.0.1/tcp/0'] } })
    nodes.push(a)
    await a.start()
    const port = a.status().addresses[0]!.split('/')[4]
    const b = await createPeerhood({ config: { ...QUIET, listen: [`/ip4/127.0.0.1/tcp/${port}`] } })
    await assert.rejects(b.start(), { code: 'PORT_IN_USE' })
  })

  it('advertises its announce addresses (a forwarded port) to the peers it meets, beside its own', async () => {
    // 127.0.0.2:4009 stands for a router's forwarded port: only advertised here, never dialled
    const a = await createPeerhood({ config: { ...QUIET, listen: ['/ip4/127.0.0.1/tcp/0'], announce: ['/ip4/127.0.0.2/tcp/4009'] } })
    const b = await createPeerhood({ config: { ...QUIET, listen: ['/ip4/127.0.0.1/tcp/0'] } })
    nodes.push(a, b)
    await a.start()
    await b.start()
    const own = a.status().addresses
    assert.ok(own.includes(`/ip4/127.0.0.2/tcp/4009/p2p/${a.peerId}`) && own.some(x => x.startsWith('/ip4/127.0.0.1/tcp/')), own.join(' '))
    await b.libp2p.dial(a.libp2p.getMultiaddrs().find(x => x.toString().startsWith('/ip4/127.0.0.1/'))!)
    // identify tells b
    await pWaitFor(async () => (await b.libp2p.peerStore.get(a.peerId).catch(() => undefined))?.addresses.some(x => x.multiaddr.toString() === '/ip4/127.0.0.2/tcp/4009') === true, { timeout: 30_000, interval: 100 })
  })

  it('serves Prometheus metrics with libp2p and node figures', async () => {
    const a = await memoryNode('m')
    const text = await a.metrics()
    assert.match(text, /^peerhood_connected_peers /m)
    assert.match(text, /^peerhood_events_total\{type="node:ready"\} 1/m)
    assert.match(text, /libp2p_/)
  })
})
