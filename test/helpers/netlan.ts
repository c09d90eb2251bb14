/**
 * Drives `../shared/tools/netlan` (a private LAN of network namespaces; needs root) for the LAN
 * tier and the People Near Me benchmark, and runs People Near Me hosts inside it.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const HERE = dirname(fileURLToPath(import.meta.url))
/** The repository root (this file is `dist/test/helpers/netlan.js`). */
const REPO = resolve(HERE, '..', '..', '..')
/** The netlan tool. */
export const NETLAN = resolve(REPO, '..', 'shared', 'tools', 'netlan')
/** The built People Near Me host script. */
export const NEAR_HOST = join(HERE, 'near-host.js')

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

/** One JSON line a near host printed. */
export interface HostLine {
  event: string
  t: number
  [key: string]: unknown
}

/** A running People Near Me host. */
export class NearHost {
  /** Its child process. */
  readonly child: ChildProcess
  /** Every JSON line printed so far. */
  readonly lines: HostLine[] = []
  /** Its PeerId, once ready. */
  peerId = ''
  private err = ''

  constructor (prefix: string, readonly index: number, readonly dataDir: string, intervalMs: number) {
    this.child = spawn('bash', [NETLAN, 'run', String(index), process.execPath, NEAR_HOST, dataDir, hostIp(index), String(intervalMs)], {
      env: { ...process.env, NETLAN_PREFIX: prefix }, stdio: ['pipe', 'pipe', 'pipe']
    })
    let buffer = ''
    this.child.stdout!.on('data', (d: Buffer) => {
      buffer += d.toString()
      let nl = buffer.indexOf('\n')
      while (nl >= 0) {
        const line = buffer.slice(0, nl)
        buffer = buffer.slice(nl + 1)
        try {
          const doc = JSON.parse(line) as HostLine
          if (doc.event === 'ready') this.peerId = doc.peerId as string
          this.lines.push(doc)
        } catch { /* not ours */ }
        nl = buffer.indexOf('\n')
      }
    })
    this.child.stderr!.on('data', (d: Buffer) => { this.err += d.toString() })
  }

  /** What it printed on stderr. */
  get stderr (): string { return this.err }

  /** Sends one command line. */
  send (cmd: Record<string, unknown>): void {
    this.child.stdin!.write(`${JSON.stringify(cmd)}\n`)
  }

  /** Its `near:changed` lines so far. */
  changes (): HostLine[] { return this.lines.filter(l => l.event === 'near:changed') }

  /** Who it sees now, by PeerId → nickname, replayed from its `near:changed` lines. */
  seen (): Map<string, string> {
    const map = new Map<string, string>()
    for (const l of this.changes()) {
      if (l.change === 'removed') map.delete(l.peerId as string)
      else map.set(l.peerId as string, l.nickname as string)
    }
    return map
  }

  /** Stops it (its node says goodbye) and waits for it to exit. */
  async stop (): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return
    const exited = new Promise<void>(resolve => { this.child.once('close', () => { resolve() }) })
    this.send({ cmd: 'stop' })
    const timer = setTimeout(() => { this.child.kill('SIGKILL') }, 10_000)
    await exited
    clearTimeout(timer)
  }
}
