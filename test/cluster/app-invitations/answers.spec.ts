import assert from 'node:assert/strict'
import { noise } from '@chainsafe/libp2p-noise'
import { yamux } from '@chainsafe/libp2p-yamux'
import type { Libp2p } from '@libp2p/interface'
import { tcp } from '@libp2p/tcp'
import { createLibp2p } from 'libp2p'
import pWaitFor from 'p-wait-for'
import { APP_INVITE_PROTOCOL, MAX_PENDING_PER_SENDER } from '../../../protocols/app-invitations/index.ts'
import { code } from '../collaboration/nodes.ts'
import { addressOf, eventsOf, exchangeCards, type InviteNode, startNode, stopAll, waitForEvent } from './nodes.ts'

describe('cluster: application invitations', function () {
  this.timeout(60_000)
  let nodes: InviteNode[] = []
  let raws: Libp2p[] = []
  afterEach(async () => {
    await stopAll(nodes)
    await Promise.all(raws.map(async r => { await r.stop() }))
    nodes = []
    raws = []
  })

  async function pair (): Promise<[InviteNode, InviteNode]> {
    const a = await startNode('ann')
    const b = await startNode('bob')
    nodes = [a, b]
    await exchangeCards(a, b)
    return [a, b]
  }

  it('a contact accepts: both sides see it verified, the sender gets the answer and its message', async () => {
    const [a, b] = await pair()
    const sent = await a.inv.invite(b.peerId, { appId: 'org.example.chess', message: 'a game?', data: new Uint8Array([1, 2, 3]) })
    assert.deepEqual([sent.state, sent.verified, sent.peerId], ['delivered', true, b.peerId])
    const got = await waitForEvent(b, 'invitation:received')
    assert.deepEqual([got.from, got.verified, got.appId, got.message, [...got.data], got.nickname], [a.peerId, true, 'org.example.chess', 'a game?', [1, 2, 3], 'ann'])
    assert.deepEqual(b.inv.received().map(i => i.id), [got.id])
    const accepted = await b.inv.accept(got.id, { message: 'yes' })
    assert.equal(accepted.state, 'accepted')
    const answer = await a.inv.waitForResponse(sent.id)
    assert.deepEqual([answer.state, answer.responseMessage], ['accepted', 'yes'])
    assert.deepEqual(b.inv.received(), [])
    // registered without a launch command (here: not registered): the event carries the launch information
    const info = await waitForEvent(b, 'invitation:accepted')
    assert.deepEqual([info.sender, info.contact.peerId, info.invitation.appId, info.invitation.data, info.invitation.verified], [a.peerId, a.peerId, 'org.example.chess', 'AQID', true])
  })

  it('a decline reaches the sender with its message', async () => {
    const [a, b] = await pair()
    const sent = await a.inv.invite(b.peerId, { appId: 'org.example.chess' })
    const got = await waitForEvent(b, 'invitation:received')
    await b.inv.decline(got.id, { message: 'busy' })
    const answer = await a.inv.waitForResponse(sent.id)
    assert.deepEqual([answer.state, answer.responseMessage], ['declined', 'busy'])
    assert.deepEqual(eventsOf(b, 'invitation:accepted'), [])
  })

  it('an endpoint invitation (a bare address) is unverified on both sides', async () => {
    const a = await startNode('ann')
    const b = await startNode('bob', { accept: 'anyone' })
    nodes = [a, b]
    const sent = await a.inv.invite(addressOf(b), { appId: 'org.example.chess' })
    assert.equal(sent.verified, false)
    const got = await waitForEvent(b, 'invitation:received')
    assert.equal(got.verified, false)
  })

  it('no answer by the expiry: expired on both sides, and a late answer is refused', async () => {
    const [a, b] = await pair()
    const sent = await a.inv.invite(b.peerId, { appId: 'org.example.chess', expiresInMs: 1_000 })
    const got = await waitForEvent(b, 'invitation:received')
    assert.ok(got.expiresAt - got.receivedAt <= 1_000)
    assert.equal((await a.inv.waitForResponse(sent.id)).state, 'expired')
    await waitForEvent(b, 'invitation:expired', d => d.id === got.id)
    assert.deepEqual(b.inv.received(), [])
    await assert.rejects(b.inv.accept(got.id), code('INVITATION_EXPIRED'))
  })

  it('cancel before delivery (a recipient that never reads) aborts the invitation', async () => {
    const a = await startNode('ann')
    nodes = [a]
    const silent = await createLibp2p({ addresses: { listen: ['/ip4/127.0.0.1/tcp/0'] }, transports: [tcp()], connectionEncrypters: [noise()], streamMuxers: [yamux()] })
    raws = [silent]
    await silent.handle(APP_INVITE_PROTOCOL, async () => { /* never reads, never answers */ })
    await silent.start()
    const sending = a.inv.invite(silent.getMultiaddrs()[0]!.toString(), { appId: 'org.example.chess' })
    const failed = assert.rejects(sending, code('INVITE_CANCELLED'))
    await pWaitFor(() => a.inv.sent().some(i => i.state === 'sending'), { timeout: 10_000 })
    const id = a.inv.sent()[0]!.id
    assert.equal((await a.inv.cancel(id)).state, 'cancelled')
    await failed
    assert.equal(a.inv.status(id).state, 'cancelled')
  })

  it('cancel after delivery: the recipient is told, the invitation leaves its list, a later answer is refused', async () => {
    const [a, b] = await pair()
    const sent = await a.inv.invite(b.peerId, { appId: 'org.example.chess' })
    const got = await waitForEvent(b, 'invitation:received')
    assert.equal((await a.inv.cancel(sent.id)).state, 'cancelled')
    await waitForEvent(b, 'invitation:cancelled', d => d.id === got.id && d.from === a.peerId)
    assert.deepEqual(b.inv.received(), [])
    await assert.rejects(b.inv.accept(got.id), code('INVITE_CANCELLED'))
    assert.equal(a.inv.status(sent.id).state, 'cancelled')
  })

  it('cancel after the answer is a no-op that shows the answer', async () => {
    const [a, b] = await pair()
    const sent = await a.inv.invite(b.peerId, { appId: 'org.example.chess' })
    const got = await waitForEvent(b, 'invitation:received')
    await b.inv.accept(got.id)
    assert.equal((await a.inv.cancel(sent.id)).state, 'accepted')
    assert.deepEqual(eventsOf(b, 'invitation:cancelled'), [])
  })

  it('trusted contacts only (the default): a stranger gets NOT_AUTHORIZED and the recipient sees nothing', async () => {
    const a = await startNode('ann')
    const stranger = await startNode('sid')
    nodes = [a, stranger]
    await assert.rejects(stranger.inv.invite(addressOf(a), { appId: 'org.example.chess' }), code('NOT_AUTHORIZED'))
    assert.equal(stranger.inv.sent()[0]!.state, 'error')
    assert.deepEqual(a.events, [])
    assert.deepEqual(a.inv.received(), [])
  })

  it('invitations.accept none refuses even a contact', async () => {
    const a = await startNode('ann')
    const b = await startNode('bob', { accept: 'none' })
    nodes = [a, b]
    await exchangeCards(a, b)
    await assert.rejects(a.inv.invite(b.peerId, { appId: 'org.example.chess' }), code('NOT_AUTHORIZED'))
    assert.deepEqual(b.events, [])
  })

  it('a flood from one sender is throttled once it holds its share of the list', async () => {
    const a = await startNode('ann', { accept: 'anyone' })
    const flooder = await startNode('fay')
    nodes = [a, flooder]
    for (let i = 0; i < MAX_PENDING_PER_SENDER; i++) await flooder.inv.invite(addressOf(a), { appId: 'org.example.spam' })
    await assert.rejects(flooder.inv.invite(addressOf(a), { appId: 'org.example.spam' }), code('THROTTLED'))
    assert.equal(a.inv.received().length, MAX_PENDING_PER_SENDER)
  })

  it('several endpoints invited at once: the first acceptance wins and the others are cancelled', async () => {
    const a = await startNode('ann')
    const b = await startNode('bob')
    const c = await startNode('cat')
    nodes = [a, b, c]
    await exchangeCards(a, b)
    await exchangeCards(a, c)
    const sent = await a.inv.inviteEach([b.peerId, c.peerId], { appId: 'org.example.chess' })
    assert.deepEqual(sent.map(s => s.state), ['delivered', 'delivered'])
    const forB = await waitForEvent(b, 'invitation:received')
    const forC = await waitForEvent(c, 'invitation:received')
    await b.inv.accept(forB.id)
    await waitForEvent(c, 'invitation:cancelled', d => d.id === forC.id)
    await assert.rejects(c.inv.accept(forC.id), code('INVITE_CANCELLED'))
    assert.deepEqual(sent.map(s => a.inv.status(s.id).state), ['accepted', 'cancelled'])
  })
})
