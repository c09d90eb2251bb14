/**
 * Revocation (issue 15), two figures.
 *
 * - `revocation/spread/members=8`: time from `group revoke` returning on the creator to every one
 *   of 8 other members holding the revocation (so refusing the revoked peer's proofs and later
 *   records) and having dropped the peer from its proven members; 10 nodes in one process, full
 *   mesh over TCP on 127.0.0.1, 10 rounds (each lifts the revocation again before the next):
 *   p50 and max. No target was set; the cluster test expects well under a second.
 * - `revocation/ingress/revoked=1000`: the `records-validate` fixture (1,000 records of 1 KB from
 *   50 signers) through the full ingress pipeline with a group holding 1,000 revocations (of
 *   other peers), ÷ the same pipeline without revocations, alternating 200 ms windows over 25
 *   rounds, median of the per-round ratios. Target ≥ 0.9: a revocation check is a Map lookup.
 */
import pWaitFor from 'p-wait-for'
import { createCluster } from '../../node/cluster.ts'
import type { PeerhoodNode } from '../../node/types.ts'
import { exportMembership } from '../../protocols/groups/membership-export.ts'
import { validateIngress } from '../../protocols/records/ingress.ts'
import { RevocationIndex } from '../../protocols/revocation/revocation-index.ts'
import { type BenchResult, measureRate, median } from '../harness.ts'
import { fixture } from './records-validate.ts'

/** Scenario name. */
export const name = 'revocation'

const MEMBERS = 8
const ROUNDS = 10
const REVOKED = 1000
const INGRESS_ROUNDS = 25
const WINDOW_MS = 200
const TARGET = 0.9

async function spread (): Promise<number[]> {
  const cluster = await createCluster({ size: MEMBERS + 2, transport: 'tcp', storage: 'memory', topology: 'full', config: { dht: { enabled: false } } })
  try {
    const [admin, victim, ...members] = cluster.nodes as [PeerhoodNode, PeerhoodNode, ...PeerhoodNode[]]
    const { groupId, properties } = await admin.groups.create({ friendlyName: 'revocation-bench' })
    for (const node of [victim, ...members]) {
      const { chain } = await admin.groups.issue(groupId, { peerId: node.peerId.toString() })
      await node.groups.importMembership(await exportMembership({ groupId, properties, chain }, 'bench-password', { scryptN: 1 << 10 }), 'bench-password')
    }
    await pWaitFor(() => cluster.nodes.every(n => n.groups.connectedMembers(groupId).length === MEMBERS + 1), { timeout: 120_000 })
    const peer = victim.peerId.toString()
    const times: number[] = []
    for (let round = 0; round < ROUNDS; round++) {
      const start = performance.now()
      const { revocation } = await admin.groups.revoke(groupId, peer, { reason: `round ${round}` })
      await pWaitFor(() => members.every(n => n.groups.revocationsOf(groupId).some(r => r.peer === peer && r.time === revocation.time) && !n.groups.connectedMembers(groupId).some(m => m.peerId === peer)), { timeout: 30_000, interval: 1 })
      times.push(performance.now() - start)
      await admin.groups.revoke(groupId, peer, { lift: true })
      await pWaitFor(() => members.every(n => n.groups.revocationsOf(groupId).length === 0), { timeout: 30_000, interval: 5 })
    }
    return times
  } finally {
    await cluster.stop()
  }
}

async function ingress (): Promise<{ ratio: number, with: number, without: number }> {
  const { records, ctx } = await fixture(Date.now())
  const index = new RevocationIndex()
  for (let i = 0; i < REVOKED; i++) index.apply({ groupId: 'g', peer: `12D3KooWrevoked${i}`, serials: [i.toString(16).padStart(32, '0')], time: 0, reason: '', lifted: false, revoker: 'admin' })
  const revokedCtx = { ...ctx, revokedAt: (peerId: string) => index.revokedAt(peerId) }
  const op = (c: typeof ctx) => (i: number): void => {
    if (validateIngress(records[i % records.length]!, c).action !== 'accept') throw new Error('not accepted')
  }
  const window = { runs: 1, durationMs: WINDOW_MS }
  const without = op(ctx)
  const withRevocations = op(revokedCtx)
  measureRate(without, window)
  measureRate(withRevocations, window)
  const rates = { with: [] as number[], without: [] as number[] }
  for (let round = 0; round < INGRESS_ROUNDS; round++) {
    const first = round % 2 === 0
    if (first) rates.without.push(measureRate(without, window))
    rates.with.push(measureRate(withRevocations, window))
    if (!first) rates.without.push(measureRate(without, window))
  }
  return { ratio: median(rates.with.map((v, i) => v / rates.without[i]!)), with: median(rates.with), without: median(rates.without) }
}

/** Runs the scenario. */
export async function run (): Promise<BenchResult[]> {
  const ing = await ingress()
  const times = await spread()
  const sorted = [...times].sort((a, b) => a - b)
  const params = { members: MEMBERS, rounds: ROUNDS, transport: 'tcp 127.0.0.1', times: times.map(t => Math.round(t * 10) / 10) }
  return [
    { scenario: `revocation/spread/members=${MEMBERS}/p50`, params, value: median(sorted), unit: 'ms' },
    { scenario: `revocation/spread/members=${MEMBERS}/max`, params, value: sorted.at(-1)!, unit: 'ms' },
    {
      scenario: `revocation/ingress/revoked=${REVOKED}`,
      params: { revoked: REVOKED, records: 1000, windowMs: WINDOW_MS, rounds: INGRESS_ROUNDS },
      value: ing.with,
      unit: 'records/s',
      limit: { name: 'same pipeline, no revocations', value: ing.without, unit: 'records/s' },
      ratio: ing.ratio,
      target: `ratio ≥ ${TARGET}`,
      pass: ing.ratio >= TARGET
    }
  ]
}
