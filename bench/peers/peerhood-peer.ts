/**
 * One Peerhood peer for the comparison benchmark (`npm run bench -- peers`), driven over
 * stdin/stdout by `bench/scenarios/peers.ts` with the same command protocol as
 * `bench/peers/orbitdb/peer.mjs`: one JSON command a line in, one JSON event a line out. A node
 * embedded with `createPeerhood()` on LevelDB in DIR, TCP on 127.0.0.1, mDNS and the DHT off.
 *
 *   node peerhood-peer.js DIR
 */
import { createInterface } from 'node:readline'
import { createPeerhood } from '../../node/peerhood.ts'
import type { RecordChange } from '../../protocols/records/events.ts'

const TYPE = 'bench.item'
/** Adds in flight while writing (a node's write path pipelines signing and LevelDB). */
const CONCURRENCY = 32

const dir = process.argv[2]!
const say = (event: Record<string, unknown>): void => { process.stdout.write(JSON.stringify(event) + '\n') }

const node = await createPeerhood({
  dataDir: dir,
  api: false,
  config: { listen: ['/ip4/127.0.0.1/tcp/0'], mdns: { enabled: false }, dht: { enabled: false } }
})
await node.start()
/** When the node was ready (started, its store open): a resync is timed from here. */
const readyAt = performance.now()
/** When the count of records last grew. */
let grewAt = readyAt

let groupId = (await node.groups.list())[0]?.groupId
const seen = new Set<string>()
let waiting: { expect: number, resolve: () => void } | undefined
// listen first, then list: a restarted node reconnects and syncs by itself, maybe while listing
node.groups.addEventListener('record:changed', (evt) => {
  const change = (evt as CustomEvent<RecordChange>).detail
  if (change.recordType !== TYPE || change.changeType !== 'added') return
  if (!seen.has(change.recordId)) grewAt = performance.now()
  seen.add(change.recordId)
  if (waiting !== undefined && seen.size >= waiting.expect) {
    const w = waiting
    waiting = undefined
    w.resolve()
  }
})

if (groupId !== undefined) for (const r of await node.groups.listRecords(groupId, { type: TYPE })) seen.add(r.id)

async function untilCount (expect: number): Promise<void> {
  if (seen.size >= expect) return
  await new Promise<void>(resolve => { waiting = { expect, resolve } })
}

async function write (count: number, size: number): Promise<number> {
  const start = performance.now()
  let next = 0
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    while (next < count) {
      const data = new Uint8Array(size).fill(next++ & 0xff)
      await node.groups.addRecord(groupId!, { type: TYPE, data })
    }
  }))
  return (performance.now() - start) / 1000
}

const address = node.status().addresses[0]!
const commands: Record<string, (c: any) => Promise<Record<string, unknown>>> = {
  async create ({ count, size }) {
    groupId = (await node.groups.create({ friendlyName: 'bench' })).groupId
    return { event: 'created', seconds: await write(count, size) }
  },
  async add ({ count, size }) {
    return { event: 'added', seconds: await write(count, size) }
  },
  async grant ({ peerId }) {
    return { event: 'granted', token: await node.groups.createInvitation(groupId!, { peerId, addresses: [address] }) }
  },
  async open ({ token, expect }) {
    const start = performance.now()
    groupId = (await node.groups.join(token)).groupId
    await untilCount(expect)
    return { event: 'synced', seconds: (performance.now() - start) / 1000, count: seen.size }
  },
  async wait ({ address: to, expect }) {
    // a restarted node reconnects by itself; the dial is for a peer it has not found yet
    if (seen.size < expect) await node.connect(to).catch(() => {})
    await untilCount(expect)
    // from the moment the node was ready to the last record of the catch-up
    return { event: 'synced', seconds: Math.max(0, grewAt - readyAt) / 1000, count: seen.size }
  },
  async rss () {
    return { event: 'rss', maxRssBytes: process.resourceUsage().maxRSS * 1024 }
  },
  async stop () {
    await node.stop()
    return { event: 'stopped' }
  }
}

say({ event: 'ready', peerId: node.peerId.toString(), address, count: seen.size })
for await (const line of createInterface({ input: process.stdin })) {
  if (line.trim() === '') continue
  const command = JSON.parse(line)
  try {
    say(await commands[command.cmd]!(command))
  } catch (err) {
    say({ event: 'error', message: String((err as Error)?.stack ?? err) })
  }
  if (command.cmd === 'stop') process.exit(0)
}
