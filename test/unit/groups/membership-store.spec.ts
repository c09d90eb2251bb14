import assert from 'node:assert/strict'
import { MemoryDatastore } from 'datastore-core'
import { Key } from 'interface-datastore'
import { DatastoreMembershipStore } from '../../../protocols/groups/membership-store.ts'
import { assertCode, issueTo, makeGroup } from '../certificates/helpers.ts'

describe('membership store', () => {
  it('puts, gets, lists and deletes memberships under /peerhood/groups/<id>/', async () => {
    const datastore = new MemoryDatastore()
    const store = new DatastoreMembershipStore(datastore)
    const g = await makeGroup('store', 'store')
    const h = await makeGroup('store-2')
    const member = await issueTo({ key: h.creatorKey, chain: h.creatorChain }, 'stored member', ['member'])

    await store.put({ groupId: g.groupId, properties: g.properties, chain: g.creatorChain, rootPrivateKey: g.rootPrivateKey })
    await store.put({ groupId: h.groupId, properties: h.properties, chain: member.chain })
    assert.deepEqual(await store.list(), [g.groupId, h.groupId].sort())
    assert.ok(await store.has(g.groupId))
    assert.ok(await datastore.has(new Key(`/peerhood/groups/${g.groupId}/properties`)))
    assert.match(Buffer.from(await datastore.get(new Key(`/peerhood/groups/${g.groupId}/chain`))).toString(), /^-----BEGIN CERTIFICATE-----/)

    const owned = await store.get(g.groupId)
    assert.deepEqual(owned?.properties, g.properties)
    assert.deepEqual(owned?.chain, g.creatorChain)
    assert.ok(owned?.rootPrivateKey?.equals(g.rootPrivateKey))
    const joined = await store.get(h.groupId)
    assert.deepEqual(joined?.chain, member.chain)
    assert.equal(joined?.rootPrivateKey, undefined)

    await store.put({ groupId: g.groupId, properties: g.properties, chain: g.creatorChain })
    assert.equal((await store.get(g.groupId))?.rootPrivateKey, undefined, 'replacing without a root key drops it')

    await store.delete(g.groupId)
    assert.equal(await store.get(g.groupId), undefined)
    assert.deepEqual(await store.list(), [h.groupId])
    await store.delete(g.groupId)
  })

  it('refuses malformed group ids: INVALID_GROUP', async () => {
    const store = new DatastoreMembershipStore(new MemoryDatastore())
    await assertCode(() => store.get('../../etc'), 'INVALID_GROUP')
    await assertCode(() => store.delete('x/y'), 'INVALID_GROUP')
  })

  it('reports unreadable stored data: INTERNAL', async () => {
    const datastore = new MemoryDatastore()
    const store = new DatastoreMembershipStore(datastore)
    const g = await makeGroup('store-corrupt')
    await store.put({ groupId: g.groupId, properties: g.properties, chain: g.creatorChain })
    await datastore.put(new Key(`/peerhood/groups/${g.groupId}/properties`), Buffer.from('{not json'))
    await assertCode(() => store.get(g.groupId), 'INTERNAL')
  })
})
