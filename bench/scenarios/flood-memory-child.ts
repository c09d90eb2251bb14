/**
 * Victim of the `flood-memory` scenario: one Peerhood node (LevelDB storage in a given data
 * directory, TCP on 127.0.0.1), measured from the inside so the attackers' memory does not count.
 *
 * `node --expose-gc flood-memory-child.js <dataDir>` starts the node, settles, and writes
 * `READY <multiaddr> <MemorySample json>` to stdout; after the parent writes a line to its stdin
 * (the attackers have left), it waits until no connection is left, settles again and writes
 * `RESULT <json>` ({@link FloodReport}), then exits.
 */
import { readFileSync } from 'node:fs'
import { createInterface } from 'node:readline'
import { getHeapStatistics } from 'node:v8'
import { createPeerhood } from '../../node/peerhood.ts'
import { type MemorySample, sample, settled, sleep } from './memory-sample.ts'

/** What the victim reports after the flood. */
export interface FloodReport {
  /** Before the flood. */
  baseline: MemorySample
  /** At the height of the flood (the parent's signal that every attacker holds its streams). */
  peak: MemorySample
  /** After the attackers left, settled. */
  after: MemorySample
  /** Peers in the peer store after the flood. */
  peerStore: number
  /** Most connections seen open at once. */
  maxConnections: number
  /** Most streams seen open at once. */
  maxStreams: number
  /** Where resident memory lies, before and after (MB): anonymous vs file-backed pages, V8's physical heap and its malloced memory. */
  detail: { before: Record<string, number>, after: Record<string, number> }
}

/** Resident memory by kind, in MB (Linux `/proc/self/status`, V8 heap statistics). */
function detail (): Record<string, number> {
  const out: Record<string, number> = {}
  try {
    const status = readFileSync('/proc/self/status', 'utf8')
    for (const key of ['RssAnon', 'RssFile', 'RssShmem']) {
      const m = new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)
      if (m !== null) out[key] = Number(m[1]) * 1024 / 1e6
    }
  } catch { /* not Linux */ }
  const h = getHeapStatistics()
  out.v8Physical = h.total_physical_size / 1e6
  out.v8Malloced = h.malloced_memory / 1e6
  out.v8PeakMalloced = h.peak_malloced_memory / 1e6
  return out
}

/** Longer than the node's quiet time before it reduces memory after a flood (5 s). */
const RELIEF_WAIT_MS = 8_000

const dataDir = process.argv[2]
if (dataDir === undefined) {
  process.stderr.write('usage: flood-memory-child.js <dataDir>\n')
  process.exit(2)
}
const node = await createPeerhood({
  dataDir,
  api: false,
  config: {
    mdns: { enabled: false },
    dht: { enabled: false },
    listen: ['/ip4/127.0.0.1/tcp/0'],
    // every attacker dials from 127.0.0.1: lift the per-host limits so the flood lands whole
    connections: { maxConnections: 2_000, inboundConnectionThreshold: 100_000, maxIncomingPendingConnections: 2_000, maxPendingPerHost: 2_000, abortOnPingFailure: false }
  }
})
await node.start()
const address = node.status().addresses.find(a => a.startsWith('/ip4/127.0.0.1/'))!
const baseline = await settled()
const before = detail()
let maxConnections = 0
let maxStreams = 0
const watch = setInterval(() => {
  const connections = node.libp2p.getConnections()
  maxConnections = Math.max(maxConnections, connections.length)
  maxStreams = Math.max(maxStreams, connections.reduce((n, c) => n + c.streams.length, 0))
}, 200)
process.stdout.write(`READY ${address} ${JSON.stringify(baseline)}\n`)
const lines = createInterface({ input: process.stdin })[Symbol.asyncIterator]()
await lines.next() // the flood is at its height
const peak = sample()
await lines.next() // the attackers left
while (node.libp2p.getConnections().length > 0) await sleep(200)
clearInterval(watch)
// the node reduces its memory on its own once the flood has been quiet for 5 s (memory-relief.ts)
await sleep(RELIEF_WAIT_MS)
const after = await settled()
const peerStore = (await node.libp2p.peerStore.all()).length
const report: FloodReport = { baseline, peak, after, peerStore, maxConnections, maxStreams, detail: { before, after: detail() } }
process.stdout.write(`RESULT ${JSON.stringify(report)}\n`)
await node.stop()
process.exit(0)
