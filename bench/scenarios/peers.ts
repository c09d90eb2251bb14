/**
 * Issue 14's comparison with a peer system (`npm run bench -- peers`): the same workload on
 * Peerhood and on OrbitDB 4 (Helia 6, libp2p 3), in one run, each peer its own process on
 * 127.0.0.1, LevelDB storage on both:
 *
 * - write rate: N records of 1 KB written by one peer;
 * - cold sync: an empty peer gets all N (Peerhood: join with an invitation; OrbitDB: open the
 *   database address), timed from the command to the last record;
 * - resync: the reader stops, the writer adds 1 % more, the reader restarts on its data and is
 *   timed from the moment it is ready (its store open) to the last new record;
 * - peak RSS of every peer process.
 *
 * Each system's peers run as the system ships them: Peerhood's with the Node flags and malloc
 * setting its executable runs a node with (`node/runtime-tuning.ts`), OrbitDB's (a library
 * without an executable) with Node's defaults. Peerhood is measured with Node's defaults too
 * (`peerhood-untuned` rows), so what the tuning buys, and costs, is in the same run.
 *
 * OrbitDB's packages live in `bench/peers/orbitdb/` with their own lockfile and are installed
 * (`npm ci` there) the first time this scenario runs, so the project's own install stays lean.
 * Opt-in: a plain `npm run bench` does not run it.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import { tunedSpawn } from '../../node/runtime-tuning.ts'
import type { BenchResult } from '../harness.ts'

/** Scenario name. */
export const name = 'peers'
/** Only run when named: it installs OrbitDB and runs for minutes. */
export const optIn = true

/** Record counts, smallest first (`PEERHOOD_BENCH_PEERS=500,2000` picks others). */
const SIZES = (process.env.PEERHOOD_BENCH_PEERS ?? '1000,10000').split(',').map(Number)
const RECORD_BYTES = 1024
const REPO = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..')
const ORBITDB_DIR = join(REPO, 'bench', 'peers', 'orbitdb')
const PEERHOOD_PEER = join(REPO, 'dist', 'bench', 'peers', 'peerhood-peer.js')
/** Longest a single command may take, in milliseconds. */
const COMMAND_TIMEOUT_MS = 600_000

type System = 'peerhood' | 'peerhood-untuned' | 'orbitdb'

/** A peer process speaking the bench's line protocol. */
class Peer {
  readonly child: ChildProcess
  readonly #events: Array<Record<string, any>> = []
  #wake: (() => void) | undefined
  #stderr = ''
  #closed = false

