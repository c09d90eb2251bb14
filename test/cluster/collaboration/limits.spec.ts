import assert from 'node:assert/strict'
import { MAX_APPLICATIONS, MAX_OBJECTS } from '../../../protocols/collaboration/constants.ts'
import { createPeerhood } from '../../../node/peerhood.ts'
import type { PeerhoodEvent } from '../../../node/events.ts'
import { type CollabNode, exchangeCards, startSignedIn, stopAll, code } from './nodes.ts'

describe('cluster: collaboration limits on the sending side, and the node embedding', function () {
  this.timeout(60_000)
  let nodes: CollabNode[] = []
  afterEach(async () => { await stopAll(nodes); nodes = [] })

  it('refuses the 129th object and the 65th application; a watcher receives the full 128 and 64', async () => {
    const [a, b] = nodes = await startSignedIn(['henry', 'iris']) as [CollabNode, CollabNode]
    for (let i = 0; i < MAX_OBJECTS; i++) await a.collab.setObject({ id: `org.example.o${i}`, data: new Uint8Array([i & 0xff]) })
    await assert.rejects(a.collab.setObject({ id: 'org.example.extra', data: new Uint8Array([1]) }), code('TOO_MANY_OBJECTS'))
    await a.collab.setObject({ id: 'org.example.o0', data: new Uint8Array([2]) })
    for (let i = 0; i < MAX_APPLICATIONS; i++) await a.collab.registerApplication({ id: `org.example.a${i}`, description: `app ${i}` })
    await assert.rejects(a.collab.registerApplication({ id: 'org.example.extra', description: 'x' }), code('TOO_MANY_APPLICATIONS'))
    await assert.rejects(a.collab.setObject({ id: 'org.example.o1', data: new Uint8Array(0) }), code('OBJECT_EMPTY'))
    assert.equal(a.collab.objects().length, MAX_OBJECTS)
    await exchangeCards(a, b)
    await a.collab.updateContact(b.peerId, { watcherPermission: 'allowed' })
    const data = await b.collab.refresh(a.peerId)
    assert.equal(data.objects.length, MAX_OBJECTS)
    assert.equal(data.applications.length, MAX_APPLICATIONS)
  })

  it('createPeerhood() runs the collaboration service and its events reach the node\'s bus; collab.autoSignin signs in at start', async () => {
    const auto = await createPeerhood({ config: { listen: ['/ip4/127.0.0.1/tcp/0'], mdns: { enabled: false }, dht: { enabled: false }, collab: { autoSignin: 'all' } } })
    await auto.start()
    try {
      // no People Near Me service on this node: signing in to near still works
      assert.equal(auto.collaboration.signinStatus().scope, 'all')
      assert.equal(auto.collaboration.presence().status, 'online')
    } finally {
      await auto.stop()
    }
    const node = await createPeerhood({ config: { listen: ['/ip4/127.0.0.1/tcp/0'], mdns: { enabled: false }, dht: { enabled: false } } })
    const seen: PeerhoodEvent[] = []
    node.events.subscribe({ types: ['signin:', 'my:'] }, e => { seen.push(e) })
    await node.start()
    try {
      assert.equal(node.collaboration.signinStatus().scope, 'none')
      await node.collaboration.signin('internet')
      await node.collaboration.setObject({ id: 'org.example.x', data: new Uint8Array([1]) })
      assert.deepEqual(seen.map(e => e.type), ['signin:changed', 'my:object-changed'])
      assert.equal(node.collaboration.me().peerId, node.peerId.toString())
      assert.equal(node.collaboration.parseCard((await node.collaboration.exportCard()).text).peerId, node.peerId.toString())
    } finally {
      await node.stop()
    }
  })
})
