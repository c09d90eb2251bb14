/**
 * LAN tier of People Near Me: four netlan hosts (network namespaces on a private bridge,
 * 10.77.0.x), each a node with mDNS on (query period 1 s). Three advertise through the
 * embedding API (`peopleNearMe.advertise`; sign-in will call the same) and see each other with
 * their nicknames within seconds; a rename shows as `updated`; a cut cable is removed within
 * the documented time (3 query periods + half a period); a sign-out's goodbye removes at once;
 * the fourth never advertises and appears nowhere, in events or in `peerhood near`.
 * Needs root and iproute2; elsewhere it says why and skips.
 */
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { join } from 'node:path'
import pWaitFor from 'p-wait-for'
import type { NearPersonJson } from '../../node/api/routes-near.ts'
import type { NodeStatus } from '../../node/types.ts'
import { BIN, cliEnv, collect } from '../helpers/cli.ts'
import { NETLAN, NearHost, netlan, netlanUnavailable } from '../helpers/netlan.ts'
import { tempDir } from '../helpers/temp-dir.ts'

const HOSTS = 4
const INTERVAL_MS = 1000
/** Documented removal time without refresh: 3 periods, found by a sweep every half period. */
const REMOVAL_MS = 3 * INTERVAL_MS + INTERVAL_MS / 2
const NAMES = ['alice', 'bob', 'carol']

