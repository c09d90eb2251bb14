/**
 * Gossip delivery: 1,000 records of 1 KB from one member to 8 members over TCP on 127.0.0.1,
 * nine nodes in this process, full topology.
 *
 * - Peerhood: real nodes (`createCluster`), node 0 creates a group and admits the others; it
 *   calls `groups.addRecord` 1,000 times, one after the other (sign, store, queue for gossip).
 *   The gossip outbox sends what was queued in one event-loop turn as record bundles of up to
 *   64 KiB (`protocols/group-gossip/outbox.ts`), so a burst pays gossip's per-message cost once
 *   per bundle; each record keeps its own signature. Every receiver runs the full ingress
 *   pipeline on every record (record signature, membership, rules, storage) and the arrival is
 *   its `record:changed` `added` event.
 * - Baseline, same run: nine plain libp2p nodes (noise, yamux, identify, `gossipsub()` with its
 *   default `StrictSign` and no validator), full mesh on one topic; node 0 publishes the same
 *   1,000 encoded records, one `publish` after the other; the arrival is the `message` event.
 *
 * Both sets of nodes stay up for the whole scenario and the rounds alternate (Peerhood, then the
 * baseline with the bytes Peerhood just published), so both see the same machine load. Figures:
 * deliveries per second (8,000 deliveries ÷ time from the first publish call to the last
 * arrival, median of the rounds) and p50 / p99 latency (publish call start → arrival, over every
 * round). Target: Peerhood ÷ baseline deliveries per second ≥ 2. Beside them, deliveries per
 * CPU second until the gossip went quiet: in one process the forwarded duplicates arrive after
 * the last first copy, so only this figure counts their cost. `copiesPerDelivery` in the params
 * is gossip messages taken in (first copies and duplicates) per delivered record: above 1 for
 * the baseline (duplicates), far below 1 for Peerhood (a bundle delivers many records).
 *
 * Where Peerhood's margin comes from: (1) bundles — one gossip message, message id, IDONTWANT,
 * noise and yamux frame per hop for a whole burst; (2) the content-hash message id drops a
 * duplicate before any signature check, while `StrictSign` verifies every copy before its
 * seen-cache lookup; (3) each receiver checks each record's signature once.
 *
 * Nine nodes share one event loop here, so a round queues seconds of work on every connection;
 * libp2p's connection monitor then sees its pings time out (5 s minimum) and, by default, aborts
 * the connection. Both node sets keep pinging but do not abort (a real member runs in its own
 * process); a round that loses a connection anyway fails instead of reporting a figure.
 */
import { createHash, randomFillSync } from 'node:crypto'
import { noise } from '@chainsafe/libp2p-noise'
import { yamux } from '@chainsafe/libp2p-yamux'
import { gossipsub, type GossipSub, type GossipSubComponents, type Message } from '@libp2p/gossipsub'
import { identify } from '@libp2p/identify'
import type { Libp2p } from '@libp2p/interface'
import { tcp } from '@libp2p/tcp'
import { createLibp2p } from 'libp2p'
import { createCluster } from '../../node/cluster.ts'
import type { PeerhoodNode } from '../../node/types.ts'
import { groupTopic } from '../../protocols/group-gossip/topic.ts'
import type { RecordChangedEvent } from '../../protocols/peer-groups/types.ts'
import { admit } from '../../test/cluster/groups/helpers.ts'
import { type BenchResult, median, percentile } from '../harness.ts'

/** Scenario `gossip-delivery`. */
export const name = 'gossip-delivery'

const NODES = 9
const RECORDS = 1000
const WARM_UP = 100
const ROUNDS = 5
/** Pause before each round, so the gossip of the previous one (IHAVE, late copies) has ended. */
const SETTLE_MS = 2000
/** The gossip of a round has ended once no receiver took in a message for this long. */
const QUIET_MS = 500
const DATA_BYTES = 1024
const MIN_MESH = 4
const RECORD_TYPE = 'bench.gossip'
const BASELINE_TOPIC = 'bench/gossip-delivery'
/** Bound on the whole scenario (both node sets, set-up and teardown included). */
const DEADLINE_MS = 300_000

