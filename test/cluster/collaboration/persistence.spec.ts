import assert from 'node:assert/strict'
import { MemoryDatastore } from 'datastore-core'
import { type CollabNode, exchangeCards, startCollab, startSignedIn, stopAll } from './nodes.ts'

describe('cluster: collaboration state across a restart', function () {
  this.timeout(60_000)
  let nodes: CollabNode[] = []
  afterEach(async () => { await stopAll(nodes); nodes = [] })

  it('sign-in, Me, contacts and applications persist in the datastore; objects and presence text do not', async () => {
    const datastore = new MemoryDatastore()
    const a = await startCollab('kate', {}, datastore)
    nodes = [a]
    await a.node.start()
    const [b] = await startSignedIn(['leo'])
    nodes.push(b!)
    await a.collab.signin('near')
    await a.collab.setMe({ nickname: 'katie', email: 'k@example.org', endpointName: 'desk' })
    await exchangeCards(a, b!)
    await a.collab.updateContact(b!.peerId, { watch: true, watcherPermission: 'allowed' })
    await a.collab.registerApplication({ id: 'org.example.chat', description: 'Chat', launch: '/usr/bin/chat' })
    await a.collab.setObject({ id: 'org.example.note', data: new Uint8Array([1]) })
    await a.collab.setPresence({ status: 'busy', text: 'later' })
    await a.node.stop()

    const again = await startCollab('kate', {}, datastore)
    nodes.push(again)
    await again.node.start()
    assert.deepEqual(again.collab.signinStatus(), { scope: 'near', near: true, internet: false })
    assert.deepEqual(again.near.advertised, [{ nickname: 'katie', endpointName: 'desk' }])
    const me = again.collab.me()
    assert.deepEqual([me.nickname, me.email, me.endpointName], ['katie', 'k@example.org', 'desk'])
    const contact = again.collab.contact(b!.peerId)
    assert.deepEqual([contact.watch, contact.watcherPermission, again.collab.isTrustedContact(b!.peerId)], [true, 'allowed', true])
    assert.deepEqual(again.collab.applications().map(x => [x.id, x.launch]), [['org.example.chat', '/usr/bin/chat']])
    assert.deepEqual(again.collab.objects(), [])
    assert.deepEqual(again.collab.presence(), { status: 'online', text: '' })
  })
})
