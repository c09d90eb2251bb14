import assert from 'node:assert/strict'
import { connect } from 'node:net'
import pWaitFor from 'p-wait-for'
import { cliWorld, LOOPBACK } from '../helpers/cli-groups.ts'
import { cliEnv, startCli } from '../helpers/cli.ts'
import { startSlowLoris } from '../helpers/slow-loris.ts'

/** The JSON lines of a daemon's stderr. */
function logLines (stderr: string): Array<Record<string, unknown>> {
  const out: Array<Record<string, unknown>> = []
  for (const line of stderr.split('\n')) {
    if (!line.startsWith('{')) continue
    try { out.push(JSON.parse(line)) } catch { /* a line still being written */ }
  }
  return out
}

describe('cli: the daemon log', function () {
  this.timeout(180_000)
  const world = cliWorld()

  async function start (level: string) {
    const dir = await world.newDir()
    // without the developer's DEBUG, which would switch libp2p's logging on at every level
    const { DEBUG: _debug, ...env } = cliEnv()
    const proc = world.track(startCli(['start', '--data', dir, '--json', ...LOOPBACK, '--log-level', level], { env }))
    const ready = await proc.waitForJson(d => d.event === 'ready')
    return { proc, ready }
  }

  it('at debug writes startup, refusals with their codes and libp2p\'s own lines on stderr', async () => {
    const { proc, ready } = await start('debug')
    await pWaitFor(() => logLines(proc.stderr()).some(l => l.event === 'node:ready' && l.level === 'info' && l.peerId === ready.peerId), { timeout: 10_000 })
    const res = await fetch(`${ready.apiUrl}/v1/status`)
    assert.equal(res.status, 401)
    await pWaitFor(() => logLines(proc.stderr()).some(l => l.event === 'api:refused' && l.code === 'UNAUTHORIZED'), { timeout: 10_000 })

    const port = Number(ready.addresses.find((a: string) => a.startsWith('/ip4/127.0.0.1/')).split('/')[4])
    const attack = startSlowLoris({ port, localAddress: '127.0.0.2', sockets: 10 })
    try {
      await pWaitFor(() => logLines(proc.stderr()).some(l => l.event === 'connection:refused' && l.code === 'THROTTLED' && l.host === '127.0.0.2'), { timeout: 15_000 })
    } finally {
      attack.stop()
    }
    assert.match(proc.stderr(), /libp2p:/)
  })

  it('at warn writes none of it', async () => {
    const { proc, ready } = await start('warn')
    assert.equal((await fetch(`${ready.apiUrl}/v1/status`)).status, 401)
    // the refusal above is logged (or not) before the response is sent
    assert.deepEqual(logLines(proc.stderr()).filter(l => l.level === 'info' || l.level === 'debug'), [])
    assert.doesNotMatch(proc.stderr(), /libp2p:/)

    // connections over the API's cap (64) are closed on accept: a warning says so
    const api = new URL(ready.apiUrl)
    const sockets = Array.from({ length: 70 }, () => connect({ host: api.hostname, port: Number(api.port) }).on('error', () => {}))
    try {
      await pWaitFor(() => logLines(proc.stderr()).some(l => l.event === 'api:dropped' && l.level === 'warn' && l.code === 'MAX_CONNECTIONS_EXCEEDED'), { timeout: 15_000 })
    } finally {
      for (const s of sockets) s.destroy()
    }
  })
})
