/**
 * Memory kept after a connection flood (issue 12, item 8): a Peerhood node in a child process
 * (`flood-memory-child.ts`, LevelDB storage, `--expose-gc`) is measured settled before the flood
 * (the limit, same node, same run), then 500 attackers (minimal libp2p nodes in this process)
 * each connect and open 20 idle streams, all at once; the attackers leave, the node settles
 * (no connection left, garbage collected, RSS still) and is measured again.
 *
 * Figures: RSS after the flood (target: within 20 % of the baseline), heap used, and RSS at the
 * height of the flood; params carry heapTotal, external, arrayBuffers and the peer store size.
 */
import { spawn } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import { noise } from '@chainsafe/libp2p-noise'
import { yamux } from '@chainsafe/libp2p-yamux'
import type { Libp2p, Stream } from '@libp2p/interface'
import { tcp } from '@libp2p/tcp'
import { multiaddr } from '@multiformats/multiaddr'
import { createLibp2p } from 'libp2p'
import type { BenchResult } from '../harness.ts'
import type { FloodReport } from './flood-memory-child.ts'

/** Scenario `flood-memory`. */
export const name = 'flood-memory'

const ATTACKERS = Number(process.env.FLOOD_ATTACKERS ?? 500)
const STREAMS = Number(process.env.FLOOD_STREAMS ?? 20)
const BATCH = 25
/** A protocol every node serves whose handler waits for a request: the streams stay open and idle. */
const PROTOCOL = '/peerhood/direct/1.0.0'
const TARGET_RATIO = 1.2
const CHILD = fileURLToPath(new URL('./flood-memory-child.js', import.meta.url))

const mb = (bytes: number): number => bytes / 1e6

async function attacker (target: string): Promise<{ node: Libp2p, streams: Stream[] }> {
  const node = await createLibp2p({
    transports: [tcp()],
    connectionEncrypters: [noise()],
    streamMuxers: [yamux()],
    connectionManager: { maxConnections: 10 },
    connectionMonitor: { enabled: false }
  })
  const connection = await node.dial(multiaddr(target), { signal: AbortSignal.timeout(60_000) })
  const streams: Stream[] = []
  for (let i = 0; i < STREAMS; i++) {
    try {
      streams.push(await connection.newStream(PROTOCOL, { signal: AbortSignal.timeout(30_000), maxOutboundStreams: STREAMS }))
    } catch { /* refused: the node's limit, counted by the victim */ }
  }
  return { node, streams }
}

/** Runs the scenario. */
export async function run (): Promise<BenchResult[]> {
  const dir = await mkdtemp(join(tmpdir(), 'peerhood-bench-flood-'))
  const proc = spawn(process.execPath, ['--expose-gc', CHILD, dir], { stdio: ['pipe', 'pipe', 'inherit'] })
  const attackers: Array<{ node: Libp2p }> = []
  try {
    const lines = createInterface({ input: proc.stdout })[Symbol.asyncIterator]()
    const ready = (await lines.next()).value as string | undefined
    if (ready?.startsWith('READY ') !== true) throw new Error(`flood-memory: the victim did not start (${ready ?? 'no output'})`)
    const target = ready.split(' ')[1]!
    for (let i = 0; i < ATTACKERS; i += BATCH) {
      const batch = await Promise.allSettled(Array.from({ length: Math.min(BATCH, ATTACKERS - i) }, async () => attacker(target)))
      for (const b of batch) if (b.status === 'fulfilled') attackers.push(b.value)
    }
    proc.stdin.write('peak\n')
    await Promise.allSettled(attackers.splice(0).map(async a => a.node.stop()))
    proc.stdin.write('left\n')
    let result: string | undefined
    for await (const line of { [Symbol.asyncIterator]: () => lines }) {
      if ((line as string).startsWith('RESULT ')) { result = line as string; break }
    }
    if (result === undefined) throw new Error('flood-memory: the victim exited without a result')
    const r = JSON.parse(result.slice('RESULT '.length)) as FloodReport
    const base = `flood-memory/attackers=${ATTACKERS}/streams=${STREAMS}`
    const limit = { name: 'same node before the flood', unit: 'MB' }
    const params = {
      attackers: ATTACKERS,
      streamsEach: STREAMS,
      maxConnections: r.maxConnections,
      maxStreams: r.maxStreams,
      peerStore: r.peerStore,
      heapTotal: [mb(r.baseline.heapTotal), mb(r.after.heapTotal)],
      external: [mb(r.baseline.external), mb(r.after.external)],
      arrayBuffers: [mb(r.baseline.arrayBuffers), mb(r.after.arrayBuffers)],
      detail: r.detail
    }
    return [
      { scenario: `${base}/rss-after`, params, value: mb(r.after.rss), unit: 'MB', limit: { ...limit, value: mb(r.baseline.rss) }, ratio: r.after.rss / r.baseline.rss, target: `ratio ≤ ${TARGET_RATIO}`, pass: r.after.rss / r.baseline.rss <= TARGET_RATIO },
      { scenario: `${base}/heap-used-after`, params, value: mb(r.after.heapUsed), unit: 'MB', limit: { ...limit, value: mb(r.baseline.heapUsed) }, ratio: r.after.heapUsed / r.baseline.heapUsed },
      { scenario: `${base}/rss-peak`, params, value: mb(r.peak.rss), unit: 'MB', limit: { ...limit, value: mb(r.baseline.rss) }, ratio: r.peak.rss / r.baseline.rss }
    ]
  } finally {
    await Promise.allSettled(attackers.map(async a => a.node.stop()))
    proc.kill()
    await rm(dir, { recursive: true, force: true })
  }
}
