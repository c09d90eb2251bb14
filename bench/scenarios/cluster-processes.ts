/**
 * Issue 14's cluster bench, one process per node (nine nodes on one event loop would measure the
 * event loop): 32 member processes in one group on 127.0.0.1.
 *
 * - delivery: node 0 adds 1,000 records of 1 KB through its API; every one of the 31 others must
 *   report each (`record:changed` on its own `/v1/events`, timed by its own clock): delivery ratio
 *   (target 1.000) and latency from the add request to each delivery (p50, p99; target p99 ≤ 1 s);
 *   duplicate gossip messages per new one (`peerhood_gossip_messages_received_total`), CPU-seconds and RSS per node;
 * - cold join: the group then holds 10,000 records; a 33rd process joins: seconds from `join` to
 *   SYNCHRONIZED with all of them (target ≤ 2 s).
 */
import type { ApiClient } from '../../node/api/client.ts'
import { type ClusterTopology, createCluster, type ClusterProcess } from '../../node/cluster.ts'
import type { PeerhoodEvent } from '../../node/events.ts'
import { type BenchResult, percentile } from '../harness.ts'

/** Scenario name. */
export const name = 'cluster'

const NODES = Number(process.env.PEERHOOD_BENCH_CLUSTER_NODES ?? 32)
/** Which pairs are connected (`sparse`: i ± 1, 2, 4, 8, 16; `full`: all pairs). */
const TOPOLOGY = (process.env.PEERHOOD_BENCH_CLUSTER_TOPOLOGY ?? 'sparse') as ClusterTopology
/**
 * Records added per second at the writer (0: as fast as `IN_FLIGHT` adds allow). The target is a
 * latency, so it is measured under a rate the 32 processes sharing 2 cores sustain: each record
 * costs the cluster ≈ 0.25 CPU-s (31 verifications, stores, forwards) over an idle 0.4 core, and
 * the writer gets 1/33 of the machine (docs/performance.md); unpaced, records queue for seconds.
 */
const RATE = Number(process.env.PEERHOOD_BENCH_CLUSTER_RATE ?? 2)
/** Run the cold join after the delivery part (`0` skips it). */
const JOIN = process.env.PEERHOOD_BENCH_CLUSTER_JOIN !== '0'
/** Window over which the cluster's idle CPU is measured, in milliseconds. */
const IDLE_MS = 5_000
/**
 * CPU-seconds per second and node below which a formed cluster counts as settled: about three
 * times what an idle member spends (0.0026 measured since pings went to 60 s and event-loop
 * sampling to 1 s; 0.012–0.018 before). The repair rounds after the join's fill keep 32 members
 * at 1–2 cores for a minute or more, and a join measured in them measures them.
 */
const SETTLED_CPU_PER_NODE = 0.008
/** Longest wait for the cluster to settle, in milliseconds. */
const SETTLE_MAX_MS = 300_000
/** How long one node process may take to start: 32 starting at once on 2 cores take a while. */
const START_TIMEOUT_MS = 180_000
/** Records the delivery part adds (fewer make a quick run of the cold join; the target is over 1,000). */
const RECORDS = Number(process.env.PEERHOOD_BENCH_CLUSTER_RECORDS ?? 1_000)
const JOIN_RECORDS = 10_000
const RECORD_BYTES = 1024
/** Adds in flight at the writer. */
const IN_FLIGHT = 16
const TIMEOUT_MS = 120_000
/** Records a `records:batch` request of the join's fill carries. */
const FILL_BATCH = 100
/** Records a second the join's fill adds: what 32 processes on 2 cores take in by gossip alone. */
const FILL_RATE = Number(process.env.PEERHOOD_BENCH_CLUSTER_FILL_RATE ?? 100)
/** Longest wait for the join's 9,000 further records to reach every member, in milliseconds. */
const FILL_TIMEOUT_MS = 900_000
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

async function withTimeout<T> (promise: Promise<T>, what: string, ms = TIMEOUT_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => { timer = setTimeout(() => { reject(new Error(`${what} did not finish within ${ms} ms`)) }, ms) })
  try { return await Promise.race([promise, timeout]) } finally { clearTimeout(timer) }
}

/** What {@link addRecords} saw: when each add was requested and acknowledged (by record id), and each add's round trip. */
interface Added { sent: Map<string, number>, acked: Map<string, number>, acks: number[] }

/**
 * Adds `count` records on `client`, `IN_FLIGHT` at a time and, with `rate` > 0, record k no
 * earlier than k / rate seconds after the first.
 */
