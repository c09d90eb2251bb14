import assert from 'node:assert/strict'
import { join } from 'node:path'
import pWaitFor from 'p-wait-for'
import type { PeerhoodConfigInput } from '../../../config/schema.ts'
import type { PeerhoodEvent } from '../../../node/events.ts'
import { createPeerhood } from '../../../node/peerhood.ts'
import type { PeerhoodNode } from '../../../node/types.ts'
import { cliEnv, startCli } from '../../helpers/cli.ts'
import { tempDir } from '../../helpers/temp-dir.ts'
import { admit } from './helpers.ts'

// loopback, no mDNS, no bootstrap: the only way back is what the node remembers
const LOOPBACK: PeerhoodConfigInput = {
  listen: ['/ip4/127.0.0.1/tcp/0'],
  mdns: { enabled: false },
  connections: { inboundConnectionThreshold: 100, abortOnPingFailure: false },
  groups: { reconnectMaxDelay: 2_000 }
}

describe('cluster: reconnecting a group after a restart', function () {
  this.timeout(90_000)
  const running: PeerhoodNode[] = []
  let dir: { path: string, remove: () => Promise<void> }
  beforeEach(async () => { dir = await tempDir('peerhood-reconnect-') })
  afterEach(async () => {
    await Promise.allSettled(running.splice(0).map(async n => n.stop()))
    await dir.remove()
  })

  async function start (name: string, config: PeerhoodConfigInput = {}): Promise<PeerhoodNode> {
    const node = await createPeerhood({ dataDir: join(dir.path, name), config: { ...LOOPBACK, displayName: name, ...config }, api: false, groups: { ipColocation: false } })
    running.push(node)
    await node.start()
    return node
  }

  async function stop (node: PeerhoodNode): Promise<void> {
    running.splice(running.indexOf(node), 1)
    await node.stop()
  }

  const notes = async (n: PeerhoodNode, groupId: string) => (await n.groups.listRecords(groupId, { type: 'note' })).map(r => r.id).sort()

  async function twoMembers (): Promise<{ a: PeerhoodNode, b: PeerhoodNode, groupId: string }> {
    const a = await start('a')
    const b = await start('b')
    await b.connect(a.status().addresses[0]!)
    const { groupId } = await a.groups.create({ friendlyName: 'team' })
    await admit(a, b, groupId)
    // b has seen a's presence record: a's address is what it remembers
    await pWaitFor(async () => (await b.groups.members(groupId, { present: true })).length === 2 && (await b.groups.status(groupId)).synchronized, { timeout: 30_000 })
    return { a, b, groupId }
  }

  it('a member restarted on a new port finds its group again by itself and converges', async () => {
    const { a, b, groupId } = await twoMembers()
    const oldAddress = b.status().addresses[0]
    await stop(b)
    await pWaitFor(() => a.groups.connectedMembers(groupId).length === 0, { timeout: 20_000 })
    for (let i = 0; i < 5; i++) await a.groups.addRecord(groupId, { type: 'note', data: new Uint8Array([i]) })

    const restarted = await createPeerhood({ dataDir: join(dir.path, 'b'), config: { ...LOOPBACK, displayName: 'b' }, api: false, groups: { ipColocation: false } })
    const steps: PeerhoodEvent[] = []
    restarted.events.subscribe({ types: ['group:status'], group: groupId }, e => { steps.push(e) })
    running.push(restarted)
    await restarted.start()
    assert.notEqual(restarted.status().addresses[0], oldAddress)
    // no connect, no bootstrap, no mDNS
    await pWaitFor(() => restarted.groups.connectedMembers(groupId).length === 1, { timeout: 30_000 })
    await pWaitFor(async () => (await notes(restarted, groupId)).length === 5, { timeout: 30_000 })
    assert.deepEqual(await notes(restarted, groupId), await notes(a, groupId))
    assert.ok(steps.some(e => (e.data.reconnect as any)?.stage === 'known-addresses'), 'group:status reported the reconnection')
    // a learns the new address from the new presence record
    await pWaitFor(async () => (await a.groups.members(groupId)).find(m => m.peerId === restarted.peerId.toString())?.addresses.some(x => x === restarted.status().addresses[0]) === true, { timeout: 30_000 })
  })

  it('a member killed with SIGKILL and restarted reconnects, and so does the survivor', async () => {
    const { a, b, groupId } = await twoMembers()
    const bId = b.peerId.toString()
    await stop(b)
    // the member runs as `peerhood start` in a child process, finds a by itself, then is killed
    const child = startCli(['start', '--data', join(dir.path, 'b'), '--json', '--no-mdns', '--listen', '/ip4/127.0.0.1/tcp/0'], { env: cliEnv() })
    try {
      await child.waitForJson(doc => doc.event === 'ready', 30_000)
      await pWaitFor(() => a.groups.connectedMembers(groupId).some(m => m.peerId === bId), { timeout: 30_000 })
      await a.groups.addRecord(groupId, { type: 'note' })
    } finally {
      child.child.kill('SIGKILL')
      await child.exited
    }
    await pWaitFor(() => a.groups.connectedMembers(groupId).length === 0, { timeout: 30_000 })
    await a.groups.addRecord(groupId, { type: 'note' })
    const again = await start('b')
    await pWaitFor(() => again.groups.connectedMembers(groupId).length === 1 && a.groups.connectedMembers(groupId).length === 1, { timeout: 30_000 })
    await pWaitFor(async () => (await notes(again, groupId)).length === 2, { timeout: 30_000 })
  })
})
