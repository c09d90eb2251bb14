/**
 * LAN tier: three hosts made by `../shared/tools/netlan` (network namespaces on a private
 * bridge, 10.77.0.x), each running `peerhood start` with mDNS on; they must find each other by
 * mDNS alone and connect. Needs root and iproute2 (CI has both); elsewhere it says why and skips.
 */
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join, resolve } from 'node:path'
import pWaitFor from 'p-wait-for'
import { BIN, cliEnv, collect, type CliProcess } from '../helpers/cli.ts'
import { tempDir } from '../helpers/temp-dir.ts'
import { spawn } from 'node:child_process'

const REPO = resolve(BIN, '..', '..', '..', '..')
const NETLAN = resolve(REPO, '..', 'shared', 'tools', 'netlan')
const HOSTS = 3

function netlan (prefix: string, ...args: string[]): { status: number | null, out: string } {
  const res = spawnSync('bash', [NETLAN, ...args], { env: { ...process.env, NETLAN_PREFIX: prefix }, encoding: 'utf8' })
  return { status: res.status, out: `${res.stdout}${res.stderr}` }
}

function inHost (prefix: string, host: number, args: string[], env: NodeJS.ProcessEnv): CliProcess {
  const child = spawn('bash', [NETLAN, 'run', String(host), process.execPath, BIN, ...args], { env: { ...env, NETLAN_PREFIX: prefix }, stdio: ['pipe', 'pipe', 'pipe'] })
  let out = ''
  let err = ''
  child.stdout.on('data', (d: Buffer) => { out += d.toString() })
  child.stderr.on('data', (d: Buffer) => { err += d.toString() })
  const exited = collect(child)
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    exited,
    waitForJson: async () => { throw new Error('not used') }
  }
}

describe('lan: People Near Me over mDNS (netlan)', function () {
  this.timeout(120_000)
  const prefix = `phl${process.pid % 1000}`
  const procs: CliProcess[] = []
  let dir: { path: string, remove: () => Promise<void> } | undefined
  let up = false

  before(function () {
    if (!existsSync(NETLAN)) { console.log(`      skipped: ${NETLAN} not found`); this.skip() }
    const check = netlan(prefix, 'check')
    if (check.status !== 0) { console.log(`      skipped: ${check.out.trim()}`); this.skip() }
    const res = netlan(prefix, 'up', String(HOSTS), prefix)
    if (res.status !== 0) { netlan(prefix, 'down', String(HOSTS), prefix); throw new Error(`netlan up failed: ${res.out}`) }
    up = true
  })

  after(async () => {
    for (const p of procs) if (p.child.exitCode === null) { p.child.kill('SIGINT') }
    await Promise.all(procs.map(async p => p.exited))
    if (up) netlan(prefix, 'down', String(HOSTS), prefix)
    await dir?.remove()
  })

  const env = cliEnv({ PEERHOOD_MDNS_INTERVAL: '1000', PEERHOOD_DHT_ENABLED: 'false' })
  const ids: string[] = []
  const dataOf = (host: number): string => join(dir!.path, `host-${host}`)
  /** Runs a CLI command on a host and returns its parsed --json output (asserting exit 0). */
  async function cli (host: number, args: string[]): Promise<any> {
    const res = await inHost(prefix, host, [...args, '--json', '--data', dataOf(host)], env).exited
    assert.equal(res.code, 0, `${args.join(' ')}: ${res.stderr}`)
    return JSON.parse(res.stdout)
  }

  it('three hosts discover each other by mDNS and connect, with no address given', async () => {
    dir = await tempDir()
    for (let i = 0; i < HOSTS; i++) {
      const data = join(dir.path, `host-${i}`)
      const p = inHost(prefix, i, ['start', '--data', data, '--json', '--listen', `/ip4/10.77.0.${i + 1}/tcp/4001`], env)
      procs.push(p)
      await pWaitFor(() => p.stdout().includes('"event":"ready"') || p.child.exitCode !== null, { timeout: 20_000 })
      assert.equal(p.child.exitCode, null, p.stderr())
      ids.push(JSON.parse(p.stdout().split('\n').find(l => l.includes('"event":"ready"'))!).peerId)
    }
    await pWaitFor(async () => {
      for (let i = 0; i < HOSTS; i++) {
        const q = inHost(prefix, i, ['peers', '--json', '--data', join(dir!.path, `host-${i}`)], env)
        const res = await q.exited
        if (res.code !== 0) return false
        const seen = new Set(JSON.parse(res.stdout).map((p: any) => p.peerId))
        if (!ids.every((id, j) => j === i || seen.has(id))) return false
      }
      return true
    }, { interval: 500, timeout: 60_000 })
  })

  it('a joiner finds the group by mDNS: the invitation carries no address', async () => {
    const group = await cli(0, ['group', 'create', 'lan-team'])
    const token = (await cli(0, ['group', 'invite', group.groupId, '--peer', ids[1]!, '--no-addresses'])).token as string
    const info = await cli(1, ['group', 'invite', 'parse', token])
    assert.deepEqual(info.addresses, [])
    await cli(1, ['group', 'join', token, '--wait'])
    const members = await cli(1, ['group', 'members', group.groupId])
    assert.ok(members.some((m: any) => m.peerId === ids[0]))
    const record = await cli(0, ['record', 'add', group.groupId, '--type', 'note', '--text', 'over the LAN'])
    await pWaitFor(async () => (await cli(1, ['record', 'list', group.groupId])).some((r: any) => r.id === record.id), { interval: 300, timeout: 30_000 })
  })
})
