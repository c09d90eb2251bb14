/**
 * Sync on connect between two libp2p nodes over TCP on 127.0.0.1 (noise + yamux), with
 * in-memory sets of 1 KB records:
 *
 * - a new member (empty set) syncing 10k and 100k records: seconds and bytes;
 * - a resync after a 1 % difference (half the differing records on each side, as after a
 *   partition) on 10k and 100k records: bytes ÷ bytes of the differing records (target ≤ 2) and
 *   round trips (target ≤ 4).
 *
 * Bytes are what the sync protocol wrote and read (length prefixes included), not TCP bytes.
 */
import { randomFillSync } from 'node:crypto'
import { noise } from '@chainsafe/libp2p-noise'
import { yamux } from '@chainsafe/libp2p-yamux'
import type { Libp2p } from '@libp2p/interface'
import { tcp } from '@libp2p/tcp'
import { createLibp2p } from 'libp2p'
import { type Sync, syncService } from '../../protocols/sync/index.ts'
import { MemorySyncSet, memoryRecord } from '../../protocols/sync/memory-set.ts'
import type { SyncResult } from '../../protocols/sync/types.ts'
import type { BenchResult } from '../harness.ts'

/** Scenario `sync`. */
export const name = 'sync'

const RECORD_BYTES = 1024
const GROUP = 'bench'

type SyncNode = Libp2p<{ sync: Sync }>

function makeRecords (count: number, expires: number): Uint8Array[] {
  const out: Uint8Array[] = []
  const payload = new Uint8Array(RECORD_BYTES - 24)
  for (let i = 0; i < count; i++) {
    const id = randomFillSync(new Uint8Array(16))
    out.push(memoryRecord(id, expires, randomFillSync(payload)))
  }
  return out
}

async function node (set: () => MemorySyncSet): Promise<SyncNode> {
  return await createLibp2p({
    addresses: { listen: ['/ip4/127.0.0.1/tcp/0'] },
    transports: [tcp()],
    connectionEncrypters: [noise()],
    streamMuxers: [yamux()],
    services: { sync: syncService({ resolveSet: (groupId) => groupId === GROUP ? set() : undefined }) }
  })
}

/** Runs one session from a set `a` to a set `b` over a fresh pair of TCP nodes. */
async function session (a: MemorySyncSet, b: MemorySyncSet): Promise<{ result: SyncResult, seconds: number }> {
  const initiator = await node(() => a)
  const responder = await node(() => b)
  try {
    await initiator.dial(responder.getMultiaddrs()[0]!)
    const started = performance.now()
    const result = await initiator.services.sync.sync(responder.peerId, GROUP)
    return { result, seconds: (performance.now() - started) / 1000 }
  } finally {
    await Promise.all([initiator.stop(), responder.stop()])
  }
}

async function newMember (count: number): Promise<BenchResult[]> {
  const full = new MemorySyncSet()
  for (const r of makeRecords(count, Date.now() + 86_400_000)) full.add(r)
  const empty = new MemorySyncSet()
  const { result, seconds } = await session(empty, full)
  if (empty.size !== count) throw new Error(`new member holds ${empty.size} of ${count} records`)
  const bytes = result.bytesSent + result.bytesReceived
  const recordBytes = count * RECORD_BYTES
  const params = { records: count, recordBytes: RECORD_BYTES, mode: result.mode }
  return [
    { scenario: `sync/new-member/n=${count}/seconds`, params, value: seconds, unit: 's' },
    {
      scenario: `sync/new-member/n=${count}/bytes`,
      params,
      value: bytes / 1e6,
      unit: 'MB',
      limit: { name: 'records', value: recordBytes / 1e6, unit: 'MB' },
      ratio: bytes / recordBytes
    }
  ]
}

async function resync (count: number): Promise<BenchResult[]> {
  const differing = Math.round(count / 100)
  const onlyA = Math.floor(differing / 2)
  const expires = Date.now() + 86_400_000
  const a = new MemorySyncSet()
  const b = new MemorySyncSet()
  for (const r of makeRecords(count - differing, expires)) {
    a.add(r)
    b.add(r)
  }
  for (const r of makeRecords(onlyA, expires)) a.add(r)
  for (const r of makeRecords(differing - onlyA, expires)) b.add(r)
  const { result, seconds } = await session(a, b)
  if (a.size !== count || b.size !== count) throw new Error(`sets hold ${a.size} and ${b.size} of ${count} records after the resync`)
  const bytes = result.bytesSent + result.bytesReceived
  const differingBytes = differing * RECORD_BYTES
  const ratio = bytes / differingBytes
  const params = { records: count, differing, recordBytes: RECORD_BYTES, mode: result.mode, symbols: result.symbols, seconds }
  return [
    {
      scenario: `sync/resync-1%/n=${count}/bytes`,
      params,
      value: bytes / 1e3,
      unit: 'kB',
      limit: { name: 'differing records', value: differingBytes / 1e3, unit: 'kB' },
      ratio,
      target: 'ratio ≤ 2',
      pass: ratio <= 2
    },
    {
      scenario: `sync/resync-1%/n=${count}/round-trips`,
      params,
      value: result.roundTrips,
      unit: 'round trips',
      target: '≤ 4',
      pass: result.roundTrips <= 4
    },
    { scenario: `sync/resync-1%/n=${count}/seconds`, params, value: seconds, unit: 's' }
  ]
}

/** Runs the scenario. */
export async function run (): Promise<BenchResult[]> {
  return [
    ...await newMember(10_000),
    ...await newMember(100_000),
    ...await resync(10_000),
    ...await resync(100_000)
  ]
}