async function addRecords (client: ApiClient, groupId: string, count: number, rate = 0): Promise<Added> {
  const sent = new Map<string, number>()
  const acked = new Map<string, number>()
  const acks: number[] = []
  const data = Buffer.alloc(RECORD_BYTES, 42).toString('base64')
  const start = Date.now()
  let next = 0
  await Promise.all(Array.from({ length: IN_FLIGHT }, async () => {
    while (next < count) {
      const k = next++
      const due = rate > 0 ? start + k * 1000 / rate : 0
      if (due > Date.now()) await new Promise(resolve => setTimeout(resolve, due - Date.now()))
      const t0 = Date.now()
      const record = await client.addRecord(groupId, { type: TYPE, data })
      sent.set(record.id, t0)
      acked.set(record.id, Date.now())
      acks.push(Date.now() - t0)
    }
  }))
  return { sent, acked, acks }
}

/**
 * Adds `count` records on `client` through `records:batch`, {@link FILL_BATCH} a request, at
 * {@link FILL_RATE} records a second: faster, the members' verdicts on forwarded bundles come
 * after gossipsub's message cache has let them go, and sync repairs what gossip then leaves out
 * (correct, but each record is checked again by every repairing pair).
 */
async function addBatches (client: ApiClient, groupId: string, count: number): Promise<void> {
  const data = Buffer.alloc(RECORD_BYTES, 42).toString('base64')
  const start = Date.now()
  for (let done = 0; done < count; done += FILL_BATCH) {
    const due = start + done * 1000 / FILL_RATE
    if (due > Date.now()) await new Promise(resolve => setTimeout(resolve, due - Date.now()))
    const n = Math.min(FILL_BATCH, count - done)
    await client.addRecordsBatch(groupId, Array.from({ length: n }, () => ({ type: TYPE, data })))
  }
}

/**
 * Waits until the cluster's CPU has fallen to what an idle cluster spends (heartbeats, pings):
 * after forming, or after a burst of records, its members keep working for a while (handshakes,
 * syncs, forwarding). Returns how long that took and the last window's CPU-seconds per second.
 */
async function settle (cpuNow: () => Promise<number>): Promise<{ seconds: number, idleCpu: number }> {
  const settleT0 = Date.now()
  let idleCpu = Number.POSITIVE_INFINITY
  for (let cpu0 = await cpuNow(), t0 = Date.now(); Date.now() - settleT0 < SETTLE_MAX_MS;) {
    await new Promise(resolve => setTimeout(resolve, IDLE_MS))
    const [cpu1, t1] = [await cpuNow(), Date.now()]
    idleCpu = (cpu1 - cpu0) / ((t1 - t0) / 1000)
    if (idleCpu <= NODES * SETTLED_CPU_PER_NODE) break
    ;[cpu0, t0] = [cpu1, t1]
  }
  return { seconds: (Date.now() - settleT0) / 1000, idleCpu }
}

