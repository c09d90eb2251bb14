/**
 * Issue 10's bench: time from `presence set` on one node to every one of 8 watchers seeing the
 * change (`endpoint:presence-changed`), over TCP on 127.0.0.1: nine libp2p nodes with the
 * collaboration service, cards exchanged, watching allowed, each watcher subscribed. Each
 * round's figure is the time to the last of the 8; p50 and p99 over the rounds.
 */
import { noise } from '@chainsafe/libp2p-noise'
import { yamux } from '@chainsafe/libp2p-yamux'
import { identify } from '@libp2p/identify'
import { tcp } from '@libp2p/tcp'
import { createLibp2p } from 'libp2p'
import { type Collaboration, collaboration } from '../../protocols/collaboration/index.ts'
import { type BenchResult, percentile } from '../harness.ts'

/** Scenario name. */
export const name = 'presence-watchers'

const WATCHERS = 8
const WARMUP = 10
const ROUNDS = 200
const TARGET_P99_MS = 250

async function startNode (displayName: string) {
  const node = await createLibp2p({
    addresses: { listen: ['/ip4/127.0.0.1/tcp/0'] },
    transports: [tcp()],
    connectionEncrypters: [noise()],
    streamMuxers: [yamux()],
    connectionManager: { inboundConnectionThreshold: 100 },
    services: { identify: identify(), collaboration: collaboration({ displayName, endpointName: displayName, watchRetryMs: 0 }) }
  })
  await node.start()
  await node.services.collaboration.signin('internet')
  return node
}

/** Runs the scenario. */
export async function run (): Promise<BenchResult[]> {
  const publisher = await startNode('publisher')
  const watchers = await Promise.all(Array.from({ length: WATCHERS }, async (_, i) => await startNode(`watcher${i}`)))
  try {
    const pub: Collaboration = publisher.services.collaboration
    const pubCard = (await pub.exportCard()).text
    for (const w of watchers) {
      const c: Collaboration = w.services.collaboration
      await c.addContact(pubCard)
      const contact = await pub.addContact((await c.exportCard()).text)
      await pub.updateContact(contact.peerId, { watcherPermission: 'allowed' })
      await c.subscribe(publisher.peerId.toString())
    }
    let expected = ''
    let seen = 0
    let done: () => void = () => {}
    for (const w of watchers) {
      w.services.collaboration.addEventListener('endpoint:presence-changed', (evt) => {
        if (evt.detail.presence.text === expected && ++seen === WATCHERS) done()
      })
    }
    const times: number[] = []
    for (let round = 0; round < WARMUP + ROUNDS; round++) {
      expected = `round ${round}`
      seen = 0
      const all = new Promise<void>(resolve => { done = resolve })
      const start = performance.now()
      await pub.setPresence({ status: round % 2 === 0 ? 'busy' : 'away', text: expected })
      await all
      if (round >= WARMUP) times.push(performance.now() - start)
    }
    const p50 = percentile(times, 50)
    const p99 = percentile(times, 99)
    const params = { watchers: WATCHERS, rounds: ROUNDS, transport: 'tcp-loopback' }
    return [
      { scenario: `presence-watchers/watchers=${WATCHERS}/p50`, params, value: p50, unit: 'ms' },
      { scenario: `presence-watchers/watchers=${WATCHERS}/p99`, params, value: p99, unit: 'ms', limit: { name: 'target', value: TARGET_P99_MS, unit: 'ms' }, ratio: p99 / TARGET_P99_MS, target: `p99 ≤ ${TARGET_P99_MS} ms`, pass: p99 <= TARGET_P99_MS }
    ]
  } finally {
    await Promise.all([publisher, ...watchers].map(async n => { await n.stop() }))
  }
}
