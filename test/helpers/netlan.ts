/**
 * Drives `../shared/tools/netlan` (a private LAN of network namespaces; needs root) for the LAN
 * tier and the People Near Me benchmark, and runs `peerhood` hosts inside it as a user does.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import pWaitFor from 'p-wait-for'
import type { PeerhoodEvent } from '../../node/events.ts'
import { BIN, type CliResult, cliEnv, collect } from './cli.ts'

const HERE = dirname(fileURLToPath(import.meta.url))
/** The repository root (this file is `dist/test/helpers/netlan.js`). */
const REPO = resolve(HERE, '..', '..', '..')
/** The netlan tool. */
export const NETLAN = resolve(REPO, '..', 'shared', 'tools', 'netlan')

/** Runs `netlan ...args` with `prefix`. */
export function netlan (prefix: string, ...args: string[]): { status: number | null, out: string } {
  const res = spawnSync('bash', [NETLAN, ...args], { env: { ...process.env, NETLAN_PREFIX: prefix }, encoding: 'utf8' })
  return { status: res.status, out: `${res.stdout}${res.stderr}` }
}

/** Why netlan cannot run here, or undefined when it can. */
export function netlanUnavailable (prefix: string): string | undefined {
  if (!existsSync(NETLAN)) return `${NETLAN} not found`
  const check = netlan(prefix, 'check')
  return check.status === 0 ? undefined : check.out.trim()
}

/** The address of netlan host `i`. */
export function hostIp (i: number): string { return `10.77.0.${i + 1}` }

/** One event's data, with the event's `time` as `t` (the shapes are documented in docs/api.md). */
// biome-ignore lint/suspicious/noExplicitAny: event data of any type, read by the tests that know it
export type TimedData = Record<string, any> & { t: number }

/** Environment of every LAN host: mDNS queries each `intervalMs`, no DHT. */
function hostEnv (prefix: string, intervalMs: number): NodeJS.ProcessEnv {
  return cliEnv({ NETLAN_PREFIX: prefix, PEERHOOD_MDNS_INTERVAL: String(intervalMs), PEERHOOD_DHT_ENABLED: 'false' })
}

/**
 * One netlan host running `peerhood start` (mDNS on, listening on its LAN address), driven with
 * `peerhood` commands run inside its namespace, as a user does; `peerhood events --json` streams
 * its events (with the node's own `time`) into {@link LanHost.events}.
 */
export class LanHost {
  /** Its PeerId, once started. */
  peerId = ''
  /** Every event streamed so far. */
  readonly events: PeerhoodEvent[] = []
  #node: ChildProcess | undefined
  #stream: ChildProcess | undefined
  #err = ''

  constructor (readonly prefix: string, readonly index: number, readonly dataDir: string, readonly intervalMs: number) {}

  /** What its node printed on stderr. */
  get stderr (): string { return this.#err }

  #spawn (args: string[], env: Record<string, string> = {}): ChildProcess {
    return spawn('bash', [NETLAN, 'run', String(this.index), process.execPath, BIN, ...args, '--data', this.dataDir], {
      env: { ...hostEnv(this.prefix, this.intervalMs), ...env }, stdio: ['ignore', 'pipe', 'pipe']
    })
  }

  /**
   * Starts the node (with `env` added to its environment, e.g. `PEERHOOD_COLLAB_AUTO_SIGNIN`),
   * then the event stream, and waits until the node counts the stream's subscription.
   */
  async start (env: Record<string, string> = {}): Promise<void> {
    const node = this.#spawn(['start', '--json', '--listen', `/ip4/${hostIp(this.index)}/tcp/4001`], env)
    this.#node = node
    let out = ''
    node.stdout!.on('data', (d: Buffer) => { out += d.toString() })
    node.stderr!.on('data', (d: Buffer) => { this.#err += d.toString() })
    await pWaitFor(() => out.includes('"event":"ready"') || node.exitCode !== null, { interval: 50, timeout: 90_000 })
    if (node.exitCode !== null) throw new Error(`host ${this.index} did not start: ${this.#err}`)
    this.peerId = (JSON.parse(out.split('\n').find(l => l.includes('"event":"ready"'))!) as { peerId: string }).peerId
    const stream = this.#spawn(['events', '--json'])
    this.#stream = stream
    let buffer = ''
    stream.stdout!.on('data', (d: Buffer) => {
      buffer += d.toString()
      let nl = buffer.indexOf('\n')
      while (nl >= 0) {
        const line = buffer.slice(0, nl)
        buffer = buffer.slice(nl + 1)
        try { this.events.push(JSON.parse(line) as PeerhoodEvent) } catch { /* not an event line */ }
        nl = buffer.indexOf('\n')
      }
    })
    await pWaitFor(async () => (await this.cli<{ eventSubscribers: number }>(['status'])).eventSubscribers > 0, { interval: 200, timeout: 90_000 })
  }

  /** Runs `peerhood ...args` inside the namespace to completion. */
  async run (args: string[]): Promise<CliResult> {
    return await collect(this.#spawn(args))
  }

  /** Runs `peerhood ...args --json` inside the namespace and returns its parsed output; a failure throws with its stderr. */
  async cli<T = any> (args: string[]): Promise<T> {
    const res = await this.run([...args, '--json'])
    if (res.code !== 0) throw new Error(`host ${this.index}: peerhood ${args.join(' ')} exited ${res.code}: ${res.stderr}`)
    return JSON.parse(res.stdout) as T
  }

  /** Its events of `type` (data only, with the event's `time` as `t`). */
  of (type: string): TimedData[] {
    return this.events.filter(e => e.type === type).map(e => ({ ...e.data, t: e.time }))
  }

  /** Its `near:changed` events so far. */
  changes (): TimedData[] { return this.of('near:changed') }

  /** Who it sees now, by PeerId → nickname, replayed from its `near:changed` events. */
  seen (): Map<string, string> {
    const map = new Map<string, string>()
    for (const c of this.changes()) {
      if (c.change === 'removed') map.delete(c.peerId as string)
      else map.set(c.peerId as string, c.nickname as string)
    }
    return map
  }

  /** Stops the event stream and the node (SIGINT: it says goodbye) and waits for both to exit. */
  async stop (): Promise<void> {
    await Promise.all([this.#stream, this.#node].map(async child => {
      if (child === undefined || child.exitCode !== null || child.signalCode !== null) return
      const exited = new Promise<void>(resolve => { child.once('close', () => { resolve() }) })
      child.kill('SIGINT')
      const timer = setTimeout(() => { child.kill('SIGKILL') }, 10_000)
      await exited
      clearTimeout(timer)
    }))
  }
}
