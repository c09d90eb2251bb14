import assert from 'node:assert/strict'
import { type CollabNode, eventsOf, startCollab, stopAll, code } from './nodes.ts'

describe('cluster: collaboration with People Near Me', function () {
  this.timeout(60_000)
  let nodes: CollabNode[] = []
  afterEach(async () => { await stopAll(nodes); nodes = [] })

  it('sign-in to near advertises, a nickname change re-advertises, sign-out stops; contact add --near fetches the card over the connection', async () => {
    const a = await startCollab('erin')
    const b = await startCollab('frank')
    nodes = [a, b]
    await a.node.start()
    await b.node.start()
    const id = b.near.see(a)
    // near needs sign-in to near
    await assert.rejects(b.collab.addContactNear(id), code('NOT_SIGNED_IN'))

    await a.collab.signin('near')
    assert.deepEqual(a.near.advertised, [{ nickname: 'erin', endpointName: 'erin-pc' }])
    await a.collab.setMe({ nickname: 'erin2' })
    assert.deepEqual(a.near.advertised.at(-1), { nickname: 'erin2', endpointName: 'erin-pc' })
    assert.deepEqual(eventsOf(a, 'my:endpoint-changed').at(-1), { endpointName: 'erin-pc', nickname: 'erin2' })
    // a name People Near Me would refuse is refused by me set, not dropped silently when advertised
    await assert.rejects(a.collab.setMe({ nickname: '   ' }), code('INVALID_ARGUMENT'))
    await assert.rejects(a.collab.setMe({ nickname: 'erin\u202egnp.exe' }), code('INVALID_ARGUMENT'))
    await assert.rejects(a.collab.setMe({ endpointName: 'pc\u2066' }), code('INVALID_ARGUMENT'))
    await assert.rejects(a.collab.setMe({ nickname: '😀'.repeat(200) }), code('NAME_TOO_LONG'))
    assert.deepEqual([a.near.advertised.length, a.collab.me().nickname], [2, 'erin2'])

    await b.collab.signin('all')
    await assert.rejects(b.collab.addContactNear('nobody'), code('NOT_FOUND'))
    assert.equal(b.collab.isTrustedContact(a.peerId), false)
    // a hands its card only to someone it sees near (or to a contact it allows to watch it)
    await assert.rejects(b.collab.addContactNear(id), code('NOT_AUTHORIZED'))
    a.near.see(b)
    const contact = await b.collab.addContactNear(id)
    assert.deepEqual([contact.peerId, contact.nickname, contact.watcherPermission], [a.peerId, 'erin2', 'blocked'])
    assert.equal(b.collab.isTrustedContact(a.peerId), true)
    assert.deepEqual(eventsOf(b, 'contact:changed'), [{ peerId: a.peerId, change: 'added' }])

    // an announced nickname proves nothing: the contact gets the names of the card the connection's peer signed
    const c = await startCollab('grace')
    nodes.push(c)
    await c.node.start()
    await c.collab.signin('near')
    c.near.see(b)
    const liar = b.near.see(c, 'liar')
    b.near.people.set(liar, { ...b.near.people.get(liar)!, nickname: 'erin2' })
    const added = await b.collab.addContactNear(liar)
    assert.deepEqual([added.peerId, added.nickname], [c.peerId, 'grace'])

    // near-scoped items go only to watchers that are near
    await a.collab.addContact((await b.collab.exportCard()).text)
    await a.collab.updateContact(b.peerId, { watcherPermission: 'allowed' })
    a.near.people.clear()
    await assert.rejects(b.collab.subscribe(a.peerId), code('NOT_SIGNED_IN'))
    a.near.see(b)
    await a.collab.setObject({ id: 'org.example.near', data: new Uint8Array([1]), scope: 'near' })
    await a.collab.setObject({ id: 'org.example.far', data: new Uint8Array([2]), scope: 'internet' })
    const data = await b.collab.subscribe(a.peerId)
    assert.deepEqual(data.objects.map(o => o.id), ['org.example.near'])

    await a.collab.signout('near')
    assert.equal(a.near.advertised.at(-1), undefined)
    assert.equal(a.near.advertising, false)
  })
})