/** Gossipsub with the mesh accessor its class has and its interface does not declare. */
type Pubsub = GossipSub & { getMeshPeers (topic: string): string[] }

/** What the bench reads of the peer-groups service's record store. */
interface RecordReader { get (groupId: string, id: string): Promise<{ bytes: Uint8Array } | undefined> }

/** Arrival times by message key; `all` resolves once `total` deliveries arrived. */
class Arrivals {
  readonly times = new Map<string, number[]>()
  readonly all: Promise<void>
  private count = 0
  private done!: () => void

  constructor (private readonly total: number) {
    this.all = new Promise(resolve => { this.done = resolve })
  }

  get delivered (): number { return this.count }

  arrive (key: string): void {
    const now = performance.now()
    const list = this.times.get(key)
    if (list === undefined) this.times.set(key, [now])
    else list.push(now)
    if (++this.count === this.total) this.done()
  }
}

/** A publisher and its receivers. */
interface Testbed {
  /** What `round` publishes (record data for Peerhood, encoded records for the baseline). */
  readonly label: string
  /** Where receivers report arrivals (set for the duration of a round). */
  arrivals?: Arrivals
  /** Open connections of every node. */
  connections (): number
  /** Gossip messages the receivers took in (first copies and duplicates) so far. */
  received (): number
  /** Publishes `payloads` one after the other; resolves with the publish start time of each message key. */
  publish (payloads: Uint8Array[]): Promise<Map<string, number>>
  stop (): Promise<void>
}

/** One measured round. */
interface Round {
  /** Deliveries ÷ seconds from the first publish call to the last delivery. */
  deliveriesPerS: number
  seconds: number
  /** Process CPU seconds from the first publish call until the gossip went quiet. */
  cpuSeconds: number
  /** Gossip messages the receivers took in per delivery until quiet (1 = no duplicates). */
  copies: number
  /** Of those, taken in before the last delivery. */
  copiesInWindow: number
  latencies: number[]
  starts: Map<string, number>
}

/** Rejects when `deadline` (performance.now() ms) passes first. */
async function before<T> (deadline: number, what: string, promise: Promise<T>): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const late = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => { reject(new Error(`gossip-delivery: timed out ${what}`)) }, Math.max(0, deadline - performance.now()))
  })
  try {
    return await Promise.race([promise, late])
  } finally {
    clearTimeout(timer)
  }
}

/** Polls `check` every 50 ms until it holds, or rejects at `deadline`. */
async function until (deadline: number, what: string, check: () => boolean | Promise<boolean>): Promise<void> {
  while (!(await check())) {
    if (performance.now() > deadline) throw new Error(`gossip-delivery: timed out waiting for ${what}`)
    await new Promise(resolve => setTimeout(resolve, 50))
  }
}

/**
 * Waits until the receivers took in no gossip message for {@link QUIET_MS}; resolves with the
 * CPU time used since `cpu` at the last message (the quiet tail is not counted).
 */
async function quiet (bed: Testbed, cpu: NodeJS.CpuUsage, deadline: number): Promise<number> {
  let seen = bed.received()
  let used = process.cpuUsage(cpu)
  let since = performance.now()
  while (performance.now() - since < QUIET_MS) {
    if (performance.now() > deadline) throw new Error(`gossip-delivery: timed out waiting for ${bed.label} to go quiet`)
    await new Promise(resolve => setTimeout(resolve, 50))
    if (bed.received() !== seen) {
      seen = bed.received()
      used = process.cpuUsage(cpu)
      since = performance.now()
    }
  }
  return (used.user + used.system) / 1e6
}

