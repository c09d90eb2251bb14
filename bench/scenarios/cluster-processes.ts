/**
 * Issue 14's cluster bench, one process per node (nine nodes on one event loop would measure the
 * event loop): 32 member processes in one group on 127.0.0.1.
 *
 * - delivery: node 0 adds 1,000 records of 1 KB through its API; every one of the 31 others must
 *   report each (`record:changed` on its own `/v1/events`, timed by its own clock): delivery ratio
 *   (target 1.000) and latency from the add request to each delivery (p50, p99; target p99 ≤ 1 s);
 *   duplicates received per delivery (gossipsub's own counters), CPU-seconds and RSS per node;
 * - cold join: the group then holds 10,000 records; a 33rd process joins: seconds from `join` to
 *   SYNCHRONIZED with all of them (target ≤ 2 s).
 */
import type { ApiClient } from '../../node/api/client.ts'
import { createCluster, type ClusterProcess } from '../../node/cluster.ts'
import type { PeerhoodEvent } from '../../node/events.ts'
import { type BenchResult, percentile } from '../harness.ts'

/** Scenario name. */
export const name = 'cluster'

const NODES = Number(process.env.PEERHOOD_BENCH_CLUSTER_NODES ?? 32)
const RECORDS = 1_000
const JOIN_RECORDS = 10_000
const RECORD_BYTES = 1024
/** Adds in flight at the writer. */
const IN_FLIGHT = 16
const TIMEOUT_MS = 120_000
const TYPE = 'bench.item'

/** Sum of a Prometheus metric's samples (all label sets), or undefined when absent. */
function metricSum (text: string, metric: string): number | undefined {
  let sum: number | undefined
  for (const line of text.split('\n')) {
    if (!line.startsWith(metric) || (line[metric.length] !== ' ' && line[metric.length] !== '{')) continue
    sum = (sum ?? 0) + Number(line.slice(line.lastIndexOf(' ') + 1))
  }
  return sum
}

/** Resolves once `done()` holds, re-checked on every call of the returned `poke`. */
function condition (done: () => boolean): { reached: Promise<void>, poke: () => void } {
  let resolve!: () => void
  const reached = new Promise<void>(r => { resolve = r })
  const poke = (): void => { if (done()) resolve() }
  return { reached, poke }
}

async function withTimeout<T> (promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => { timer = setTimeout(() => { reject(new Error(`${what} did not finish within ${TIMEOUT_MS} ms`)) }, TIMEOUT_MS) })
  try { return await Promise.race([promise, timeout]) } finally { clearTimeout(timer) }
}

/** Adds `count` records on `client`, `IN_FLIGHT` at a time; the time each add was requested, by record id. */
async function addRecords (client: ApiClient, groupId: string, count: number): Promise<Map<string, number>> {
  const sent = new Map<string, number>()
  const data = Buffer.alloc(RECORD_BYTES, 42).toString('base64')
  let next = 0
  await Promise.all(Array.from({ length: IN_FLIGHT }, async () => {
    while (next < count) {
      next++
      const t0 = Date.now()
      const record = await client.addRecord(groupId, { type: TYPE, data })
      sent.set(record.id, t0)
    }
  }))
  return sent
}

