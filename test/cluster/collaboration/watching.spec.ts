import assert from 'node:assert/strict'
import pWaitFor from 'p-wait-for'
import { type CollabNode, code, eventsOf, exchangeCards, startSignedIn, stopAll, waitForEvent } from './nodes.ts'

async function rejectsWith (promise: Promise<unknown>, c: string): Promise<void> {
  await assert.rejects(promise, code(c))
}

describe('cluster: collaboration watching, presence, objects and applications', function () {
  this.timeout(60_000)
  let nodes: CollabNode[] = []
  afterEach(async () => { await stopAll(nodes); nodes = [] })

  it('a blocked watcher gets NOT_AUTHORIZED and learns nothing; an allowed one sees presence, objects and applications; revoking ends it', async () => {
    const [a, b] = nodes = [...await startSignedIn(['alice']), ...await startSignedIn(['bob'], 'all')] as [CollabNode, CollabNode]
    await exchangeCards(a, b)
    assert.equal(b.collab.isTrustedContact(a.peerId), true)
    assert.equal(b.collab.contact(a.peerId).watcherPermission, 'blocked')

    // blocked by default: refused, and the refusal is reported as a request status
    await rejectsWith(b.collab.subscribe(a.peerId), 'NOT_AUTHORIZED')
    assert.deepEqual(eventsOf(b, 'request:status').at(-1), { peerId: a.peerId, operation: 'subscribe', status: 'NOT_AUTHORIZED' })
    await rejectsWith(b.collab.refresh(a.peerId), 'NOT_AUTHORIZED')
    assert.throws(() => b.collab.presence(a.peerId), code('NOT_FOUND'))
    assert.equal(eventsOf(b, 'endpoint:presence-changed').length, 0)

    await a.collab.setObject({ id: 'org.example.avatar', data: new TextEncoder().encode('pic') })
    await a.collab.registerApplication({ id: 'org.example.chat', description: 'Chat', data: new Uint8Array([1, 2]), launch: '/usr/bin/chat', args: ['--secret'] })
    await a.collab.updateContact(b.peerId, { watcherPermission: 'allowed' })
    const data = await b.collab.subscribe(a.peerId)
    assert.equal(data.presence.status, 'online')
    assert.equal(data.endpointName, 'alice-pc')
    assert.deepEqual(data.objects.map(o => o.id), ['org.example.avatar'])
    // the launch command never leaves the node
    assert.deepEqual(data.applications.map(x => ({ ...x, data: [...x.data] })), [{ id: 'org.example.chat', description: 'Chat', data: [1, 2] }])
    assert.deepEqual(eventsOf(b, 'request:status').at(-1), { peerId: a.peerId, operation: 'subscribe', status: 'OK' })

    await a.collab.setPresence({ status: 'busy', text: 'writing' })
    await waitForEvent(b, 'endpoint:presence-changed', d => d.presence.status === 'busy' && d.presence.text === 'writing' && d.peerId === a.peerId)
    await a.collab.setObject({ id: '{DD15F41F-FC4E-4922-B035-4C06A754D01D}', data: new Uint8Array([9]) })
    await waitForEvent(b, 'endpoint:object-changed', d => d.change === 'added' && d.object.id === 'dd15f41f-fc4e-4922-b035-4c06a754d01d')
    await a.collab.deleteObject('org.example.avatar')
    await waitForEvent(b, 'endpoint:object-changed', d => d.change === 'deleted' && d.object.id === 'org.example.avatar')
    await a.collab.unregisterApplication('org.example.chat')
    await waitForEvent(b, 'endpoint:application-changed', d => d.change === 'deleted' && d.application.id === 'org.example.chat')
    await a.collab.setMe({ endpointName: 'alice-laptop' })
    await waitForEvent(b, 'endpoint:changed', d => d.endpointName === 'alice-laptop')
    assert.deepEqual(b.collab.endpointObjects(a.peerId).map(o => o.id), ['dd15f41f-fc4e-4922-b035-4c06a754d01d'])
    assert.deepEqual(b.collab.endpoints(a.peerId).map(e => [e.peerId, e.endpointName, e.subscribed]), [[a.peerId, 'alice-laptop', true]])

    // revoked while subscribed: the watcher sees it offline and keeps nothing
    await a.collab.updateContact(b.peerId, { watcherPermission: 'blocked' })
    await waitForEvent(b, 'endpoint:presence-changed', d => d.presence.status === 'offline')
    await pWaitFor(() => { try { b.collab.endpoint(a.peerId); return false } catch { return true } }, { timeout: 10_000 })
    await rejectsWith(b.collab.subscribe(a.peerId), 'NOT_AUTHORIZED')
  })

  it('both sides allow and watch in one step: the side refused first watches as soon as the other subscribes, not at the next retry period', async () => {
    // no retry period at all: only the other side's subscription can reopen the refused watch
    const [a, b] = nodes = await startSignedIn(['erin', 'frank'], 'internet', { watchRetryMs: 0 }) as [CollabNode, CollabNode]
    await exchangeCards(a, b)
    await a.collab.updateContact(b.peerId, { watcherPermission: 'allowed', watch: true })
    await waitForEvent(a, 'request:status', d => d.peerId === b.peerId && d.status === 'NOT_AUTHORIZED')
    await b.collab.updateContact(a.peerId, { watcherPermission: 'allowed', watch: true })
    await waitForEvent(b, 'endpoint:presence-changed', d => d.peerId === a.peerId && d.presence.status === 'online')
    await waitForEvent(a, 'endpoint:presence-changed', d => d.peerId === b.peerId && d.presence.status === 'online', 5000)
    await b.collab.setPresence({ status: 'busy' })
    await waitForEvent(a, 'endpoint:presence-changed', d => d.peerId === b.peerId && d.presence.status === 'busy', 5000)
  })

  it('watching a contact follows it across sign-out and sign-in; sign-out of all drops objects with one event', async () => {
    const [a, b] = nodes = await startSignedIn(['carol', 'dave']) as [CollabNode, CollabNode]
    await exchangeCards(a, b)
    await a.collab.updateContact(b.peerId, { watcherPermission: 'allowed' })
    await a.collab.setObject({ id: 'org.example.note', data: new Uint8Array([1]) })
    await b.collab.updateContact(a.peerId, { watch: true })
    assert.deepEqual(eventsOf(b, 'watchlist:changed'), [{ peerId: a.peerId, change: 'added' }])
    await waitForEvent(b, 'endpoint:presence-changed', d => d.peerId === a.peerId && d.presence.status === 'online')
    await waitForEvent(b, 'endpoint:object-changed', d => d.object.id === 'org.example.note')

    const before = eventsOf(a, 'my:object-changed').length
    await a.collab.signout('all')
    await waitForEvent(b, 'endpoint:presence-changed', d => d.presence.status === 'offline')
    assert.deepEqual(a.collab.objects(), [])
    assert.equal(eventsOf(a, 'my:object-changed').length, before)
    assert.deepEqual(eventsOf(a, 'signin:changed').at(-1), { scope: 'none', near: false, internet: false, change: 'signed-out' })
    await rejectsWith(a.collab.setPresence({ status: 'away' }), 'NOT_SIGNED_IN')
    await rejectsWith(a.collab.setObject({ id: 'org.example.x', data: new Uint8Array([1]) }), 'NOT_SIGNED_IN')

    // signing in again: the watcher (retrying) sees it online again
    const seen = eventsOf(b, 'endpoint:presence-changed').length
    await a.collab.signin('internet')
    await pWaitFor(() => eventsOf(b, 'endpoint:presence-changed').slice(seen).some(d => d.presence.status === 'online'), { timeout: 15_000 })

    // a node that stops shows offline
    const seen2 = eventsOf(b, 'endpoint:presence-changed').length
    await a.node.stop()
    await pWaitFor(() => eventsOf(b, 'endpoint:presence-changed').slice(seen2).some(d => d.presence.status === 'offline'), { timeout: 15_000 })
  })
})
