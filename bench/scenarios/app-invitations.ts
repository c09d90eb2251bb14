/**
 * Issue 11's benches over TCP on 127.0.0.1:
 * - `app-invitations`: invitation round trip (invite → the recipient accepts on arrival → the
 *   answer at the sender) between two trusted contacts, p50/p99 over the rounds (target p99 ≤ 100 ms);
 * - `hosted-session`: `hostSession` with 8 invitees who all accept and join (autoJoinSessions),
 *   from the call to 8 connected members of the new group (target ≤ 3 s), on full Peerhood nodes.
 */
import { noise } from '@chainsafe/libp2p-noise'
import { yamux } from '@chainsafe/libp2p-yamux'
import { identify } from '@libp2p/identify'
import { tcp } from '@libp2p/tcp'
import { createLibp2p } from 'libp2p'
import { createPeerhood } from '../../node/peerhood.ts'
import type { PeerhoodNode } from '../../node/types.ts'
import { type AppInvitations, appInvitations } from '../../protocols/app-invitations/index.ts'
import { type Collaboration, collaboration } from '../../protocols/collaboration/index.ts'
import { type BenchResult, median, percentile } from '../harness.ts'

/** Scenario name. */
export const name = 'app-invitations'

const WARMUP = 10
const ROUNDS = 200
const TARGET_P99_MS = 100

async function startNode (displayName: string) {
  const node = await createLibp2p({
    addresses: { listen: ['/ip4/127.0.0.1/tcp/0'] },
    transports: [tcp()],
    connectionEncrypters: [noise()],
    streamMuxers: [yamux()],
    services: {
      identify: identify(),
      collaboration: collaboration({ displayName, endpointName: displayName, watchRetryMs: 0 }),
      // the bench measures the exchange, not the flood guard
      appInvitations: appInvitations({ senderBurst: 1e6, senderPerMinute: 1e6 })
    }
  })
  await node.start()
  await node.services.collaboration.signin('internet')
  return node
}

/** Runs the scenario. */
export async function run (): Promise<BenchResult[]> {
  const a = await startNode('sender')
  const b = await startNode('recipient')
  try {
    const ca: Collaboration = a.services.collaboration
    const cb: Collaboration = b.services.collaboration
    await cb.addContact((await ca.exportCard()).text)
    await ca.addContact((await cb.exportCard()).text)
    const ia: AppInvitations = a.services.appInvitations
    const ib: AppInvitations = b.services.appInvitations
    ib.addEventListener('invitation:received', (evt) => { ib.accept(evt.detail.id).catch(() => {}) })
    const times: number[] = []
    for (let round = 0; round < WARMUP + ROUNDS; round++) {
      const start = performance.now()
      const sent = await ia.invite(b.peerId.toString(), { appId: 'org.example.bench' })
      const answer = await ia.waitForResponse(sent.id)
      if (answer.state !== 'accepted') throw new Error(`round ${round}: ${answer.state}`)
      if (round >= WARMUP) times.push(performance.now() - start)
    }
    const p50 = percentile(times, 50)
    const p99 = percentile(times, 99)
    const params = { rounds: ROUNDS, transport: 'tcp-loopback' }
    return [
      { scenario: 'app-invitations/round-trip/p50', params, value: p50, unit: 'ms' },
      { scenario: 'app-invitations/round-trip/p99', params, value: p99, unit: 'ms', limit: { name: 'target', value: TARGET_P99_MS, unit: 'ms' }, ratio: p99 / TARGET_P99_MS, target: `p99 ≤ ${TARGET_P99_MS} ms`, pass: p99 <= TARGET_P99_MS },
      ...await runSession()
    ]
  } finally {
    await Promise.all([a, b].map(async n => { await n.stop() }))
  }
}

const INVITEES = 8
const SESSION_ROUNDS = 3
/** Sessions run first and not counted (the first group and connections of the process). */
const SESSION_WARMUP = 1
const TARGET_SESSION_MS = 3_000

async function startFull (displayName: string, autoJoinSessions: boolean): Promise<PeerhoodNode> {
  const node = await createPeerhood({ config: { mdns: { enabled: false }, dht: { enabled: false }, listen: ['/ip4/127.0.0.1/tcp/0'], displayName, invitations: { autoJoinSessions } } })
  await node.start()
  await node.collaboration.signin('internet')
  return node
}

/** The hosted session: 8 invitees who accept on arrival; median of a few sessions (each a new group) after one not counted. */
async function runSession (): Promise<BenchResult[]> {
  const host = await startFull('host', false)
  const invitees = await Promise.all(Array.from({ length: INVITEES }, async (_, i) => await startFull(`guest${i}`, true)))
  try {
    const hostCard = (await host.collaboration.exportCard()).text
    for (const g of invitees) {
      await g.collaboration.addContact(hostCard)
      await host.collaboration.addContact((await g.collaboration.exportCard()).text)
      g.invitations.addEventListener('invitation:received', (evt) => { g.invitations.accept(evt.detail.id).catch(() => {}) })
    }
    const times: number[] = []
    for (let round = 0; round < SESSION_WARMUP + SESSION_ROUNDS; round++) {
      const start = performance.now()
      const result = await host.invitations.hostSession({ appId: 'org.example.bench', invite: invitees.map(g => g.peerId.toString()), timeoutMs: 30_000 })
      const joined = result.invitees.filter(i => i.outcome === 'joined').length
      if (joined !== INVITEES) throw new Error(`session ${round}: ${joined} of ${INVITEES} joined`)
      if (round >= SESSION_WARMUP) times.push(performance.now() - start)
    }
    const value = median(times)
    const params = { invitees: INVITEES, sessions: SESSION_ROUNDS, transport: 'tcp-loopback' }
    return [{
      scenario: `hosted-session/invitees=${INVITEES}/median`, params, value, unit: 'ms',
      limit: { name: 'target', value: TARGET_SESSION_MS, unit: 'ms' }, ratio: value / TARGET_SESSION_MS, target: `≤ ${TARGET_SESSION_MS} ms`, pass: value <= TARGET_SESSION_MS
    }]
  } finally {
    await Promise.all([host, ...invitees].map(async n => { await n.stop() }))
  }
}
