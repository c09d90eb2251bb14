import assert from 'node:assert/strict'
import pWaitFor from 'p-wait-for'
import { ApiClient } from '../../../node/api/client.ts'
import { type Cluster, createCluster } from '../../../node/cluster.ts'
import type { PeerhoodEvent } from '../../../node/events.ts'
import { pemToChain } from '../../../protocols/certificates/pem.ts'
import { type ErrorCode, PeerhoodError } from '../../../protocols/common/errors.ts'
import { exportMembership } from '../../../protocols/groups/membership-export.ts'

const QUIET = { dht: { enabled: false } }

/** Asserts that `promise` fails with `code` and the HTTP status the API gives it. */
async function rejectsWith (promise: Promise<unknown>, code: ErrorCode, httpStatus: number): Promise<void> {
  await assert.rejects(promise, (err: unknown) => {
    assert.ok(err instanceof PeerhoodError, String(err))
    assert.equal(err.code, code)
    assert.equal(err.details?.httpStatus, httpStatus)
    return true
  })
}

describe('api: groups and records', function () {
  this.timeout(60_000)
  let cluster: Cluster
  let a: ApiClient
  let b: ApiClient
  afterEach(async () => { await cluster?.stop() })

  async function twoNodes (): Promise<void> {
    cluster = await createCluster({ size: 2, topology: 'none', config: QUIET })
    a = await ApiClient.fromDataDir(cluster.nodes[0]!.dataDir!)
    b = await ApiClient.fromDataDir(cluster.nodes[1]!.dataDir!)
  }

  it('creates, lists, shows, changes, issues, exports and deletes a group', async () => {
    await twoNodes()
    const aId = (await a.id()).peerId
    const bId = (await b.id()).peerId
    const created = await a.createGroup({ friendlyName: 'team', classifier: 'chat', comment: 'hello' })
    assert.match(created.groupId, /^[a-z2-7]{52}\.chat$/)
    assert.deepEqual(created.roles, ['creator', 'administrator'])
    assert.equal(created.owner, true)
    assert.equal(created.status.synchronized, true)
    assert.equal(created.member.peerId, aId)
    assert.equal(new Date(created.member.notAfter).getTime(), created.member.notAfterMs)
    assert.equal(Buffer.from(created.member.publicKey, 'base64').length, 32)
    const id = created.groupId

    assert.deepEqual((await a.groups()).map(g => g.groupId), [id])
    const detail = await a.group(id)
    assert.equal(detail.properties.comment, 'hello')
    assert.deepEqual(detail.chain.map(c => c.type), ['root', 'member'])
    assert.equal(detail.chain[1]!.peerId, aId)
    assert.deepEqual(detail.chain[1]!.roles, ['creator', 'administrator'])
    assert.equal(detail.chain[1]!.serialNumber, created.member.serialNumber)
    assert.ok(detail.chain[0]!.ca)

    const pem = await a.groupCertPem(id)
    const der = await a.groupCertDer(id)
    assert.equal(pemToChain(pem).length, 2)
    assert.deepEqual(pemToChain(pem).map(c => Buffer.from(c).toString('base64')), der.chain)

    const props = await a.setGroupProperties(id, { comment: 'changed', flags: { disablePresence: true } })
    assert.equal(props.comment, 'changed')
    assert.equal(props.flags.disablePresence, true)
    assert.equal(props.revision, 2)
    await rejectsWith(a.setGroupProperties(id, { groupId: 'other' } as never), 'INVALID_GROUP_PROPERTIES', 400)

    const issued = await a.issueCredentials(id, { peerId: bId, roles: ['administrator'], lifetimeMs: 500 * 3_600_000, store: true })
    assert.equal(pemToChain(issued.chainPem).length, 3)
    assert.equal(issued.member.peerId, bId)
    assert.deepEqual(issued.member.roles, ['administrator'])
    assert.equal(issued.member.notAfterMs - issued.member.notBeforeMs, 500 * 3_600_000)
    // "infinite": as long as the issuer's own certificate (issue 9, defect 11)
    const forever = await a.issueCredentials(id, { peerId: bId, lifetimeMs: 'infinite' })
    assert.equal(forever.member.notAfterMs, created.member.notAfterMs)
    await rejectsWith(a.issueCredentials(id, { peerId: 'nope' }), 'INVALID_PEER_ID', 400)
    await rejectsWith(a.issueCredentials(id, { peerId: bId, roles: ['boss' as never] }), 'INVALID_ROLE_PROPERTY', 400)

    const status = await a.groupStatus(id)
    assert.equal(status.groupId, id)
    assert.equal(status.synchronized, true)
    const members = await a.groupMembers(id)
    assert.equal(members[0]!.peerId, aId)
    assert.equal(members[0]!.self, true)

    const text = await a.exportMembership(id, 'pw', { includeRootKey: true })
    await rejectsWith(a.importMembership(text, 'pw'), 'ALREADY_EXISTS', 409)
    await rejectsWith(b.importMembership(text, 'pw'), 'NOT_AUTHORIZED', 403)
    await rejectsWith(a.importMembership(text, 'wrong'), 'BAD_PASSWORD', 400)
    await rejectsWith(a.importMembership('peerhood1:membership:garbage', 'pw'), 'INVALID_EXPORT', 400)

    await a.deleteGroup(id)
    await rejectsWith(a.group(id), 'INVALID_GROUP', 404)
    await rejectsWith(a.deleteGroup(id), 'INVALID_GROUP', 404)
    assert.deepEqual(await a.groups(), [])
  })

  it('validates request bodies before they reach the service', async () => {
    await twoNodes()
    await rejectsWith(a.request('POST', '/v1/groups', {}), 'INVALID_ARGUMENT', 400)
    await rejectsWith(a.request('POST', '/v1/groups', { friendlyName: 'x', nope: 1 }), 'INVALID_ARGUMENT', 400)
    await rejectsWith(a.request('POST', '/v1/groups', { friendlyName: 'x', maxRecordSize: '5' }), 'INVALID_ARGUMENT', 400)
    await rejectsWith(a.request('POST', '/v1/groups', { friendlyName: '' }), 'INVALID_FRIENDLY_NAME', 400)
    const { groupId } = await a.createGroup({ friendlyName: 'x' })
    await rejectsWith(a.request('GET', `/v1/groups/${groupId}/cert?format=der`), 'INVALID_ARGUMENT', 400)
    await rejectsWith(a.request('GET', `/v1/groups/${groupId}/members?present=maybe`), 'INVALID_ARGUMENT', 400)
    await rejectsWith(a.request('POST', `/v1/groups/${groupId}/records`, { type: 'chat', data: 'not base64!' }), 'INVALID_ARGUMENT', 400)
    await rejectsWith(a.request('POST', `/v1/groups/${groupId}/records`, { type: 'chat', data: 'aGk=', dataText: 'hi' }), 'INVALID_ARGUMENT', 400)
    await rejectsWith(a.request('POST', `/v1/groups/${groupId}/records`, { type: 'chat', expires: 'soon' }), 'INVALID_ARGUMENT', 400)
    await rejectsWith(a.request('POST', `/v1/groups/${groupId}/records/search`, {}), 'INVALID_ARGUMENT', 400)
    await rejectsWith(a.request('GET', '/v1/groups/nope/records'), 'INVALID_GROUP', 404)
  })

  it('adds, reads, lists, searches, updates and deletes records', async () => {
    await twoNodes()
    const { groupId } = await a.createGroup({ friendlyName: 'db', maxRecordSize: 4096 })
    const expires = '2099-01-01T00:00:00.000Z'
    const text = await a.addRecord(groupId, {
      type: 'chat',
      dataText: 'hello',
      attributes: [{ name: 'size', type: 'int', value: 5 }, { name: 'when', type: 'date', value: '2026-01-01T00:00:00Z' }, { name: 'author', type: 'string', value: 'alice' }],
      expires
    })
    assert.equal(text.dataText, 'hello')
    assert.equal(text.data, Buffer.from('hello').toString('base64'))
    assert.equal(text.expires, expires)
    assert.equal(text.version, 1)
    assert.deepEqual(text.attributes.find(x => x.name === 'when'), { name: 'when', type: 'date', value: '2026-01-01T00:00:00.000Z' })
    const binary = await a.addRecord(groupId, { type: 'blob', data: Buffer.from([0xff, 0xfe, 0x00]).toString('base64'), expires: Date.now() + 60_000 })
    assert.equal(binary.dataText, undefined)
    assert.equal(binary.size, 3)

    assert.deepEqual((await a.getRecord(groupId, text.id)).attributes, text.attributes)
    assert.deepEqual((await a.listRecords(groupId, { type: 'chat' })).map(r => r.id), [text.id])
    assert.deepEqual((await a.listRecords(groupId)).map(r => r.id).sort(), [text.id, binary.id].sort())

    const json = await a.searchRecords(groupId, { and: [{ attr: 'size', type: 'int', compare: 'greater', value: 3 }, { attr: 'author', type: 'string', value: 'al*' }] })
    assert.deepEqual(json.map(r => r.id), [text.id])
    const xml = await a.searchRecords(groupId, '<peersearch><clause attrib="peerrecordtype" type="string">blob</clause></peersearch>')
    assert.deepEqual(xml.map(r => r.id), [binary.id])
    await rejectsWith(a.searchRecords(groupId, '<peersearch><and></and></peersearch>'), 'INVALID_SEARCH', 400)
    await rejectsWith(a.searchRecords(groupId, { attr: 'size', compare: 'sideways', value: 1 }), 'INVALID_SEARCH', 400)

    const updated = await a.updateRecord(groupId, text.id, { dataText: 'bye', attributes: [{ name: 'size', type: 'int', value: '7' }] })
    assert.equal(updated.version, 2)
    assert.equal(updated.dataText, 'bye')
    assert.deepEqual(updated.attributes, [{ name: 'size', type: 'int', value: 7 }])
    await rejectsWith(a.addRecord(groupId, { type: 'chat', attributes: [{ name: 'peerx', type: 'string', value: 'x' }] }), 'INVALID_ATTRIBUTES', 400)
    await rejectsWith(a.addRecord(groupId, { type: 'chat', dataText: 'x'.repeat(8192) }), 'MAX_RECORD_SIZE_EXCEEDED', 413)
    await rejectsWith(a.addRecord(groupId, { type: 'peerhood.members' }), 'NOT_AUTHORIZED', 403)

    await a.deleteRecord(groupId, text.id)
    await rejectsWith(a.getRecord(groupId, text.id), 'RECORD_NOT_FOUND', 404)
    await rejectsWith(a.deleteRecord(groupId, '00000000000000000000000000000000'), 'RECORD_NOT_FOUND', 404)
    assert.deepEqual((await a.listRecords(groupId)).map(r => r.id), [binary.id])
  })

  it('adds a batch of records in one request, all or nothing, and names the record it refuses', async () => {
    await twoNodes()
    const { groupId } = await a.createGroup({ friendlyName: 'bulk', maxRecordSize: 4096 })
    const data = Buffer.alloc(1024, 1).toString('base64')
    const records = Array.from({ length: 1000 }, (_, i) => ({ type: 'bulk.item', data, attributes: [{ name: 'n', type: 'int' as const, value: i }] }))
    const result = await a.addRecordsBatch(groupId, records)
    assert.equal(result.count, 1000)
    assert.equal(new Set(result.ids).size, 1000)
    assert.equal((await a.listRecords(groupId, { type: 'bulk.item' })).length, 1000)
    assert.equal((await a.getRecord(groupId, result.ids[999]!)).attributes[0]!.value, 999)
    // one bad record refuses the whole batch, with its index; nothing of it is stored
    const bad = [{ type: 'bulk.more', data }, { type: 'bulk.more', data: Buffer.alloc(5000).toString('base64') }]
    await assert.rejects(a.addRecordsBatch(groupId, bad), (err: unknown) => err instanceof PeerhoodError && err.code === 'MAX_RECORD_SIZE_EXCEEDED' && err.details?.index === 1)
    assert.equal((await a.listRecords(groupId, { type: 'bulk.more' })).length, 0)
    await rejectsWith(a.addRecordsBatch(groupId, []), 'INVALID_ARGUMENT', 400)
    await rejectsWith(a.addRecordsBatch(groupId, Array.from({ length: 1001 }, () => ({ type: 'bulk.more' }))), 'INVALID_ARGUMENT', 400)
    await rejectsWith(a.addRecordsBatch(groupId, [{ type: 'bulk.more', colour: 'red' } as never]), 'INVALID_ARGUMENT', 400)
  })

  it('a member admitted by import is not ready until it syncs, then sees the records; sync events reach the stream', async () => {
    await twoNodes()
    const bId = (await b.id()).peerId
    const group = await a.createGroup({ friendlyName: 'shared' })
    const first = await a.addRecord(group.groupId, { type: 'chat', dataText: 'before' })
    // the administrator's part of an invitation: issue a GMC for B and hand it over sealed
    const { chainPem } = await a.issueCredentials(group.groupId, { peerId: bId })
    const { properties } = await a.group(group.groupId)
    const text = await exportMembership({ groupId: group.groupId, properties, chain: pemToChain(chainPem) }, 'pw', { scryptN: 1 << 10 })
    const imported = await b.importMembership(text, 'pw')
    assert.deepEqual(imported.roles, ['member'])
    assert.equal(imported.owner, false)
    assert.equal((await b.groupStatus(group.groupId)).synchronized, false)
    await rejectsWith(b.addRecord(group.groupId, { type: 'chat' }), 'GROUP_NOT_READY', 503)

    const events: PeerhoodEvent[] = []
    const stop = new AbortController()
    let opened!: () => void
    const open = new Promise<void>(resolve => { opened = resolve })
    const stream = b.events({ group: group.groupId, types: ['sync:'] }, e => { events.push(e) }, { signal: stop.signal, onOpen: () => { opened() } })
    await open
    await b.connect(cluster.nodes[0]!.status().addresses[0]!)
    await pWaitFor(async () => (await b.groupStatus(group.groupId)).synchronized, { timeout: 20_000 })
    await pWaitFor(() => events.some(e => e.type === 'sync:completed'), { timeout: 10_000 })
    assert.ok(events.every(e => e.group === group.groupId))
    stop.abort()
    await stream

    assert.equal((await b.getRecord(group.groupId, first.id)).dataText, 'before')
    const second = await a.addRecord(group.groupId, { type: 'chat', dataText: 'after' })
    await pWaitFor(async () => (await b.listRecords(group.groupId)).some(r => r.id === second.id), { timeout: 20_000 })
    const present = await b.groupMembers(group.groupId, { present: true })
    assert.equal(present[0]!.self, true)
    assert.ok(present.some(m => m.peerId === (cluster.nodes[0]!.peerId.toString()) && m.connected))
    // a plain member may not change another member's record
    await rejectsWith(b.updateRecord(group.groupId, second.id, { dataText: 'mine' }), 'NOT_AUTHORIZED', 403)
    await rejectsWith(b.deleteRecord(group.groupId, second.id), 'NOT_AUTHORIZED', 403)
    const own = await b.addRecord(group.groupId, { type: 'chat', dataText: 'from b' })
    await pWaitFor(async () => (await a.listRecords(group.groupId)).some(r => r.id === own.id), { timeout: 20_000 })
  })
})
