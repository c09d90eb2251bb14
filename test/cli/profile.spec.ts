import assert from 'node:assert/strict'
import { runCli, startCli, type CliProcess } from '../helpers/cli.ts'
import { tempDir } from '../helpers/temp-dir.ts'

// the profile listens on 0.0.0.0:3587; the tests keep to loopback with a flag, which wins
const LOOPBACK = ['--listen', '/ip4/127.0.0.1/tcp/0']

describe('cli: start --profile bootstrap', function () {
  this.timeout(180_000)
  const procs: CliProcess[] = []
  const dirs: Array<{ remove: () => Promise<void> }> = []
  afterEach(async () => {
    for (const p of procs.splice(0)) if (p.child.exitCode === null) { p.child.kill('SIGINT'); await p.exited }
    for (const d of dirs.splice(0)) await d.remove()
  })

  async function start (dir: string, extra: string[]): Promise<any> {
    const proc = startCli(['start', '--data', dir, '--json', ...LOOPBACK, ...extra])
    procs.push(proc)
    await proc.waitForJson(d => d.event === 'ready')
    const res = await runCli(['status', '--data', dir, '--json'])
    assert.equal(res.code, 0, res.stderr)
    proc.child.kill('SIGINT')
    await proc.exited
    return JSON.parse(res.stdout)
  }

  it('runs a DHT server and relay with no prompt, also on a data directory whose config.json holds every default', async () => {
    const dir = await tempDir()
    dirs.push(dir)
    const init = await runCli(['init', '--data', dir.path, '--json'])
    assert.equal(init.code, 0, init.stderr)
    const status = await start(dir.path, ['--profile', 'bootstrap'])
    assert.equal(status.dht, 'server')
    assert.equal(status.mdns, false)
    assert.equal(status.relay.server, true)
    assert.deepEqual(status.relay.reservations, [])
    // a flag still wins over the profile
    const plain = await start(dir.path, ['--profile', 'bootstrap', '--dht-mode', 'client', '--no-relay-server'])
    assert.equal(plain.dht, 'client')
    assert.equal(plain.relay.server, false)
  })

  it('refuses an unknown profile with INVALID_CONFIG', async () => {
    const dir = await tempDir()
    dirs.push(dir)
    const res = await runCli(['start', '--data', dir.path, '--json', ...LOOPBACK, '--profile', 'nope'])
    assert.notEqual(res.code, 0)
    assert.match(res.stderr + res.stdout, /INVALID_CONFIG/)
  })
})
