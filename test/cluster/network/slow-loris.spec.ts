import assert from 'node:assert/strict'
import pWaitFor from 'p-wait-for'
import { createPeerhood } from '../../../node/peerhood.ts'
import type { PeerhoodNode } from '../../../node/types.ts'
import { type SlowLoris, startSlowLoris } from '../../helpers/slow-loris.ts'

const LOOPBACK_ONLY = { listen: ['/ip4/127.0.0.1/tcp/0'], mdns: { enabled: false }, dht: { enabled: false } }

describe('network: slow-loris', function () {
  this.timeout(90_000)
  const nodes: PeerhoodNode[] = []
  const stops: Array<() => void> = []

  afterEach(async () => {
    for (const stop of stops.splice(0)) stop()
    await Promise.allSettled(nodes.splice(0).map(async n => n.stop()))
  })

  async function node (config: Record<string, unknown> = {}): Promise<PeerhoodNode> {
    const n = await createPeerhood({ config: { ...LOOPBACK_ONLY, ...config } })
    nodes.push(n)
    await n.start()
    return n
  }

  for (const [name, config] of [
    ['with the default limits', {}],
    // libp2p's own global limit and timeout: the per-host gate alone keeps the slots free
    ['with libp2p\'s global limits (10 pending, 10 s)', { connections: { maxIncomingPendingConnections: 10, inboundUpgradeTimeout: 10_000 } }]
  ] as const) {
    it(`twenty idle sockets from one host, reopened as they drop, do not keep honest peers out, ${name}`, async () => {
      await honestPeersGetIn(await node(config))
    })
  }

  it('a new member joins with an invitation while the attack runs', async () => {
    const victim = await node()
    const address = victim.status().addresses.find(a => a.startsWith('/ip4/127.0.0.1/'))!
    const attack = startSlowLoris({ port: Number(address.split('/')[4]), localAddress: '127.0.0.2', sockets: 20, reopenMs: 200 })
    stops.push(attack.stop)
    await attackSettled(attack)
    const { groupId } = await victim.groups.create({ friendlyName: 'under attack' })
    await victim.groups.addRecord(groupId, { type: 'note', data: new TextEncoder().encode('before the join') })
    const joiner = await node({ connections: { dialTimeout: 5_000 } })
    const token = await victim.groups.createInvitation(groupId, { peerId: joiner.peerId.toString(), addresses: [address] })
    await joiner.groups.join(token, { timeoutMs: 30_000 })
    await pWaitFor(async () => (await joiner.groups.listRecords(groupId)).some(r => r.type === 'note'), { timeout: 30_000 })
  })

  /**
   * Waits until the attack holds what it can: handshakes held over a second, and 3 s of cycling,
   * enough for libp2p's 10 pending slots to fill at 5 accepted sockets a second from one host.
   */
  async function attackSettled (attack: SlowLoris): Promise<void> {
    await pWaitFor(() => attack.elapsedMs() >= 3_000 && attack.held(1_000) >= 4 && attack.opened() >= 40, { timeout: 20_000 })
  }

  async function honestPeersGetIn (victim: PeerhoodNode): Promise<void> {
    const address = victim.status().addresses.find(a => a.startsWith('/ip4/127.0.0.1/'))!
    const port = Number(address.split('/')[4])
    const attack = startSlowLoris({ port, localAddress: '127.0.0.2', sockets: 20, reopenMs: 200 })
    stops.push(attack.stop)
    await attackSettled(attack)

    for (let i = 0; i < 3; i++) {
      const honest = await node({ connections: { dialTimeout: 5_000 } })
      await honest.connect(address)
      await pWaitFor(() => victim.libp2p.getConnections(honest.peerId).length > 0, { timeout: 10_000 })
    }
    assert.ok(attack.opened() >= 40)
  }
})
