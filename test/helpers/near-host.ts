/**
 * One People Near Me host for the LAN tier and the discovery benchmark, run inside a netlan
 * namespace: `node near-host.js DATA_DIR IP INTERVAL_MS`. It starts a node (mDNS on, DHT off,
 * listening on IP, control API on for `peerhood near`), prints one JSON line per event on stdout
 * (`ready`, `near:changed`, `advertised`, `list`), each with `t` (epoch ms; all namespaces share
 * the machine's clock), and obeys JSON lines on stdin: `{"cmd":"advertise","nickname":…,
 * "endpointName":…}`, `{"cmd":"advertise"}` (stop advertising), `{"cmd":"list"}`, `{"cmd":"stop"}`.
 * Until sign-in exists, this is how a host signs in to near: the embedding API.
 */
import { createInterface } from 'node:readline'
import type { PeopleNearMe } from '../../protocols/people-near-me/index.ts'
import type { PeerhoodEvent } from '../../node/events.ts'
import { createPeerhood } from '../../node/peerhood.ts'

const [dataDir, ip, interval] = process.argv.slice(2)
if (dataDir === undefined || ip === undefined) {
  process.stderr.write('usage: near-host.js DATA_DIR IP [INTERVAL_MS]\n')
  process.exit(2)
}

function out (doc: Record<string, unknown>): void {
  process.stdout.write(`${JSON.stringify({ ...doc, t: Date.now() })}\n`)
}

const node = await createPeerhood({
  dataDir,
  api: true,
  config: {
    listen: [`/ip4/${ip}/tcp/4001`],
    mdns: { enabled: true, interval: Number(interval ?? 1000) },
    dht: { enabled: false }
  }
})
await node.start()
const near = node.libp2p.services.peopleNearMe as PeopleNearMe
// the node's event bus (what /v1/events streams), not the service's own event: both are under test
node.events.addEventListener('near:changed', (evt: Event) => {
  const { change, peerId, id, nickname, endpointName } = (evt as CustomEvent<PeerhoodEvent>).detail.data
  out({ event: 'near:changed', change, peerId, id, nickname, endpointName })
})
out({ event: 'ready', peerId: node.peerId.toString() })

for await (const line of createInterface({ input: process.stdin })) {
  if (line.trim() === '') continue
  const msg = JSON.parse(line) as { cmd: string, nickname?: string, endpointName?: string }
  if (msg.cmd === 'advertise') {
    const info = msg.nickname === undefined ? undefined : { nickname: msg.nickname, endpointName: msg.endpointName ?? '' }
    const t0 = Date.now()
    await near.advertise(info)
    out({ event: 'advertised', advertising: near.advertising, t0 })
  } else if (msg.cmd === 'list') {
    out({ event: 'list', list: near.list() })
  } else if (msg.cmd === 'stop') {
    break
  }
}
await node.stop()
process.exit(0)
