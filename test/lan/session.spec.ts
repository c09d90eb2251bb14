/**
 * LAN tier of application invitations: four netlan hosts (network namespaces, 10.77.0.x, prefix
 * `inv…`) running `peerhood start` with mDNS on, signed in to near, found by People Near Me.
 * The three guests add the host as a contact from People Near Me; the host runs `session host`
 * with the three `@near` ids; one accepts with `--join`, one declines, one never answers. The
 * acceptor ends up a connected member of the new group with the record the host added, and the
 * output names each outcome. Needs root and iproute2; elsewhere it says why and skips.
 */
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { join } from 'node:path'
import pWaitFor from 'p-wait-for'
import { BIN, type CliResult, cliEnv, collect } from '../helpers/cli.ts'
import { NETLAN, hostIp, netlan, netlanUnavailable } from '../helpers/netlan.ts'
import { tempDir } from '../helpers/temp-dir.ts'

const HOSTS = 4
const ENV = { PEERHOOD_MDNS_INTERVAL: '1000', PEERHOOD_DHT_ENABLED: 'false' }

describe('lan: hosted session over People Near Me (netlan, 4 hosts)', function () {
  this.timeout(180_000)
  const prefix = `inv${process.pid % 1000}`
  const dirs: string[] = []
  const nodes: ReturnType<typeof spawn>[] = []
  let dir: { path: string, remove: () => Promise<void> } | undefined
  let up = false

  /** `peerhood ...args --json --data <host i>` inside host i's namespace. */
  async function cli (i: number, ...args: string[]): Promise<CliResult> {
    const child = spawn('bash', [NETLAN, 'run', String(i), process.execPath, BIN, ...args, '--json', '--data', dirs[i]!], {
      env: { ...cliEnv(ENV), NETLAN_PREFIX: prefix }, stdio: ['ignore', 'pipe', 'pipe']
    })
    return await collect(child)
  }
  async function cliJson<T> (i: number, ...args: string[]): Promise<T> {
    const res = await cli(i, ...args)
    assert.equal(res.code, 0, `${args.join(' ')}: ${res.stderr}`)
    return JSON.parse(res.stdout) as T
  }

  before(async function () {
    const why = netlanUnavailable(prefix)
    if (why !== undefined) { console.log(`      skipped: ${why}`); this.skip() }
    const res = netlan(prefix, 'up', String(HOSTS), prefix)
    if (res.status !== 0) { netlan(prefix, 'down', String(HOSTS), prefix); throw new Error(`netlan up failed: ${res.out}`) }
    up = true
    dir = await tempDir()
    for (let i = 0; i < HOSTS; i++) {
      dirs.push(join(dir.path, `host-${i}`))
      const child = spawn('bash', [NETLAN, 'run', String(i), process.execPath, BIN, 'start', '--data', dirs[i]!, '--listen', `/ip4/${hostIp(i)}/tcp/4001`], {
        env: { ...cliEnv(ENV), NETLAN_PREFIX: prefix }, stdio: ['ignore', 'pipe', 'pipe']
      })
      let out = ''
      child.stdout!.on('data', (d: Buffer) => { out += d.toString() })
      nodes.push(child)
      await pWaitFor(() => out.includes('ready') || child.exitCode !== null, { timeout: 60_000 })
      assert.ok(out.includes('ready'), out)
    }
  })

  after(async () => {
    for (const n of nodes) {
      if (n.exitCode !== null) continue
      const exited = new Promise<void>(resolve => { n.once('close', () => { resolve() }) })
      n.kill('SIGINT')
      const timer = setTimeout(() => { n.kill('SIGKILL') }, 10_000)
      await exited
      clearTimeout(timer)
    }
    if (up) netlan(prefix, 'down', String(HOSTS), prefix)
    await dir?.remove()
  })

  it('one accepts and joins with the host\'s records, one declines, one never answers; one line each', async () => {
    const ids: string[] = []
    for (let i = 0; i < HOSTS; i++) {
      await cliJson(i, 'signin', '--scope', 'all')
      ids.push((await cliJson<{ peerId: string }>(i, 'status')).peerId)
    }
    // People Near Me: the host sees the three guests, each guest sees the host
    let near: Array<{ id: string, peerId: string }> = []
    await pWaitFor(async () => (near = await cliJson(0, 'near')).length === 3, { interval: 500, timeout: 30_000 })
    const nearId = (peerId: string) => near.find(p => p.peerId === peerId)!.id
    for (let i = 1; i < HOSTS; i++) {
      let seen: Array<{ id: string, peerId: string }> = []
      await pWaitFor(async () => (seen = await cliJson(i, 'near')).some(p => p.peerId === ids[0]), { interval: 500, timeout: 30_000 })
      await cliJson(i, 'contact', 'add', '--near', seen.find(p => p.peerId === ids[0])!.id)
    }

    const session = spawn('bash', [NETLAN, 'run', '0', process.execPath, BIN, 'session', 'host', '--data', dirs[0]!, '--app', 'org.example.board',
      '--invite', `@${nearId(ids[1]!)}`, '--invite', `@${nearId(ids[2]!)}`, '--invite', `@${nearId(ids[3]!)}`, '--timeout', '40s', '--group-name', 'lan-session'], {
      env: { ...cliEnv(ENV), NETLAN_PREFIX: prefix }, stdio: ['ignore', 'pipe', 'pipe']
    })
    const ended = collect(session)
    let forAcceptor: Array<{ id: string, verified: boolean }> = []
    await pWaitFor(async () => (forAcceptor = await cliJson(1, 'invitations')).length === 1, { interval: 500, timeout: 30_000 })
    // invited as a People Near Me entry: unverified, though the host is a contact
    assert.equal(forAcceptor[0]!.verified, false)
    let forDecliner: Array<{ id: string }> = []
    await pWaitFor(async () => (forDecliner = await cliJson(2, 'invitations')).length === 1, { interval: 500, timeout: 30_000 })
    await cliJson(2, 'invitation', 'decline', forDecliner[0]!.id)
    await cliJson(1, 'invitation', 'accept', forAcceptor[0]!.id, '--join')
    const done = await ended
    assert.equal(done.code, 0, done.stderr)
    assert.match(done.stdout, new RegExp(`@${nearId(ids[1]!)}: accepted and joined`))
    assert.match(done.stdout, new RegExp(`@${nearId(ids[2]!)}: declined`))
    assert.match(done.stdout, new RegExp(`@${nearId(ids[3]!)}: cancelled`))
    const groupId = /group: (\S+)/.exec(done.stdout)![1]!

    await cliJson(0, 'record', 'add', groupId, '--type', 'org.example.agenda', '--text', 'item 1')
    await pWaitFor(async () => (await cliJson<unknown[]>(1, 'record', 'list', groupId, '--type', 'org.example.agenda')).length === 1, { interval: 500, timeout: 30_000 })
    assert.deepEqual(await cliJson<unknown[]>(3, 'invitations'), [])
    assert.deepEqual(await cliJson<unknown[]>(2, 'group', 'list'), [])
  })
})