/** Runs the scenario. */
export async function run (): Promise<BenchResult[]> {
  const cluster = await createCluster({ size: NODES, processes: true, topology: TOPOLOGY, group: 'bench', startTimeoutMs: START_TIMEOUT_MS, config: { dht: { enabled: false } } })
  const stops: AbortController[] = []
  try {
    const groupId = cluster.groupId!
    const [writer, ...receivers] = cluster.members as [ClusterProcess, ...ClusterProcess[]]
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
    // the cluster keeps working after it formed (membership handshakes, syncs): start once its CPU
    // has fallen to what an idle cluster spends (heartbeats, pings), and measure that
    const cpuNow = async (): Promise<number> => (await Promise.all(cluster.members.map(async m => metricSum(await m.client.metrics(), 'process_cpu_seconds_total') ?? 0))).reduce((a, b) => a + b, 0)
    const { seconds: settleSeconds, idleCpu } = await settle(cpuNow)
    const before = await Promise.all(cluster.members.map(async m => m.client.metrics()))
    const started = Date.now()
    const parentCpu0 = process.cpuUsage()
    const { sent, acked, acks } = await addRecords(writer.client, groupId, RECORDS, RATE)
    const addSeconds = (Date.now() - started) / 1000
    await withTimeout(all.reached, 'delivery to every member').catch(() => {})
    const latencies: number[] = []
    // from the writer's acknowledgement: the network's part of the latency, without the writer's API
    const afterAck: number[] = []
    let deliveries = 0
    for (const d of delivered) {
      for (const [id, t] of d) {
        const t0 = sent.get(id)
        if (t0 === undefined) continue
        deliveries++
        latencies.push(t - t0)
        afterAck.push(t - acked.get(id)!)
      }
    }
    const after = await Promise.all(cluster.members.map(async m => m.client.metrics()))
    const delta = (metric: string): number[] => after.map((text, i) => (metricSum(text, metric) ?? 0) - (metricSum(before[i]!, metric) ?? 0))
    // gossip messages (bundles of records) the receivers took as new, and those they had seen before
    const received = (status: string): number => delta(`peerhood_gossip_messages_received_total{status="${status}"}`).slice(1).reduce((a, b) => a + b, 0)
    const [newMessages, duplicates] = [received('valid'), received('duplicate')]
    // CPU of the delivery window (from the first add to the last delivery), and of the whole run
    const cpu = delta('process_cpu_seconds_total')
    const cpuTotal = after.map(text => metricSum(text, 'process_cpu_seconds_total') ?? 0)
    const rss = after.map(text => metricSum(text, 'process_resident_memory_bytes') ?? 0)
    const expected = RECORDS * receivers.length
    const deliverySeconds = (Date.now() - started) / 1000
    const params = {
      nodes: NODES,
      topology: TOPOLOGY,
      rate: RATE === 0 ? 'unpaced' : RATE,
      records: RECORDS,
      recordBytes: RECORD_BYTES,
      inFlight: IN_FLIGHT,
      addSeconds,
      addAckP50Ms: percentile(acks, 50),
      addAckP99Ms: percentile(acks, 99),
      afterAckP50Ms: percentile(afterAck, 50),
      afterAckP99Ms: percentile(afterAck, 99),
      deliverySeconds,
      deliveries,
      expected,
      gossipMessagesNew: newMessages,
      gossipMessagesDuplicate: duplicates,
      // bundles accepted after gossipsub's cache let them go (not forwarded; repaired by sync)
      gossipForwardsLate: delta('peerhood_gossip_forwards_late_total').reduce((a, b) => a + b, 0),
      cpuSecondsDeliveryAllNodes: cpu.reduce((a, b) => a + b, 0),
      cpuSecondsWriter: cpu[0],
      // the whole cluster's CPU per second while idle, and this process's (API clients, event streams) while delivering
      idleCpuSecondsPerSecondAllNodes: idleCpu,
      settleSeconds,
      benchProcessCpuSeconds: (() => { const u = process.cpuUsage(parentCpu0); return (u.user + u.system) / 1e6 })()
    }

    // a cold member joins the group once it holds 10k records
    let joinSeconds = Number.NaN
    if (JOIN) {
    // the other 9,000 go in paced batches (one gossip bundle per ~60 records), and every member
    // must hold all 10,000 before the joiner starts: it may sync from any of them
    // counted from each member's status, not from events: an event stream cut under load loses
    // events, while the store is what the joiner syncs from
    const held = async (): Promise<number[]> => Promise.all(cluster.members.map(async m => (await m.client.groupStatus(groupId)).records))
    const fillT0 = Date.now()
    await addBatches(writer.client, groupId, JOIN_RECORDS - RECORDS)
    const target = (await writer.client.groupStatus(groupId)).records
    await withTimeout((async () => {
      while (!(await held()).every(n => n >= target)) await new Promise(resolve => setTimeout(resolve, 2_000))
    })(), 'the 10,000 records reaching every member', FILL_TIMEOUT_MS)
    const fillSeconds = (Date.now() - fillT0) / 1000
    const fillLate = (await Promise.all(cluster.members.map(async m => metricSum(await m.client.metrics(), 'peerhood_gossip_forwards_late_total') ?? 0))).reduce((a, b) => a + b, 0)
    Object.assign(params, { fillRate: FILL_RATE, fillGossipForwardsLateSinceStart: fillLate })
    const settled = await settle(cpuNow)
    Object.assign(params, { fillSeconds, joinSettleSeconds: settled.seconds, joinIdleCpuSecondsPerSecondAllNodes: settled.idleCpu })
    const joiner = await createCluster({ size: 1, processes: true, config: { dht: { enabled: false } } })
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
    }

    const ratio = deliveries / expected
    const p99 = percentile(latencies, 99)
    const scenario = `cluster/processes=${NODES}`
    return [
      { scenario: `${scenario}/delivery-ratio`, params, value: ratio, unit: '', target: '= 1.000', pass: ratio === 1 },
      { scenario: `${scenario}/latency-p50`, params, value: percentile(latencies, 50), unit: 'ms' },
      { scenario: `${scenario}/latency-p99`, params, value: p99, unit: 'ms', target: '≤ 1000 ms', pass: p99 <= 1000 },
      // duplicate gossip messages (record bundles) the receivers got per new one
      { scenario: `${scenario}/duplicates-per-delivery`, params, value: newMessages === 0 ? 0 : duplicates / newMessages, unit: 'messages per new message' },
      { scenario: `${scenario}/cpu-seconds-per-node`, params: { ...params, perNode: cpu, sinceStart: cpuTotal }, value: cpu.reduce((a, b) => a + b, 0) / cpu.length, unit: 's' },
      { scenario: `${scenario}/rss-per-node`, params: { ...params, perNode: rss }, value: rss.reduce((a, b) => a + b, 0) / rss.length / 1e6, unit: 'MB' },
      ...(JOIN ? [{ scenario: `${scenario}/cold-join-10k`, params, value: joinSeconds, unit: 's', target: '≤ 2 s', pass: joinSeconds <= 2 }] : [])
    ]
  } finally {
    for (const stop of stops) stop.abort()
    await cluster.stop()
  }
}