/** Publishes one round on a testbed and waits for every delivery, then for the gossip to go quiet. */
async function round (bed: Testbed, payloads: Uint8Array[], receivers: number, deadline: number): Promise<Round> {
  await new Promise(resolve => setTimeout(resolve, SETTLE_MS))
  const arrivals = new Arrivals(payloads.length * receivers)
  bed.arrivals = arrivals
  const connections = bed.connections()
  const received = bed.received()
  const cpu = process.cpuUsage()
  try {
    const starts = await before(deadline, `publishing on ${bed.label}`, bed.publish(payloads))
    await before(deadline, `waiting for ${bed.label} deliveries`, arrivals.all)
    const copiesInWindow = (bed.received() - received) / arrivals.delivered
    const cpuSeconds = await quiet(bed, cpu, deadline)
    const copies = (bed.received() - received) / arrivals.delivered
    if (bed.connections() < connections) throw new Error(`gossip-delivery: ${bed.label} lost connections during a round`)
    const latencies: number[] = []
    let last = 0
    for (const [key, times] of arrivals.times) {
      const start = starts.get(key)
      if (start === undefined) throw new Error(`gossip-delivery: an arrival on ${bed.label} matches no publish`)
      for (const t of times) {
        latencies.push(t - start)
        if (t > last) last = t
      }
    }
    const seconds = (last - Math.min(...starts.values())) / 1000
    return { deliveriesPerS: latencies.length / seconds, seconds, cpuSeconds, copies, copiesInWindow, latencies, starts }
  } catch (err) {
    throw new Error(`${(err as Error).message} (${arrivals.delivered} of ${payloads.length * receivers} arrived)`)
  } finally {
    bed.arrivals = undefined
  }
}

/** Counts the gossip messages some gossipsub instances take in, duplicates included (it wraps `handleReceivedMessage`). */
function countReceived (list: Pubsub[]): { received: number } {
  const counter = { received: 0 }
  for (const ps of list) {
    const inner = ps as unknown as { handleReceivedMessage (from: unknown, msg: unknown): Promise<void> }
    if (typeof inner.handleReceivedMessage !== 'function') throw new Error('gossip-delivery: gossipsub has no handleReceivedMessage to count with')
    const handle = inner.handleReceivedMessage.bind(inner)
    inner.handleReceivedMessage = async (from, msg) => {
      counter.received++
      return handle(from, msg)
    }
  }
  return counter
}

/** Nine Peerhood nodes in one group, synchronised, node 0's mesh ready. */
async function peerhoodBed (deadline: number): Promise<Testbed & { encoded (ids: Iterable<string>): Promise<Uint8Array[]> }> {
  const cluster = await createCluster({ size: NODES, transport: 'tcp', storage: 'memory', api: false, config: { dht: { enabled: false } } })
  try {
    const [owner, ...members] = cluster.nodes as [PeerhoodNode, ...PeerhoodNode[]]
    // createCluster keeps connections whose keep-alive ping is late (connections.abortOnPingFailure)
    const counter = countReceived(members.map(m => m.libp2p.services.pubsub as Pubsub))
    const { groupId } = await owner.groups.create({ friendlyName: 'bench' })
    for (const m of members) await admit(owner, m, groupId)
    const topic = groupTopic(groupId)
    const pubsub = owner.libp2p.services.pubsub as Pubsub
    // ready: every member synchronised and holding what the owner holds (every membership record
    // and the properties), the owner's mesh grown and every member subscribed
    await until(deadline, 'the group to synchronise', async () => {
      const statuses = await Promise.all(cluster.nodes.map(async n => n.groups.status(groupId)))
      return statuses.every(s => s.synchronized && s.records === statuses[0]!.records && s.records >= NODES + 1)
    })
    await until(deadline, `a mesh of ${MIN_MESH} peers at node 0`, () =>
      pubsub.getMeshPeers(topic).length >= MIN_MESH && pubsub.getSubscribers(topic).length === NODES - 1)
    // the record store is the service's own; its encoded records are what the baseline publishes
    const store = (owner.libp2p.services.groups as unknown as { records: RecordReader }).records
    const bed = {
      label: 'Peerhood',
      arrivals: undefined as Arrivals | undefined,
      connections: () => cluster.nodes.reduce((n, node) => n + node.libp2p.getConnections().length, 0),
      received: () => counter.received,
      async publish (payloads: Uint8Array[]): Promise<Map<string, number>> {
        const starts = new Map<string, number>()
        for (const data of payloads) {
          const start = performance.now()
          const record = await owner.groups.addRecord(groupId, { type: RECORD_TYPE, data })
          starts.set(record.id, start)
        }
        return starts
      },
      async encoded (ids: Iterable<string>): Promise<Uint8Array[]> {
        const out: Uint8Array[] = []
        for (const id of ids) {
          const found = await store.get(groupId, id)
          if (found === undefined) throw new Error(`gossip-delivery: node 0 does not hold its record ${id}`)
          out.push(Uint8Array.from(found.bytes))
        }
        return out
      },
      stop: async () => { await cluster.stop() }
    }
    for (const m of members) {
      m.groups.addEventListener('record:changed', (evt: CustomEvent<RecordChangedEvent>) => {
        const { detail } = evt
        if (detail.groupId === groupId && detail.changeType === 'added' && detail.recordType === RECORD_TYPE) bed.arrivals?.arrive(detail.recordId)
      })
    }
    return bed
  } catch (err) {
    await cluster.stop()
    throw err
  }
}