describe('lan: People Near Me (netlan, 4 hosts)', function () {
  this.timeout(90_000)
  const prefix = `phn${process.pid % 1000}`
  const hosts: NearHost[] = []
  let dir: { path: string, remove: () => Promise<void> } | undefined
  let up = false

  before(async function () {
    const why = netlanUnavailable(prefix)
    if (why !== undefined) { console.log(`      skipped: ${why}`); this.skip() }
    const res = netlan(prefix, 'up', String(HOSTS), prefix)
    if (res.status !== 0) { netlan(prefix, 'down', String(HOSTS), prefix); throw new Error(`netlan up failed: ${res.out}`) }
    up = true
    dir = await tempDir()
    for (let i = 0; i < HOSTS; i++) hosts.push(new NearHost(prefix, i, join(dir.path, `host-${i}`), INTERVAL_MS))
    await pWaitFor(() => hosts.every(h => h.peerId !== '' || h.child.exitCode !== null), { timeout: 30_000 })
    for (const h of hosts) assert.notEqual(h.peerId, '', h.stderr)
  })

  after(async () => {
    await Promise.all(hosts.map(async h => { await h.stop() }))
    if (up) netlan(prefix, 'down', String(HOSTS), prefix)
    await dir?.remove()
  })

  /** `peerhood WORD --json` run inside host `i`'s namespace, parsed. */
  async function cliIn<T> (i: number, word: string): Promise<T> {
    const child = spawn('bash', [NETLAN, 'run', String(i), process.execPath, BIN, word, '--json', '--data', hosts[i]!.dataDir], {
      env: { ...cliEnv(), NETLAN_PREFIX: prefix }, stdio: ['ignore', 'pipe', 'pipe']
    })
    const res = await collect(child)
    assert.equal(res.code, 0, res.stderr)
    return JSON.parse(res.stdout) as T
  }
  const nearCli = async (i: number) => await cliIn<NearPersonJson[]>(i, 'near')
  const statusOf = async (i: number) => await cliIn<NodeStatus>(i, 'status')

  it('three hosts that advertise see each other with their nicknames within seconds', async () => {
    const started = Date.now()
    for (let i = 0; i < 3; i++) hosts[i]!.send({ cmd: 'advertise', nickname: NAMES[i], endpointName: `host-${i}` })
    await pWaitFor(() => [0, 1, 2].every(i => [0, 1, 2].every(j => j === i || hosts[i]!.seen().get(hosts[j]!.peerId) === NAMES[j])), { interval: 50, timeout: 10_000 })
    const elapsed = Date.now() - started
    assert.ok(elapsed < 5000, `seen after ${elapsed} ms`)
    const list = await nearCli(0)
    assert.deepEqual(list.map(p => p.nickname).sort(), ['bob', 'carol'])
    const bob = list.find(p => p.nickname === 'bob')!
    assert.equal(bob.peerId, hosts[1]!.peerId)
    assert.equal(bob.endpointName, 'host-1')
    assert.equal(bob.trusted, false)
    assert.match(bob.id, /^[a-z2-7]{16}$/)
    assert.ok(bob.addresses.includes(`/ip4/10.77.0.2/tcp/4001/p2p/${bob.peerId}`), bob.addresses.join(' '))
  })

  it('a rename reaches the others as near:changed updated, in-process and on /v1/events', async () => {
    const stream = spawn('bash', [NETLAN, 'run', '2', process.execPath, BIN, 'events', '--type', 'near:changed', '--json', '--data', hosts[2]!.dataDir], {
      env: { ...cliEnv(), NETLAN_PREFIX: prefix }, stdio: ['ignore', 'pipe', 'pipe']
    })
    let streamed = ''
    stream.stdout.on('data', (d: Buffer) => { streamed += d.toString() })
    try {
      // the CLI prints nothing until an event comes: wait until the node counts its subscriber
      await pWaitFor(async () => (await statusOf(2)).eventSubscribers > 0, { interval: 100, timeout: 10_000 })
      hosts[1]!.send({ cmd: 'advertise', nickname: 'robert', endpointName: 'host-1' })
      await pWaitFor(() => [0, 2].every(i => hosts[i]!.changes().some(l => l.change === 'updated' && l.peerId === hosts[1]!.peerId && l.nickname === 'robert')), { interval: 50, timeout: 5000 })
      await pWaitFor(() => streamed.split('\n').some(line => line.includes('"updated"') && line.includes('"robert"')), { interval: 50, timeout: 5000 })
      const event = JSON.parse(streamed.split('\n').find(line => line.includes('"robert"'))!)
      assert.equal(event.type, 'near:changed')
      assert.equal(event.data.change, 'updated')
      assert.equal(event.data.peerId, hosts[1]!.peerId)
    } finally {
      stream.kill('SIGINT')
    }
  })

  it('the longest names (255 characters each, 1.5 KB of UTF-8) cross the LAN in one answer', async () => {
    const nickname = '李'.repeat(255)
    hosts[1]!.send({ cmd: 'advertise', nickname, endpointName: 'é'.repeat(255) })
    await pWaitFor(() => [0, 2].every(i => hosts[i]!.seen().get(hosts[1]!.peerId) === nickname), { interval: 50, timeout: 5000 })
    hosts[1]!.send({ cmd: 'advertise', nickname: 'robert', endpointName: 'host-1' })
    await pWaitFor(() => [0, 2].every(i => hosts[i]!.seen().get(hosts[1]!.peerId) === 'robert'), { interval: 50, timeout: 5000 })
  })

  it('a host whose cable is cut is removed within the documented time', async () => {
    // wait for a refresh to pass so the measured time starts at a known last-seen
    const cut = Date.now()
    const res = netlan(prefix, 'cut', '2')
    assert.equal(res.status, 0, res.out)
    await pWaitFor(() => [0, 1].every(i => !hosts[i]!.seen().has(hosts[2]!.peerId)), { interval: 50, timeout: REMOVAL_MS + 5000 })
    const removedAt = Math.max(...[0, 1].map(i => hosts[i]!.changes().findLast(l => l.change === 'removed' && l.peerId === hosts[2]!.peerId)!.t))
    // the last refresh came at most one period before the cut
    assert.ok(removedAt - cut <= REMOVAL_MS + 1000, `removed ${removedAt - cut} ms after the cut`)
    netlan(prefix, 'heal', '2')
  })

  it('signing out (goodbye) removes at once', async () => {
    const t0 = Date.now()
    hosts[1]!.send({ cmd: 'advertise' })
    await pWaitFor(() => !hosts[0]!.seen().has(hosts[1]!.peerId), { interval: 20, timeout: 5000 })
    const removed = hosts[0]!.changes().findLast(l => l.change === 'removed' && l.peerId === hosts[1]!.peerId)!
    assert.ok(removed.t - t0 < 1000, `removed ${removed.t - t0} ms after the goodbye`)
  })

  it('the host that never advertised appears nowhere, though it sees the others', async () => {
    const fourth = hosts[3]!.peerId
    for (const h of hosts.slice(0, 3)) assert.ok(!h.changes().some(l => l.peerId === fourth), `host ${h.index} saw the fourth`)
    assert.ok(!(await nearCli(0)).some(p => p.peerId === fourth))
    // listening needs no advertising: the fourth sees whoever is still advertising
    assert.equal(hosts[3]!.seen().get(hosts[0]!.peerId), 'alice')
  })
})
