/**
 * Issue 5's bench: time from `join` to SYNCHRONIZED for a new member of a group that holds 10,000
 * records of 1 KB, over TCP on 127.0.0.1 — invitation checked offline, membership proven on
 * connect, the whole database pulled by the sync protocol and validated record by record.
 */
import { createCluster } from '../../node/cluster.ts'
import type { PeerhoodEvent } from '../../node/events.ts'
import type { BenchResult } from '../harness.ts'

/** Scenario name. */
export const name = 'join'

const RECORDS = 10_000
const RECORD_BYTES = 1024
const CONCURRENCY = 32

/** Runs the scenario. */
export async function run (): Promise<BenchResult[]> {
  const cluster = await createCluster({ size: 2, topology: 'none', transport: 'tcp', storage: 'memory', api: false, config: { dht: { enabled: false }, mdns: { enabled: false } } })
  try {
    const [owner, joiner] = cluster.nodes as [typeof cluster.nodes[0], typeof cluster.nodes[0]]
    const group = await owner.groups.create({ friendlyName: 'bench' })
    const data = new Uint8Array(RECORD_BYTES).fill(42)
    let next = 0
    await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
      while (next < RECORDS) {
        next++
        await owner.groups.addRecord(group.groupId, { type: 'bench', data })
      }
    }))
    const token = await owner.groups.createInvitation(group.groupId, { peerId: joiner.peerId.toString() })
    const synchronized = new Promise<number>(resolve => {
      const off = joiner.events.subscribe({ types: ['group:status'], group: group.groupId }, (e: PeerhoodEvent) => {
        if ((e.data.status as { synchronized: boolean }).synchronized) { off(); resolve(performance.now()) }
      })
    })
    const start = performance.now()
    await joiner.groups.join(token)
    const end = await synchronized
    const seconds = (end - start) / 1000
    const held = (await joiner.groups.status(group.groupId)).records
    return [
      {
        scenario: `join/records=${RECORDS}/size=${RECORD_BYTES}B/tcp-loopback`,
        params: { records: RECORDS, recordBytes: RECORD_BYTES, transport: 'tcp' },
        value: seconds,
        unit: 's',
        target: 'join → SYNCHRONIZED (reported, no fixed target)'
      },
      {
        scenario: `join/records=${RECORDS}/validated-per-second`,
        params: { records: held },
        value: held / seconds,
        unit: 'records/s'
      }
    ]
  } finally {
    await cluster.stop()
  }
}
