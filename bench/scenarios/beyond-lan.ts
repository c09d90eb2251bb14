/**
 * Issue 13's bench, on the LAN tier's NAT topology (network namespaces: two members behind
 * masquerading routers, a bootstrap/relay node on the "public" network; root only): the time
 * from `join` to the first group record through the relay, the time from a restarted member's
 * start to holding the 1,000 records written while it was down, and the bytes the relay carries
 * once a member reachable on the public network has been upgraded to a direct connection.
 */
import { join } from 'node:path'
import pWaitFor from 'p-wait-for'
import { type NatNode, natUnavailable, natUp, startNatNode } from '../../test/helpers/nat-topology.ts'
import { tempDir } from '../../test/helpers/temp-dir.ts'
import type { BenchResult } from '../harness.ts'

/** Scenario name. */
export const name = 'beyond-lan'

const PUBLIC = '/ip4/10.99.0.1/tcp/4001'
const RESTART_RECORDS = 1000
const RESTART_RECORD_BYTES = 100
const BURST_RECORDS = 200
const BURST_RECORD_BYTES = 1024

/** Bytes a node's libp2p counted for protocols matching `pattern` (sent or received, as named). */
function bytes (metrics: string, pattern: RegExp): number {
  let total = 0
  for (const line of metrics.split('\n')) {
    const m = /^libp2p_data_transfer_bytes_total\{protocol="([^"]+)"\} (\d+)/.exec(line)
    if (m !== null && pattern.test(m[1]!)) total += Number(m[2])
  }
  return total
}

