/**
 * Issue 10's People Near Me bench: time from `advertise()` (what sign-in to `near` calls) on one
 * host to both other hosts of 3 seeing it (`near:changed` added), in netlan namespaces with the
 * default 10 s mDNS query period, so the figure is the announcement's, not the period's. Each
 * round the host signs out (goodbye) and in again. Root only (network namespaces); elsewhere it
 * is skipped with the reason. Target: ≤ 2 s (issue 10).
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pWaitFor from 'p-wait-for'
import { NearHost, netlan, netlanUnavailable } from '../../test/helpers/netlan.ts'
import { type BenchResult, median, percentile } from '../harness.ts'

/** Scenario name. */
export const name = 'near-discovery'

const HOSTS = 3
const ROUNDS = 10
const INTERVAL_MS = 10_000
const TARGET_MS = 2000

/** Runs the scenario. */
export async function run (): Promise<BenchResult[]> {
  const prefix = `phb${process.pid % 1000}`
  const why = netlanUnavailable(prefix)
  if (why !== undefined) {
    process.stderr.write(`near-discovery skipped: ${why}\n`)
    return []
  }
  const up = netlan(prefix, 'up', String(HOSTS), prefix)
  if (up.status !== 0) {
    netlan(prefix, 'down', String(HOSTS), prefix)
    throw new Error(`netlan up failed: ${up.out}`)
  }
  const dir = await mkdtemp(join(tmpdir(), 'peerhood-near-bench-'))
  const hosts = Array.from({ length: HOSTS }, (_, i) => new NearHost(prefix, i, join(dir, `host-${i}`), INTERVAL_MS))
  try {
    await pWaitFor(() => hosts.every(h => h.peerId !== '' || h.child.exitCode !== null), { timeout: 30_000 })
    if (hosts.some(h => h.peerId === '')) throw new Error(`a host did not start: ${hosts.map(h => h.stderr).join('\n')}`)
    const [subject, ...others] = hosts as [NearHost, NearHost, NearHost]
    for (const h of others) h.send({ cmd: 'advertise', nickname: `observer-${h.index}`, endpointName: `host-${h.index}` })
    const times: number[] = []
    for (let round = 0; round < ROUNDS; round++) {
      const before = subject.lines.length
      subject.send({ cmd: 'advertise', nickname: `subject-${round}`, endpointName: 'host-0' })
      await pWaitFor(() => subject.lines.slice(before).some(l => l.event === 'advertised'), { timeout: 10_000 })
      const t0 = subject.lines.slice(before).find(l => l.event === 'advertised')!.t0 as number
      const seenAt = (h: NearHost) => h.changes().find(l => l.change === 'added' && l.peerId === subject.peerId && l.nickname === `subject-${round}` && l.t >= t0)?.t
      await pWaitFor(() => others.every(h => seenAt(h) !== undefined), { interval: 5, timeout: 4 * INTERVAL_MS })
      times.push(Math.max(...others.map(h => seenAt(h)!)) - t0)
      subject.send({ cmd: 'advertise' })
      await pWaitFor(() => others.every(h => !h.seen().has(subject.peerId)), { interval: 5, timeout: 4 * INTERVAL_MS })
    }
    const p50 = median(times)
    const worst = percentile(times, 99)
    const params = { hosts: HOSTS, rounds: ROUNDS, queryIntervalMs: INTERVAL_MS }
    const limit = { name: 'target', value: TARGET_MS, unit: 'ms' }
    return [
      { scenario: `near-discovery/hosts=${HOSTS}/interval=${INTERVAL_MS}/p50`, params, value: p50, unit: 'ms', limit, ratio: p50 / TARGET_MS, target: 'p50 ≤ 2000 ms', pass: p50 <= TARGET_MS },
      { scenario: `near-discovery/hosts=${HOSTS}/interval=${INTERVAL_MS}/p99`, params, value: worst, unit: 'ms', limit, ratio: worst / TARGET_MS, target: 'p99 ≤ 2000 ms', pass: worst <= TARGET_MS }
    ]
  } finally {
    await Promise.all(hosts.map(async h => { await h.stop() }))
    netlan(prefix, 'down', String(HOSTS), prefix)
    await rm(dir, { recursive: true, force: true })
  }
}