type PlainNode = Libp2p<{ pubsub: Pubsub }>

async function plainNode (): Promise<PlainNode> {
  return await createLibp2p({
    addresses: { listen: ['/ip4/127.0.0.1/tcp/0'] },
    transports: [tcp()],
    connectionEncrypters: [noise()],
    streamMuxers: [yamux()],
    // every node dials from 127.0.0.1, as in createCluster
    connectionManager: { inboundConnectionThreshold: 100 },
    connectionMonitor: { abortConnectionOnPingFailure: false },
    services: { identify: identify(), pubsub: gossipsub() as (components: GossipSubComponents) => Pubsub }
  })
}

const keyOf = (data: Uint8Array): string => createHash('sha256').update(data).digest('base64')

/** Nine plain gossipsub nodes (StrictSign, no validator), full mesh on one topic. */
async function baselineBed (deadline: number): Promise<Testbed> {
  const nodes: PlainNode[] = []
  const stop = async (): Promise<void> => { await Promise.allSettled(nodes.map(async n => n.stop())) }
  try {
    for (let i = 0; i < NODES; i++) nodes.push(await plainNode())
    for (const n of nodes) n.services.pubsub.subscribe(BASELINE_TOPIC)
    await Promise.all(nodes.flatMap((a, i) => nodes.slice(i + 1).map(async b => a.dial(b.getMultiaddrs()[0]!))))
    const [owner, ...members] = nodes as [PlainNode, ...PlainNode[]]
    const counter = countReceived(members.map(m => m.services.pubsub))
    await until(deadline, `a mesh of ${MIN_MESH} peers at baseline node 0`, () =>
      owner.services.pubsub.getMeshPeers(BASELINE_TOPIC).length >= MIN_MESH &&
      owner.services.pubsub.getSubscribers(BASELINE_TOPIC).length === NODES - 1)
    const bed: Testbed = {
      label: 'the baseline',
      connections: () => nodes.reduce((n, node) => n + node.getConnections().length, 0),
      received: () => counter.received,
      async publish (payloads: Uint8Array[]): Promise<Map<string, number>> {
        const keys = payloads.map(keyOf)
        const starts = new Map<string, number>()
        for (let i = 0; i < payloads.length; i++) {
          starts.set(keys[i]!, performance.now())
          await owner.services.pubsub.publish(BASELINE_TOPIC, payloads[i]!)
        }
        return starts
      },
      stop
    }
    for (const m of members) {
      m.services.pubsub.addEventListener('message', (evt: CustomEvent<Message>) => {
        if (evt.detail.topic === BASELINE_TOPIC) bed.arrivals?.arrive(keyOf(evt.detail.data))
      })
    }
    return bed
  } catch (err) {
    await stop()
    throw err
  }
}

const randomData = (n: number): Uint8Array[] => Array.from({ length: n }, () => randomFillSync(new Uint8Array(DATA_BYTES)))

