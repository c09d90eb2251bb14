import assert from 'node:assert/strict'
import pWaitFor from 'p-wait-for'
import { createPeerhood } from '../../../node/peerhood.ts'
import type { PeerhoodNode } from '../../../node/types.ts'

const QUIET = { mdns: { enabled: false }, dht: { enabled: false }, listen: ['/ip4/127.0.0.1/tcp/0'] }

async function startFull (name: string, autoJoinSessions = false): Promise<PeerhoodNode> {
  const node = await createPeerhood({ config: { ...QUIET, displayName: name, invitations: { autoJoinSessions } } })
  await node.start()
  await node.collaboration.signin('internet')
  return node
}

async function befriend (a: PeerhoodNode, b: PeerhoodNode): Promise<void> {
  await b.collaboration.addContact((await a.collaboration.exportCard()).text)
  await a.collaboration.addContact((await b.collaboration.exportCard()).text)
}

describe('cluster: the hosted session', function () {
  this.timeout(90_000)
  let nodes: PeerhoodNode[] = []
  afterEach(async () => { await Promise.all(nodes.map(async n => { await n.stop() })); nodes = [] })

  it('one accepts and joins the new group (with the host\'s records), one declines, one never answers and is cancelled; progress on the bus', async () => {
    const host = await startFull('host')
    const yes = await startFull('yes', true)
    const no = await startFull('no')
    const silent = await startFull('silent')
    nodes = [host, yes, no, silent]
    for (const n of [yes, no, silent]) await befriend(host, n)
    const progress: any[] = []
    host.events.subscribe({}, e => { if (e.type === 'session:progress') progress.push({ ...e.data, groupId: e.group }) })
    const received: any[] = []
    yes.events.subscribe({}, e => { if (e.type === 'invitation:received') received.push(e.data) })
    yes.invitations.addEventListener('invitation:received', (evt) => { yes.invitations.accept(evt.detail.id).catch(() => {}) })
    no.invitations.addEventListener('invitation:received', (evt) => { no.invitations.decline(evt.detail.id, { message: 'busy' }).catch(() => {}) })

    const started = Date.now()
    const result = await host.invitations.hostSession({
      appId: 'org.example.board', invite: [yes.peerId.toString(), no.peerId.toString(), silent.peerId.toString()], message: 'meeting', timeoutMs: 4_000, groupName: 'standup'
    })
    assert.deepEqual(result.invitees.map(i => i.outcome), ['joined', 'declined', 'cancelled'])
    assert.equal(result.complete, true)
    assert.ok(Date.now() - started >= 3_500, 'waited for the silent one until the timeout')
    assert.ok(host.groups.connectedMembers(result.groupId).some(m => m.peerId === yes.peerId.toString()))
    assert.equal((await host.groups.get(result.groupId)).properties.friendlyName, 'standup')
    // the silent one's invitation left its list
    await pWaitFor(() => silent.invitations.received().length === 0, { timeout: 10_000 })

    const record = await host.groups.addRecord(result.groupId, { type: 'org.example.agenda', data: new TextEncoder().encode('item 1') })
    await pWaitFor(async () => (await yes.groups.listRecords(result.groupId, { type: 'org.example.agenda' })).some(r => r.id === record.id), { timeout: 20_000 })
    assert.deepEqual((await no.groups.list()).map(g => g.groupId), [])

    assert.equal(received.length, 1)
    assert.equal(received[0].appId, 'org.example.board')
    assert.ok(progress.some(p => p.outcome === 'joined' && p.groupId === result.groupId))
    assert.ok(progress.some(p => p.outcome === 'declined'))
  })

  it('config invitations.accept reaches the service: anyone takes a stranger\'s invitation, unverified', async () => {
    const open = await createPeerhood({ config: { ...QUIET, invitations: { accept: 'anyone' } } })
    await open.start()
    const stranger = await startFull('stranger')
    nodes = [open, stranger]
    assert.equal(open.invitations.policy(), 'anyone')
    assert.equal(stranger.invitations.policy(), 'contacts')
    await stranger.invitations.invite(open.status().addresses[0]!, { appId: 'org.example.chess' })
    assert.deepEqual(open.invitations.received().map(i => [i.from, i.verified]), [[stranger.peerId.toString(), false]])
  })
})
