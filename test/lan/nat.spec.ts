/**
 * LAN tier: members behind two masquerading NATs and a bootstrap/relay node on a "public"
 * network, all in network namespaces built by the test (`test/helpers/nat-topology.ts`). Needs
 * root, iproute2 and nft (CI installs them); elsewhere it says why and skips.
 */
import assert from 'node:assert/strict'
import { join } from 'node:path'
import pWaitFor from 'p-wait-for'
import { type NatNode, type NatTopology, natUnavailable, natUp, startNatNode } from '../helpers/nat-topology.ts'
import { tempDir } from '../helpers/temp-dir.ts'

const PUBLIC = '/ip4/10.99.0.1/tcp/4001'

describe('lan: groups across NATs through a bootstrap relay (namespaces)', function () {
  this.timeout(180_000)
  const prefix = `nt${process.pid % 1000}`
  let topo: NatTopology | undefined
  let dir: { path: string, remove: () => Promise<void> }
  const workers: NatNode[] = []
  let pub: NatNode
  let a: NatNode
  let b: NatNode
  let groupId: string

  const member = (extra: Record<string, unknown> = {}) => ({
    listen: ['/ip4/0.0.0.0/tcp/4001'],
    mdns: { enabled: false },
    bootstrap: [`${PUBLIC}/p2p/${pub.peerId}`],
    relay: { reserve: true },
    groups: { reconnectMaxDelay: 2_000 },
    ...extra
  })
  const start = async (ns: string, name: string, config: Record<string, unknown>, profile?: string) => {
    const w = await startNatNode(ns, join(dir.path, name), config, profile)
    workers.push(w)
    return w
  }
  const circuit = async (n: NatNode) => ((await n.call('status')).addresses as string[]).some(x => x.includes('/p2p-circuit/'))
  const count = async (n: NatNode, type: string) => n.call('count', { groupId, type }) as Promise<number>

  before(async function () {
    const why = natUnavailable()
    if (why !== undefined) { console.log(`      skipped: ${why}`); this.skip() }
    dir = await tempDir('peerhood-nat-')
    topo = natUp(prefix)
    pub = await start(topo.ns.pub, 'pub', { listen: [PUBLIC] }, 'bootstrap')
    b = await start(topo.ns.b, 'b', member())
    a = await start(topo.ns.a, 'a', member())
    await pWaitFor(async () => await circuit(a) && await circuit(b), { timeout: 60_000, interval: 200 })
  })

  after(async () => {
    await Promise.allSettled(workers.map(async w => w.kill('SIGKILL')))
    topo?.down()
    await dir?.remove()
  })

  it('(a) a member behind NAT A joins a group created behind NAT B knowing only the bootstrap node; records flow both ways', async () => {
    assert.equal((await pub.call('status')).dht, 'server')
    assert.equal((await a.call('status')).reachability, 'private')
    groupId = await b.call('create', { name: 'across' })
    const token = await b.call('invite', { groupId, peerId: a.peerId })
    await a.call('join', { token })
    await pWaitFor(async () => (await a.call('groupStatus', { groupId })).synchronized, { timeout: 60_000, interval: 200 })
    await a.call('add', { groupId, type: 'from-a' })
    await b.call('add', { groupId, type: 'from-b' })
    await pWaitFor(async () => await count(b, 'from-a') === 1 && await count(a, 'from-b') === 1, { timeout: 60_000, interval: 200 })
    // the DHT rendezvous on the bootstrap node (a DHT server) lists the other member
    await pWaitFor(async () => await a.call('findMembers', { groupId }) >= 1 && await b.call('findMembers', { groupId }) >= 1, { timeout: 60_000, interval: 500 })
    // double NAT: the members meet only through the relay
    const toB = ((await a.call('connections')) as Array<{ peer: string, limited: boolean }>).filter(c => c.peer === b.peerId)
    assert.ok(toB.length > 0 && toB.every(c => c.limited), 'behind two NATs the connection stays relayed')
  })

  it('(b) relayed first, then direct when one side is reachable (a member on the public network)', async () => {
    const c = await start(topo!.ns.pub, 'c', { listen: ['/ip4/10.99.0.1/tcp/4002'], mdns: { enabled: false }, bootstrap: [`${PUBLIC}/p2p/${pub.peerId}`] })
    // c joins with an invitation from b: b is reachable only through the relay
    const token = await b.call('invite', { groupId, peerId: c.peerId })
    await c.call('join', { token })
    await pWaitFor(async () => (await c.call('groupStatus', { groupId })).synchronized, { timeout: 60_000, interval: 200 })
    await pWaitFor(async () => ((await b.call('connections')) as Array<{ peer: string, limited: boolean }>).some(x => x.peer === c.peerId && !x.limited), { timeout: 60_000, interval: 200 })
    await c.call('add', { groupId, type: 'from-c' })
    await pWaitFor(async () => await count(a, 'from-c') === 1 && await count(b, 'from-c') === 1, { timeout: 60_000, interval: 200 })
    await c.kill('SIGTERM')
  })

  it('(c) a member killed and restarted, and a cable cut and healed, reconnect and converge without any command', async () => {
    await a.kill('SIGKILL')
    await b.call('add', { groupId, type: 'while-down' })
    a = await start(topo!.ns.a, 'a', member())
    await pWaitFor(async () => await count(a, 'while-down') === 1, { timeout: 60_000, interval: 200 })
    console.log('      restarted member converged')

    topo!.cut('ra')
    try {
      await pWaitFor(async () => ((await b.call('connected', { groupId })) as string[]).length === 0, { timeout: 90_000, interval: 500 })
      await b.call('add', { groupId, type: 'while-cut' })
    } finally {
      topo!.heal('ra')
    }
    await pWaitFor(async () => await count(a, 'while-cut') === 1, { timeout: 90_000, interval: 500 })
  })

  it('(d) two contacts behind different NATs, signed in to internet, watch each other and see presence changes', async () => {
    await a.call('signin', { scope: 'internet' })
    await b.call('signin', { scope: 'internet' })
    await a.call('addContact', { card: await b.call('card') })
    await b.call('addContact', { card: await a.call('card') })
    await a.call('watch', { peerId: b.peerId })
    await b.call('watch', { peerId: a.peerId })
    const endpoint = async (n: NatNode, peerId: string) => n.call('endpoint', { peerId }) as Promise<{ subscribed: boolean, presence: { status: string, text: string } } | null>
    await pWaitFor(async () => (await endpoint(a, b.peerId))?.subscribed === true && (await endpoint(b, a.peerId))?.subscribed === true, { timeout: 90_000, interval: 300 })
    await b.call('setPresence', { status: 'busy', text: 'behind NAT B' })
    await a.call('setPresence', { status: 'away', text: 'behind NAT A' })
    await pWaitFor(async () => (await endpoint(a, b.peerId))?.presence.text === 'behind NAT B' && (await endpoint(b, a.peerId))?.presence.text === 'behind NAT A', { timeout: 60_000, interval: 300 })
    const toB = ((await a.call('connections')) as Array<{ peer: string, limited: boolean }>).filter(c => c.peer === b.peerId)
    assert.ok(toB.length > 0 && toB.every(c => c.limited), 'the contacts see each other through the relay')
  })

  it('(e) an application invitation between the contacts behind different NATs crosses the relay: delivered, accepted, answered', async () => {
    // the contacts of (d) reach each other only through the relay
    const sent = await a.call('appInvite', { peerId: b.peerId, appId: 'org.example.chess', message: 'across the relay', size: 4096 })
    assert.equal(sent.verified, true)
    type Received = { id: string, from: string, appId: string, message: string, verified: boolean, data: number }
    let got: Received | undefined
    await pWaitFor(async () => {
      got = ((await b.call('received')) as Received[]).find(i => i.from === a.peerId && i.message === 'across the relay')
      return got !== undefined
    }, { timeout: 60_000, interval: 300 })
    assert.deepEqual([got!.appId, got!.verified, got!.data], ['org.example.chess', true, 4096])
    await b.call('acceptInvitation', { invitationId: got!.id, message: 'from behind NAT B' })
    await pWaitFor(async () => (await a.call('outgoing', { invitationId: sent.id })).state === 'accepted', { timeout: 60_000, interval: 300 })
    assert.equal((await a.call('outgoing', { invitationId: sent.id })).responseMessage, 'from behind NAT B')
    const toB = ((await a.call('connections')) as Array<{ peer: string, limited: boolean }>).filter(c => c.peer === b.peerId)
    assert.ok(toB.length > 0 && toB.every(c => c.limited), 'the invitation went through the relay')
  })
})