/** Runs the scenario (or reports why it cannot run here). */
export async function run (): Promise<BenchResult[]> {
  const why = natUnavailable()
  if (why !== undefined) return [{ scenario: 'beyond-lan/skipped', params: { reason: why }, value: 0, unit: '-', target: `skipped: ${why}` }]
  const dir = await tempDir('peerhood-bench-nat-')
  const topo = natUp(`nb${process.pid % 1000}`)
  const workers: NatNode[] = []
  const start = async (ns: string, nodeName: string, config: Record<string, unknown>, profile?: string) => {
    const w = await startNatNode(ns, join(dir.path, nodeName), config, profile)
    workers.push(w)
    return w
  }
  try {
    const pub = await start(topo.ns.pub, 'pub', { listen: [PUBLIC] }, 'bootstrap')
    const member = { listen: ['/ip4/0.0.0.0/tcp/4001'], mdns: { enabled: false }, bootstrap: [`${PUBLIC}/p2p/${pub.peerId}`], relay: { reserve: true }, groups: { reconnectMaxDelay: 2_000 } }
    const b = await start(topo.ns.b, 'b', member)
    let a = await start(topo.ns.a, 'a', member)
    const circuit = async (n: NatNode) => ((await n.call('status')).addresses as string[]).some(x => x.includes('/p2p-circuit/'))
    await pWaitFor(async () => await circuit(a) && await circuit(b), { timeout: 60_000, interval: 100 })
    const groupId = await b.call('create', { name: 'bench' }) as string
    const count = async (n: NatNode, type: string) => n.call('count', { groupId, type }) as Promise<number>
    await b.call('add', { groupId, type: 'seed' })

    // 1. join → first record, across two NATs through the relay
    const token = await b.call('invite', { groupId, peerId: a.peerId })
    let t0 = performance.now()
    await a.call('join', { token })
    await pWaitFor(async () => await count(a, 'seed') === 1, { timeout: 60_000, interval: 20 })
    const firstRecordS = (performance.now() - t0) / 1000

    // 2. restart → holding the 1,000 records written while the member was down
    await a.kill('SIGKILL')
    await b.call('addMany', { groupId, type: 'bulk', count: RESTART_RECORDS, size: RESTART_RECORD_BYTES })
    t0 = performance.now()
    a = await start(topo.ns.a, 'a', member)
    const processS = (performance.now() - t0) / 1000
    let connectedS = 0
    await pWaitFor(async () => {
      if (connectedS === 0 && ((await a.call('connected', { groupId })) as string[]).length > 0) connectedS = (performance.now() - t0) / 1000
      return await count(a, 'bulk') === RESTART_RECORDS && (await a.call('groupStatus', { groupId })).synchronized === true
    }, { timeout: 120_000, interval: 20 })
    const restartS = (performance.now() - t0) / 1000

    // 3. bytes through the relay once a public member is upgraded to a direct connection (a is
    // stopped, so the relay carries nothing else of the group)
    await a.kill('SIGKILL')
    const c = await start(topo.ns.pub, 'c', { listen: ['/ip4/10.99.0.1/tcp/4002'], mdns: { enabled: false }, bootstrap: [`${PUBLIC}/p2p/${pub.peerId}`] })
    await c.call('join', { token: await b.call('invite', { groupId, peerId: c.peerId }) })
    t0 = performance.now()
    await pWaitFor(async () => ((await b.call('connections')) as Array<{ peer: string, limited: boolean }>).some(x => x.peer === c.peerId && !x.limited), { timeout: 60_000, interval: 20 })
    const upgradeS = (performance.now() - t0) / 1000
    await pWaitFor(async () => (await c.call('groupStatus', { groupId })).synchronized === true, { timeout: 60_000, interval: 50 })
    const relayBefore = bytes(await pub.call('metrics'), /circuit\/relay\/0\.2\.0\/(hop|stop) received/)
    const bBefore = bytes(await b.call('metrics'), /^global received$/)
    await c.call('addMany', { groupId, type: 'burst', count: BURST_RECORDS, size: BURST_RECORD_BYTES })
    await pWaitFor(async () => await count(b, 'burst') === BURST_RECORDS, { timeout: 60_000, interval: 50 })
    const relayed = bytes(await pub.call('metrics'), /circuit\/relay\/0\.2\.0\/(hop|stop) received/) - relayBefore
    const received = bytes(await b.call('metrics'), /^global received$/) - bBefore
    return [
      { scenario: 'beyond-lan/join→first-record/relayed/2xNAT', params: { nat: 'masquerade×2' }, value: firstRecordS, unit: 's', limit: { name: 'target', value: 5, unit: 's' }, ratio: firstRecordS / 5, target: '≤ 5 s', pass: firstRecordS <= 5 },
      { scenario: `beyond-lan/restart→synchronized/records=${RESTART_RECORDS}/size=${RESTART_RECORD_BYTES}B/relayed`, params: { records: RESTART_RECORDS, recordBytes: RESTART_RECORD_BYTES, includes: 'node process start' }, value: restartS, unit: 's', limit: { name: 'target', value: 3, unit: 's' }, ratio: restartS / 3, target: '≤ 3 s', pass: restartS <= 3 },
      { scenario: 'beyond-lan/restart→node-started (process, LevelDB, identity)', params: {}, value: processS, unit: 's', target: 'reported' },
      { scenario: 'beyond-lan/restart→member-proven/relayed', params: {}, value: connectedS, unit: 's', target: 'reported' },
      { scenario: 'beyond-lan/join→direct-upgrade/NAT↔public', params: {}, value: upgradeS, unit: 's', target: 'reported' },
      { scenario: `beyond-lan/after-upgrade/records=${BURST_RECORDS}/size=${BURST_RECORD_BYTES}B/relayed-bytes`, params: { directBytes: received - relayed }, value: relayed, unit: 'B', limit: { name: 'bytes the member received', value: received, unit: 'B' }, ratio: received === 0 ? 0 : relayed / received, target: 'relayed ÷ received ≤ 0.05', pass: received > 0 && relayed / received <= 0.05 }
    ]
  } finally {
    await Promise.allSettled(workers.map(async w => w.kill('SIGKILL')))
    topo.down()
    await dir.remove()
  }
}