  constructor (system: System, dir: string, extra: string[] = []) {
    const script = system === 'orbitdb' ? join(ORBITDB_DIR, 'peer.mjs') : PEERHOOD_PEER
    const { args, env } = system === 'peerhood' ? tunedSpawn(script, [dir, ...extra], process.env) : { args: [script, dir, ...extra], env: process.env }
    this.child = spawn(process.execPath, args, { cwd: system === 'orbitdb' ? ORBITDB_DIR : REPO, env, stdio: ['pipe', 'pipe', 'pipe'] })
    createInterface({ input: this.child.stdout! }).on('line', line => {
      if (!line.startsWith('{')) return
      this.#events.push(JSON.parse(line))
      this.#wake?.()
    })
    this.child.stderr!.on('data', (d: Buffer) => { this.#stderr = (this.#stderr + d.toString()).slice(-4000) })
    this.child.on('close', () => { this.#closed = true; this.#wake?.() })
  }

  /** The next event the peer prints. */
  async next (): Promise<Record<string, any>> {
    const deadline = Date.now() + COMMAND_TIMEOUT_MS
    while (this.#events.length === 0) {
      if (this.#closed) throw new Error(`peer exited: ${this.#stderr}`)
      if (Date.now() > deadline) throw new Error('peer did not answer in time')
      await new Promise<void>(resolve => {
        this.#wake = resolve
        setTimeout(resolve, 1000).unref()
      })
    }
    const event = this.#events.shift()!
    if (event.event === 'error') throw new Error(`peer failed: ${event.message}`)
    return event
  }

  /** Sends a command and resolves with the peer's answer. */
  async send (command: Record<string, unknown>): Promise<Record<string, any>> {
    this.child.stdin!.write(JSON.stringify(command) + '\n')
    return await this.next()
  }

  /** Peak RSS (bytes), then a clean stop. */
  async finish (): Promise<number> {
    const { maxRssBytes } = await this.send({ cmd: 'rss' })
    // a peer that throws while shutting down (OrbitDB's stop can abort) has still done its work
    await this.send({ cmd: 'stop' }).catch(() => {})
    if (!this.#closed) await new Promise(resolve => this.child.once('close', resolve))
    return maxRssBytes
  }
}

interface Figures { writeRate: number, coldSeconds: number, resyncSeconds: number, peakRss: number }

/** Runs the workload on one system with n records. */
async function workload (system: System, n: number): Promise<Figures> {
  const root = await mkdtemp(join(tmpdir(), `peerhood-peers-${system}-`))
  const peers: Peer[] = []
  try {
    const writer = new Peer(system, join(root, 'writer'))
    peers.push(writer)
    const writerReady = await writer.next()
    const created = await writer.send({ cmd: 'create', count: n, size: RECORD_BYTES })
    const reader = new Peer(system, join(root, 'reader'))
    peers.push(reader)
    const readerReady = await reader.next()
    const { token } = await writer.send({ cmd: 'grant', peerId: readerReady.peerId })
    const cold = await reader.send({ cmd: 'open', token, address: writerReady.address, expect: n })
    const rss = [await reader.finish()]
    const extra = Math.ceil(n / 100)
    await writer.send({ cmd: 'add', count: extra, size: RECORD_BYTES })
    const restarted = new Peer(system, join(root, 'reader'), system === 'orbitdb' ? [token] : [])
    peers.push(restarted)
    await restarted.next()
    const resync = await restarted.send({ cmd: 'wait', address: writerReady.address, expect: n + extra })
    rss.push(await restarted.finish(), await writer.finish())
    return { writeRate: n / created.seconds, coldSeconds: cold.seconds, resyncSeconds: resync.seconds, peakRss: Math.max(...rss) }
  } finally {
    for (const p of peers) p.child.kill('SIGKILL')
    await rm(root, { recursive: true, force: true })
  }
}

/** Installs OrbitDB's packages beside its peer script, once. */
function installOrbitDb (): void {
  if (existsSync(join(ORBITDB_DIR, 'node_modules', '@orbitdb', 'core'))) return
  process.stderr.write('peers: installing OrbitDB into bench/peers/orbitdb (npm ci)...\n')
  const npm = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: ORBITDB_DIR, stdio: 'inherit' })
  if (npm.status !== 0) throw new Error('peers: npm ci in bench/peers/orbitdb failed')
}

/** Runs the scenario. */
export async function run (): Promise<BenchResult[]> {
  installOrbitDb()
  const results: BenchResult[] = []
  for (const n of SIZES) {
    const peerhood = await workload('peerhood', n)
    const untuned = await workload('peerhood-untuned', n)
    const orbitdb = await workload('orbitdb', n)
    const params = { records: n, recordBytes: RECORD_BYTES, peerhood, peerhoodUntuned: untuned, orbitdb }
    const big = n >= 10_000
    results.push(
      { scenario: `peers/write/n=${n}`, params, value: peerhood.writeRate, unit: 'records/s', limit: { name: 'orbitdb', value: orbitdb.writeRate, unit: 'records/s' }, ratio: peerhood.writeRate / orbitdb.writeRate },
      {
        scenario: `peers/cold-sync/n=${n}`, params, value: peerhood.coldSeconds, unit: 's', limit: { name: 'orbitdb', value: orbitdb.coldSeconds, unit: 's' },
        ratio: orbitdb.coldSeconds / peerhood.coldSeconds,
        ...(big ? { target: 'orbitdb ÷ peerhood ≥ 20', pass: orbitdb.coldSeconds / peerhood.coldSeconds >= 20 } : {})
      },
      {
        scenario: `peers/resync-1%/n=${n}`, params, value: peerhood.resyncSeconds, unit: 's', limit: { name: 'orbitdb', value: orbitdb.resyncSeconds, unit: 's' },
        ratio: orbitdb.resyncSeconds / peerhood.resyncSeconds,
        ...(big ? { target: 'orbitdb ÷ peerhood ≥ 5', pass: orbitdb.resyncSeconds / peerhood.resyncSeconds >= 5 } : {})
      },
      {
        scenario: `peers/peak-rss/n=${n}`, params, value: peerhood.peakRss / 1e6, unit: 'MB', limit: { name: 'orbitdb', value: orbitdb.peakRss / 1e6, unit: 'MB' },
        ratio: peerhood.peakRss / orbitdb.peakRss,
        ...(big ? { target: 'peerhood ÷ orbitdb ≤ 0.5', pass: peerhood.peakRss / orbitdb.peakRss <= 0.5 } : {})
      },
      { scenario: `peers/peak-rss-untuned/n=${n}`, params, value: untuned.peakRss / 1e6, unit: 'MB', limit: { name: 'orbitdb', value: orbitdb.peakRss / 1e6, unit: 'MB' }, ratio: untuned.peakRss / orbitdb.peakRss },
      { scenario: `peers/cold-sync-untuned/n=${n}`, params, value: untuned.coldSeconds, unit: 's', limit: { name: 'orbitdb', value: orbitdb.coldSeconds, unit: 's' }, ratio: orbitdb.coldSeconds / untuned.coldSeconds }
    )
  }
  return results
}
