import assert from 'node:assert/strict'
import { writeFile, stat, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { DAEMON_ENV, DAEMON_NODE_FLAGS } from '../../node/runtime-tuning.ts'
import { cliEnv, runCli, startCli, type CliProcess } from '../helpers/cli.ts'
import { tempDir } from '../helpers/temp-dir.ts'

const LOOPBACK = ['--no-mdns', '--listen', '/ip4/127.0.0.1/tcp/0']

async function startNode (dir: string, extra: string[] = []): Promise<{ proc: CliProcess, ready: any }> {
  const proc = startCli(['start', '--data', dir, '--json', ...LOOPBACK, ...extra])
  const ready = await proc.waitForJson(d => d.event === 'ready')
  return { proc, ready }
}

async function stopNode (proc: CliProcess): Promise<number | null> {
  proc.child.kill('SIGINT')
  return (await proc.exited).code
}

describe('cli: peerhood binary', function () {
  this.timeout(180_000)
  const dirs: Array<{ remove: () => Promise<void> }> = []
  const procs: CliProcess[] = []
  async function newDir (): Promise<string> {
    const d = await tempDir()
    dirs.push(d)
    return d.path
  }
  afterEach(async () => {
    for (const p of procs.splice(0)) if (p.child.exitCode === null) { p.child.kill('SIGKILL'); await p.exited }
    for (const d of dirs.splice(0)) await d.remove()
  })

  it('init creates identity (0600), certificate and a config with every default', async () => {
    const dir = await newDir()
    const res = await runCli(['init', '--data', dir, '--json', '--display-name', 'alice'])
    assert.equal(res.code, 0, res.stderr)
    const doc = JSON.parse(res.stdout)
    assert.match(doc.peerId, /^12D3KooW/)
    assert.equal((await stat(join(dir, 'identity.key'))).mode & 0o777, 0o600)
    const config = JSON.parse(await readFile(join(dir, 'config.json'), 'utf8'))
    assert.equal(config.displayName, 'alice')
    assert.equal(config.mdns.enabled, true)
    assert.deepEqual(config.bootstrap, [])
  })

  it('start prints PeerId, addresses and ready; restart keeps the PeerId; SIGINT exits 0', async () => {
    const dir = await newDir()
    const first = await startNode(dir)
    procs.push(first.proc)
    assert.match(first.ready.peerId, /^12D3KooW/)
    assert.ok(first.ready.addresses.some((a: string) => a.startsWith('/ip4/127.0.0.1/tcp/')))
    await assertRunsTuned(first.proc.child.pid!)
    assert.equal(await stopNode(first.proc), 0)
    const second = await startNode(dir)
    procs.push(second.proc)
    assert.equal(second.ready.peerId, first.ready.peerId)
    assert.equal(await stopNode(second.proc), 0)
  })

  it('client commands talk to the running node: id, status, peers, connect, ping, events', async () => {
    const a = await newDir()
    const b = await newDir()
    const na = await startNode(a)
    const nb = await startNode(b)
    procs.push(na.proc, nb.proc)
    const id = await runCli(['id', '--data', a, '--json'])
    assert.equal(id.code, 0, id.stderr)
    assert.equal(JSON.parse(id.stdout).peerId, na.ready.peerId)

    const events = startCli(['events', '--data', a, '--json', '--type', 'peer:connected'])
    procs.push(events)
    await waitForOpenStream(a)
    const target = nb.ready.addresses.find((x: string) => x.startsWith('/ip4/127.0.0.1/'))
    const conn = await runCli(['connect', target, '--data', a, '--json'])
    assert.equal(conn.code, 0, conn.stderr)
    assert.equal(JSON.parse(conn.stdout).peerId, nb.ready.peerId)
    const seen = await events.waitForJson(e => e.type === 'peer:connected')
    assert.equal(seen.data.peerId, nb.ready.peerId)

    const peers = await runCli(['peers', '--data', a, '--json'])
    assert.deepEqual(JSON.parse(peers.stdout).map((p: any) => p.peerId), [nb.ready.peerId])
    const ping = await runCli(['ping', nb.ready.peerId, '--data', a, '--json'])
    assert.equal(ping.code, 0, ping.stderr)
    assert.ok(JSON.parse(ping.stdout).rttMs >= 0)
    const status = await runCli(['status', '--data', a, '--json'])
    assert.equal(JSON.parse(status.stdout).peers, 1)
    assert.equal(JSON.parse(status.stdout).mdns, false)
    events.child.kill('SIGINT')
    assert.equal((await events.exited).code, 0)
  })

  it('errors have codes and exit statuses: usage 2, invalid config 2, no node 3, bad input 1', async () => {
    const dir = await newDir()
    const unknown = await runCli(['frobnicate'])
    assert.equal(unknown.code, 2)
    const badFlag = await runCli(['status', '--nope'])
    assert.equal(badFlag.code, 2)
    const missing = await runCli(['connect', '--data', dir])
    assert.equal(missing.code, 2)
    const noNode = await runCli(['status', '--data', dir])
    assert.equal(noNode.code, 3)
    assert.match(noNode.stderr, /^NODE_NOT_RUNNING: /m)
    const badPort = await runCli(['start', '--data', dir, ...LOOPBACK, '--api-port', '70000'])
    assert.equal(badPort.code, 2)
    assert.match(badPort.stderr, /^INVALID_CONFIG: /m)
    const badEnv = await runCli(['start', '--data', dir, ...LOOPBACK], { env: cliEnv({ PEERHOOD_DHT_MODE: 'sometimes' }) })
    assert.equal(badEnv.code, 2)
    assert.match(badEnv.stderr, /dht\.mode/)
    const n = await startNode(dir)
    procs.push(n.proc)
    const badAddr = await runCli(['connect', 'not-a-multiaddr', '--data', dir])
    assert.equal(badAddr.code, 1)
    assert.match(badAddr.stderr, /^INVALID_MULTIADDR: /m)
  })

  it('a second node on the same data directory, and a port in use, are refused with codes', async () => {
    const dir = await newDir()
    const n = await startNode(dir)
    procs.push(n.proc)
    const second = await runCli(['start', '--data', dir, ...LOOPBACK])
    assert.equal(second.code, 1)
    assert.match(second.stderr, /^DATA_DIR_LOCKED: /m)
    const port = n.ready.addresses.find((x: string) => x.startsWith('/ip4/127.0.0.1/tcp/'))!.split('/')[4]
    const other = await newDir()
    const clash = await runCli(['start', '--data', other, '--no-mdns', '--listen', `/ip4/127.0.0.1/tcp/${port}`])
    assert.equal(clash.code, 1)
    assert.match(clash.stderr, /^PORT_IN_USE: /m)
  })

  it('an unwritable data directory is refused with a code', async () => {
    const dir = await newDir()
    await writeFile(join(dir, 'file'), 'x')
    const res = await runCli(['start', '--data', join(dir, 'file', 'sub'), ...LOOPBACK])
    assert.equal(res.code, 1)
    assert.match(res.stderr, /^DATA_DIR_UNWRITABLE: /m)
  })

  it('identity export and import keep the PeerId; a wrong password writes nothing', async () => {
    const src = await newDir()
    const init = JSON.parse((await runCli(['init', '--data', src, '--json'])).stdout)
    const work = await newDir()
    const pw = join(work, 'pw')
    await writeFile(pw, 'correct horse battery staple\n')
    const out = join(work, 'id.export')
    const exp = await runCli(['identity', 'export', '--data', src, '--out', out, '--password-file', pw])
    assert.equal(exp.code, 0, exp.stderr)
    assert.equal((await stat(out)).mode & 0o777, 0o600)
    const wrong = join(work, 'wrong')
    await writeFile(wrong, 'nope\n')
    const dst = join(work, 'dst')
    const bad = await runCli(['identity', 'import', out, '--data', dst, '--password-file', wrong])
    assert.equal(bad.code, 1)
    assert.match(bad.stderr, /^BAD_PASSWORD: /m)
    await assert.rejects(stat(join(dst, 'identity.key')))
    const piped = await runCli(['identity', 'import', out, '--data', dst, '--json'], { input: 'correct horse battery staple\n' })
    assert.equal(piped.code, 0, piped.stderr)
    assert.equal(JSON.parse(piped.stdout).peerId, init.peerId)
    // a second node of the same person: its own PeerId, the identity imported beside it
    const laptop = join(work, 'laptop')
    const endpoint = await runCli(['identity', 'import', out, '--as-endpoint', '--data', laptop, '--password-file', pw, '--json'])
    assert.equal(endpoint.code, 0, endpoint.stderr)
    const made = JSON.parse(endpoint.stdout)
    assert.equal(made.identity, init.peerId)
    assert.notEqual(made.peerId, init.peerId)
    assert.equal((await stat(join(laptop, 'collab-identity.key'))).mode & 0o777, 0o600)
  })

  it('cluster starts N connected nodes with their own APIs and stops on SIGINT', async () => {
    const proc = startCli(['cluster', '--nodes', '3', '--json'])
    procs.push(proc)
    const ready = await proc.waitForJson(d => d.event === 'ready', 40_000)
    assert.equal(ready.nodes.length, 3)
    const status = await runCli(['status', '--data', ready.nodes[0].dataDir, '--json'])
    assert.equal(status.code, 0, status.stderr)
    assert.equal(JSON.parse(status.stdout).peers, 2)
    proc.child.kill('SIGINT')
    assert.equal((await proc.exited).code, 0)
  })

  it('cluster --processes --group runs one process per node, all in one group, and stops them all', async () => {
    const proc = startCli(['cluster', '--nodes', '3', '--processes', '--group', 'cli cluster', '--json'])
    procs.push(proc)
    const ready = await proc.waitForJson(d => d.event === 'ready', 60_000)
    assert.equal(ready.nodes.length, 3)
    const pids: number[] = ready.nodes.map((n: any) => n.pid)
    assert.equal(new Set([...pids, proc.child.pid]).size, 4)
    for (const pid of [proc.child.pid!, ...pids]) await assertRunsTuned(pid)
    for (const n of ready.nodes) {
      const groups = await runCli(['group', 'list', '--data', n.dataDir, '--json'])
      assert.equal(groups.code, 0, groups.stderr)
      assert.ok(JSON.parse(groups.stdout).some((g: any) => g.groupId === ready.groupId))
    }
    proc.child.kill('SIGINT')
    assert.equal((await proc.exited).code, 0)
    for (const pid of pids) assert.throws(() => process.kill(pid, 0), { code: 'ESRCH' })
  })
})

/**
 * A long-running peerhood process runs with the daemon's Node flags and malloc setting (the
 * executable re-executes itself, same PID; a cluster spawns its processes so). Linux only: read
 * from /proc.
 */
async function assertRunsTuned (pid: number): Promise<void> {
  if (process.platform !== 'linux') return
  const cmdline = (await readFile(`/proc/${pid}/cmdline`, 'utf8')).split('\0')
  for (const flag of DAEMON_NODE_FLAGS) assert.ok(cmdline.includes(flag), `${flag} in ${cmdline.join(' ')}`)
  const environ = (await readFile(`/proc/${pid}/environ`, 'utf8')).split('\0')
  for (const [k, v] of Object.entries(DAEMON_ENV)) assert.ok(environ.includes(`${k}=${v}`), `${k}=${v}`)
}

/** The events command has its stream open once the node counts a subscriber; poll `status`. */
async function waitForOpenStream (dir: string): Promise<void> {
  const { default: pWaitFor } = await import('p-wait-for')
  await pWaitFor(async () => {
    const res = await runCli(['status', '--data', dir, '--json'])
    return res.code === 0 && JSON.parse(res.stdout).eventSubscribers > 0
  }, { interval: 100, timeout: 10_000 })
}
