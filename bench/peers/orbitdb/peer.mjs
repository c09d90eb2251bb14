/**
 * One OrbitDB 4 peer (Helia 6, libp2p 3) for Peerhood's comparison benchmark, driven over stdin/stdout
 * by `bench/scenarios/peers.ts` with the same command protocol as `bench/peers/peerhood-peer.ts`:
 * one JSON command a line in, one JSON event a line out. Loopback only: TCP on 127.0.0.1, no
 * bootstrap, no delegated routing, no HTTP gateways, bitswap as the only block broker.
 *
 *   node peer.mjs DIR [ADDRESS]      ADDRESS: an OrbitDB address opened (and counted) before `ready`
 */
import { createInterface } from 'node:readline'
import { noise } from '@chainsafe/libp2p-noise'
import { yamux } from '@chainsafe/libp2p-yamux'
import { bitswap } from '@helia/block-brokers'
import { libp2pRouting } from '@helia/routers'
import { gossipsub } from '@libp2p/gossipsub'
import { identify } from '@libp2p/identify'
import { tcp } from '@libp2p/tcp'
import { multiaddr } from '@multiformats/multiaddr'
import { createOrbitDB } from '@orbitdb/core'
import { LevelBlockstore } from 'blockstore-level'
import { LevelDatastore } from 'datastore-level'
import { createHelia } from 'helia'
import { createLibp2p } from 'libp2p'

const [dir, openAddress] = process.argv.slice(2)
const say = (event) => { process.stdout.write(JSON.stringify(event) + '\n') }

const datastore = new LevelDatastore(`${dir}/datastore`)
const blockstore = new LevelBlockstore(`${dir}/blocks`)
const libp2p = await createLibp2p({
  addresses: { listen: ['/ip4/127.0.0.1/tcp/0'] },
  transports: [tcp()],
  connectionEncrypters: [noise()],
  streamMuxers: [yamux()],
  datastore,
  services: { identify: identify(), pubsub: gossipsub({ allowPublishToZeroTopicPeers: true }) }
})
const helia = await createHelia({ libp2p, datastore, blockstore, blockBrokers: [bitswap()], routers: [libp2pRouting(libp2p)] })
const orbitdb = await createOrbitDB({ ipfs: helia, directory: `${dir}/orbitdb` })

let db
let count = 0
let waiting
/** Counts the log's entries: OrbitDB emits one `update` per joined head, after fetching what it links to. */
let grewAt = 0
async function recount () {
  let n = 0
  for await (const _ of db.iterator()) n++
  if (n > count) grewAt = performance.now()
  count = n
  if (waiting !== undefined && count >= waiting.expect) { const w = waiting; waiting = undefined; w.resolve() }
}
let counting = Promise.resolve()
function track (opened) {
  db = opened
  db.events.on('update', () => { counting = counting.then(recount) })
}
async function untilCount (expect) {
  await counting
  if (count >= expect) return
  await new Promise(resolve => { waiting = { expect, resolve } })
}

if (openAddress !== undefined) {
  track(await orbitdb.open(openAddress))
  await recount()
}

function payload (size, i) {
  const head = `${process.pid}-${i}-`
  return head + 'x'.repeat(Math.max(0, size - head.length))
}

let written = 0
async function write (count, size) {
  const start = performance.now()
  for (let i = 0; i < count; i++) await db.add(payload(size, written++))
  return (performance.now() - start) / 1000
}

const commands = {
  async create ({ count, size }) {
    track(await orbitdb.open('peerhood-bench', { type: 'events' }))
    return { event: 'created', seconds: await write(count, size) }
  },
  async add ({ count, size }) {
    return { event: 'added', seconds: await write(count, size) }
  },
  async grant () {
    return { event: 'granted', token: db.address.toString() }
  },
  async open ({ token, address, expect }) {
    const start = performance.now()
    await libp2p.dial(multiaddr(address))
    track(await orbitdb.open(token))
    await untilCount(expect)
    return { event: 'synced', seconds: (performance.now() - start) / 1000, count }
  },
  async wait ({ address, expect }) {
    await libp2p.dial(multiaddr(address))
    await untilCount(expect)
    // from the moment the peer was ready (its database open) to the last entry of the catch-up
    return { event: 'synced', seconds: Math.max(0, grewAt - readyAt) / 1000, count }
  },
  async rss () {
    return { event: 'rss', maxRssBytes: process.resourceUsage().maxRSS * 1024 }
  },
  async stop () {
    await orbitdb.stop()
    await helia.stop()
    return { event: 'stopped' }
  }
}

const readyAt = performance.now()
say({ event: 'ready', peerId: libp2p.peerId.toString(), address: libp2p.getMultiaddrs()[0].toString(), count })
for await (const line of createInterface({ input: process.stdin })) {
  if (line.trim() === '') continue
  const command = JSON.parse(line)
  try {
    say(await commands[command.cmd](command))
  } catch (err) {
    say({ event: 'error', message: String(err?.stack ?? err) })
  }
  if (command.cmd === 'stop') process.exit(0)
}