/** Runs the scenario. */
export async function run (): Promise<BenchResult[]> {
  const cluster = await createCluster({ size: NODES, processes: true, group: 'bench', config: { dht: { enabled: false } } })
  const stops: AbortController[] = []
  try {
    const groupId = cluster.groupId!
    const [writer, ...receivers] = cluster.members as [ClusterProcess, ...ClusterProcess[]]
    const before = await Promise.all(cluster.members.map(async m => m.client.metrics()))

    // every receiver reports what it stored, with its own clock
    const delivered = receivers.map(() => new Map<string, number>())
    const all = condition(() => delivered.every(d => d.size >= RECORDS))
    await Promise.all(receivers.map(async (m, i) => {
      const stop = new AbortController()
      stops.push(stop)
      await new Promise<void>((resolve, reject) => {
        m.client.events({ types: ['record:changed'], group: groupId }, (e: PeerhoodEvent) => {
          if (e.data.changeType === 'added' && e.data.recordType === TYPE) {
            delivered[i]!.set(e.data.recordId as string, e.time)
            all.poke()
          }
        }, { signal: stop.signal, onOpen: resolve }).catch(reject)
      })
    }))
    const started = Date.now()
    const sent = await addRecords(writer.client, groupId, RECORDS)
    const addSeconds = (Date.now() - started) / 1000
    await withTimeout(all.reached, 'delivery to every member').catch(() => {})
    const latencies: number[] = []
    let deliveries = 0
    for (const d of delivered) {
      for (const [id, t] of d) {
        const t0 = sent.get(id)
        if (t0 === undefined) continue
        deliveries++
        latencies.push(t - t0)
      }
    }
    const after = await Promise.all(cluster.members.map(async m => m.client.metrics()))
    const dup = (text: string): number => metricSum(text, 'gossipsub_duplicate_msg_delivered_count') ?? metricSum(text, 'gossipsub_duplicate_msg_delivered_count_total') ?? 0
    const duplicates = receivers.reduce((sum, _, i) => sum + dup(after[i + 1]!) - dup(before[i + 1]!), 0)
    const cpu = after.map(text => metricSum(text, 'process_cpu_seconds_total') ?? 0)
    const rss = after.map(text => metricSum(text, 'process_resident_memory_bytes') ?? 0)
    const expected = RECORDS * receivers.length
    const params = { nodes: NODES, records: RECORDS, recordBytes: RECORD_BYTES, inFlight: IN_FLIGHT, addSeconds, deliveries, expected }

    // a cold member joins the group once it holds 10k records
    await addRecords(writer.client, groupId, JOIN_RECORDS - RECORDS)
    const joiner = await createCluster({ size: 1, processes: true, config: { dht: { enabled: false } } })
    let joinSeconds: number
    try {
      const member = joiner.members[0]!
      const stop = new AbortController()
      stops.push(stop)
      const synchronized = condition(() => true)
      let opened!: () => void
      const open = new Promise<void>(resolve => { opened = resolve })
      member.client.events({ types: ['group:status'], group: groupId }, (e: PeerhoodEvent) => {
        if ((e.data.status as { synchronized?: boolean } | undefined)?.synchronized === true) synchronized.poke()
      }, { signal: stop.signal, onOpen: () => { opened() } }).catch(() => {})
      await open
      const invitation = await writer.client.createInvitation(groupId, { peerId: member.peerId, addresses: [writer.address] })
      const t0 = performance.now()
      await member.client.joinGroup(invitation.token)
      await withTimeout(synchronized.reached, 'the cold join')
      joinSeconds = (performance.now() - t0) / 1000
      const held = (await member.client.groupStatus(groupId)).records
      Object.assign(params, { joinRecordsHeld: held })
    } finally {
      await joiner.stop()
    }

    const ratio = deliveries / expected
    const p99 = percentile(latencies, 99)
    return [
      { scenario: `cluster/processes=${NODES}/delivery-ratio`, params, value: ratio, unit: '', target: '= 1.000', pass: ratio === 1 },
      { scenario: `cluster/processes=${NODES}/latency-p50`, params, value: percentile(latencies, 50), unit: 'ms' },
      { scenario: `cluster/processes=${NODES}/latency-p99`, params, value: p99, unit: 'ms', target: '≤ 1000 ms', pass: p99 <= 1000 },
      { scenario: `cluster/processes=${NODES}/duplicates-per-delivery`, params, value: deliveries === 0 ? 0 : duplicates / deliveries, unit: '' },
      { scenario: `cluster/processes=${NODES}/cpu-seconds-per-node`, params: { ...params, perNode: cpu }, value: cpu.reduce((a, b) => a + b, 0) / cpu.length, unit: 's' },
      { scenario: `cluster/processes=${NODES}/rss-per-node`, params: { ...params, perNode: rss }, value: rss.reduce((a, b) => a + b, 0) / rss.length / 1e6, unit: 'MB' },
      { scenario: `cluster/processes=${NODES}/cold-join-10k`, params, value: joinSeconds, unit: 's', target: '≤ 2 s', pass: joinSeconds <= 2 }
    ]
  } finally {
    for (const stop of stops) stop.abort()
    await cluster.stop()
  }
}