/** Runs the scenario. */
export async function run (): Promise<BenchResult[]> {
  const deadline = performance.now() + DEADLINE_MS
  const receivers = NODES - 1
  const peerhood = await peerhoodBed(deadline)
  let baseline: Testbed | undefined
  try {
    baseline = await baselineBed(deadline)
    // warm-up (JIT, buffers), not counted
    const warm = await round(peerhood, randomData(WARM_UP), receivers, deadline)
    await round(baseline, await peerhood.encoded(warm.starts.keys()), receivers, deadline)
    const ours: Round[] = []
    const theirs: Round[] = []
    let recordBytes = 0
    for (let r = 0; r < ROUNDS; r++) {
      const mine = await round(peerhood, randomData(RECORDS), receivers, deadline)
      const bytes = await peerhood.encoded(mine.starts.keys())
      recordBytes = bytes[0]!.byteLength
      ours.push(mine)
      theirs.push(await round(baseline, bytes, receivers, deadline))
    }
    return results(ours, theirs, recordBytes)
  } finally {
    await Promise.allSettled([peerhood.stop(), baseline?.stop()])
  }
}

/** Medians and percentiles of a testbed's rounds. */
function figures (rounds: Round[]) {
  const latencies = rounds.flatMap(r => r.latencies)
  return {
    deliveriesPerS: median(rounds.map(r => r.deliveriesPerS)),
    deliveriesPerCpuS: median(rounds.map(r => r.latencies.length / r.cpuSeconds)),
    copies: median(rounds.map(r => r.copies)),
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    rounds: rounds.map(r => ({
      deliveriesPerS: Math.round(r.deliveriesPerS),
      seconds: Number(r.seconds.toFixed(3)),
      deliveriesPerCpuS: Math.round(r.latencies.length / r.cpuSeconds),
      copiesPerDelivery: Number(r.copies.toFixed(2)),
      copiesBeforeLastDelivery: Number(r.copiesInWindow.toFixed(2))
    }))
  }
}

function results (ours: Round[], theirs: Round[], recordBytes: number): BenchResult[] {
  const receivers = NODES - 1
  const p = figures(ours)
  const b = figures(theirs)
  const ratio = p.deliveriesPerS / b.deliveriesPerS
  const params = { nodes: NODES, receivers, records: RECORDS, rounds: ROUNDS, dataBytes: DATA_BYTES, recordBytes, transport: 'tcp 127.0.0.1, noise, yamux' }
  const base = `gossip-delivery/n=${RECORDS}/receivers=${receivers}`
  return [
    {
      scenario: `${base}/peerhood/deliveries`,
      params: { ...params, perRound: p.rounds, baselinePerRound: b.rounds },
      value: p.deliveriesPerS,
      unit: 'deliveries/s',
      limit: { name: 'gossipsub StrictSign, same bytes', value: b.deliveriesPerS, unit: 'deliveries/s' },
      ratio,
      target: 'ratio ≥ 2',
      pass: ratio >= 2
    },
    { scenario: `${base}/peerhood/latency-p50`, params, value: p.p50, unit: 'ms' },
    { scenario: `${base}/peerhood/latency-p99`, params, value: p.p99, unit: 'ms' },
    {
      // every copy counted: CPU until the gossip went quiet, duplicates included
      scenario: `${base}/peerhood/deliveries-per-cpu-s`,
      params: { ...params, copiesPerDelivery: p.copies, baselineCopiesPerDelivery: b.copies },
      value: p.deliveriesPerCpuS,
      unit: 'deliveries/cpu-s',
      limit: { name: 'gossipsub StrictSign, same bytes', value: b.deliveriesPerCpuS, unit: 'deliveries/cpu-s' },
      ratio: p.deliveriesPerCpuS / b.deliveriesPerCpuS
    },
    { scenario: `${base}/baseline/deliveries`, params: { ...params, perRound: b.rounds }, value: b.deliveriesPerS, unit: 'deliveries/s' },
    { scenario: `${base}/baseline/latency-p50`, params, value: b.p50, unit: 'ms' },
    { scenario: `${base}/baseline/latency-p99`, params, value: b.p99, unit: 'ms' }
  ]
}
