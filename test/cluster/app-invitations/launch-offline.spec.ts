import assert from 'node:assert/strict'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import pWaitFor from 'p-wait-for'
import { tempDir } from '../../helpers/temp-dir.ts'
import { eventsOf, exchangeCards, type InviteNode, startNode, stopAll, waitForEvent } from './nodes.ts'

describe('cluster: launching and offline delivery of application invitations', function () {
  this.timeout(60_000)
  let nodes: InviteNode[] = []
  afterEach(async () => { await stopAll(nodes); nodes = [] })

  it('accepting launches the registered command with PEERHOOD_LAUNCH_INFO; its output goes to the log; the command is never sent', async () => {
    const { path: dir, remove } = await tempDir()
    after(remove)
    const script = join(dir, 'app.mjs')
    const out = join(dir, 'launch-info.json')
    writeFileSync(script, "import { writeFileSync } from 'node:fs'\nwriteFileSync(process.argv[2], process.env.PEERHOOD_LAUNCH_INFO ?? '')\nconsole.log('started')\n")
    const a = await startNode('ann')
    const b = await startNode('bob')
    nodes = [a, b]
    await exchangeCards(a, b)
    await b.collab.registerApplication({ id: 'org.example.chess', description: 'Chess', launch: process.execPath, args: [script, out] })
    const sent = await a.inv.invite(b.peerId, { appId: 'org.example.chess', message: 'play', data: new TextEncoder().encode('board=1') })
    const got = await waitForEvent(b, 'invitation:received')
    await b.inv.accept(got.id)
    await pWaitFor(() => existsSync(out) && readFileSync(out, 'utf8') !== '', { timeout: 20_000 })
    const info = JSON.parse(readFileSync(out, 'utf8'))
    assert.deepEqual([info.sender, info.contact.nickname, info.endpoint.peerId], [a.peerId, 'ann', a.peerId])
    assert.deepEqual([info.invitation.appId, info.invitation.message, Buffer.from(info.invitation.data, 'base64').toString(), info.invitation.verified],
      ['org.example.chess', 'play', 'board=1', true])
    assert.equal((await waitForEvent(b, 'invitation:launched')).appId, 'org.example.chess')
    assert.deepEqual(eventsOf(b, 'invitation:accepted'), [])
    await pWaitFor(() => b.log.some(l => l.includes('[launch org.example.chess] started')), { timeout: 20_000 })
    assert.equal((await a.inv.waitForResponse(sent.id)).state, 'accepted')
    assert.ok(!JSON.stringify(a.collab.contacts()).includes(script))
  })

  it('an invitation to an unreachable contact is queued and delivered when the contact connects again (recipient restart)', async () => {
    const a = await startNode('ann')
    let b = await startNode('bob')
    nodes = [a, b]
    await exchangeCards(a, b)
    const ds = b.datastore
    await b.node.stop()
    const sent = await a.inv.invite(b.peerId, { appId: 'org.example.chess' })
    assert.equal(sent.state, 'queued')
    assert.equal(a.inv.status(sent.id).state, 'queued')
    b = await startNode('bob', {}, ds)
    nodes.push(b)
    await b.node.dial(a.node.getMultiaddrs()[0]!)
    const got = await waitForEvent(b, 'invitation:received')
    assert.equal(got.verified, true)
    await pWaitFor(() => a.inv.status(sent.id).state === 'delivered', { timeout: 20_000 })
    await b.inv.accept(got.id)
    assert.equal((await a.inv.waitForResponse(sent.id)).state, 'accepted')
  })

  it('a queued invitation survives a restart of the sender and is delivered when the contact is seen', async () => {
    let a = await startNode('ann')
    let b = await startNode('bob')
    nodes = [a, b]
    await exchangeCards(a, b)
    const bds = b.datastore
    await b.node.stop()
    const sent = await a.inv.invite(b.peerId, { appId: 'org.example.chess', message: 'later' })
    assert.equal(sent.state, 'queued')
    const ads = a.datastore
    await a.node.stop()
    a = await startNode('ann', {}, ads)
    nodes.push(a)
    assert.equal(a.inv.status(sent.id).state, 'queued')
    b = await startNode('bob', {}, bds)
    nodes.push(b)
    await b.node.dial(a.node.getMultiaddrs()[0]!)
    const got = await waitForEvent(b, 'invitation:received')
    assert.deepEqual([got.from, got.message], [a.peerId, 'later'])
    await pWaitFor(() => a.inv.status(sent.id).state === 'delivered', { timeout: 20_000 })
  })

  it('an invitation to an unreachable endpoint that is not a contact fails with CONNECTION_FAILED', async () => {
    const a = await startNode('ann')
    const b = await startNode('bob')
    nodes = [a, b]
    const address = b.node.getMultiaddrs()[0]!.toString()
    await b.node.stop()
    await assert.rejects(a.inv.invite(address, { appId: 'org.example.chess' }), (err: any) => err?.code === 'CONNECTION_FAILED')
  })

  it('a queued invitation cancelled before delivery is never delivered, and its persisted copy is gone', async () => {
    const a = await startNode('ann')
    let b = await startNode('bob')
    nodes = [a, b]
    await exchangeCards(a, b)
    const ds = b.datastore
    await b.node.stop()
    const sent = await a.inv.invite(b.peerId, { appId: 'org.example.chess' })
    assert.equal(sent.state, 'queued')
    assert.equal((await a.inv.cancel(sent.id)).state, 'cancelled')
    b = await startNode('bob', {}, ds)
    nodes.push(b)
    await b.node.dial(a.node.getMultiaddrs()[0]!)
    await pWaitFor(() => a.node.getConnections(b.node.peerId).length > 0, { timeout: 20_000 })
    // a second, fresh invitation overtakes nothing: it is the only one b ever sees
    const second = await a.inv.invite(b.peerId, { appId: 'org.example.go' })
    const got = await waitForEvent(b, 'invitation:received')
    assert.equal(got.appId, 'org.example.go')
    assert.deepEqual(eventsOf(b, 'invitation:received').map(d => d.appId), ['org.example.go'])
    assert.equal(a.inv.status(sent.id).state, 'cancelled')
    assert.equal(a.inv.status(second.id).state, 'delivered')
    let queued = 0
    for await (const _ of a.datastore.query({ prefix: '/peerhood/app-invitations/queued' })) queued++
    assert.equal(queued, 0)
  })
})
