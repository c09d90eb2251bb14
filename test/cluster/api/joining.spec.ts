import assert from 'node:assert/strict'
import pWaitFor from 'p-wait-for'
import { ApiClient } from '../../../node/api/client.ts'
import type { GroupSummaryJson } from '../../../node/api/routes-groups.ts'
import { type Cluster, createCluster } from '../../../node/cluster.ts'
import type { EventFilter, PeerhoodEvent } from '../../../node/events.ts'
import { type ErrorCode, PeerhoodError } from '../../../protocols/common/errors.ts'

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

/** An open `/v1/events` stream and what it received so far. */
interface EventLog {
  events: PeerhoodEvent[]
  close: () => Promise<void>
}

/** Opens an event stream and resolves once the node has subscribed (nothing emitted later is missed). */
async function openEvents (client: ApiClient, filter: EventFilter): Promise<EventLog> {
  const events: PeerhoodEvent[] = []
  const stop = new AbortController()
  let opened!: () => void
  const open = new Promise<void>(resolve => { opened = resolve })
  const done = client.events(filter, e => { events.push(e) }, { signal: stop.signal, onOpen: () => { opened() } })
  await open
  return { events, close: async () => { stop.abort(); await done } }
}

async function synchronized (client: ApiClient, groupId: string): Promise<void> {
  await pWaitFor(async () => (await client.groupStatus(groupId)).synchronized, { timeout: 20_000 })
}

describe('api: invitations, joining, password, connections and data', function () {
  this.timeout(60_000)
  let cluster: Cluster
  let clients: ApiClient[]
  let ids: string[]
  afterEach(async () => { await cluster?.stop() })

  async function nodes (size: number): Promise<void> {
    cluster = await createCluster({ size, topology: 'none', config: QUIET })
    clients = await Promise.all(cluster.nodes.map(async n => await ApiClient.fromDataDir(n.dataDir!)))
    ids = cluster.nodes.map(n => n.peerId.toString())
  }

  /** A creates a group and invites B, who joins over the API and synchronises. */
  async function joined (): Promise<GroupSummaryJson> {
    const [a, b] = clients as [ApiClient, ApiClient]
    const group = await a.createGroup({ friendlyName: 'team' })
    const { token } = await a.createInvitation(group.groupId, { peerId: ids[1]! })
    await b.joinGroup(token)
    await synchronized(b, group.groupId)
    return group
  }

  it('invites, parses and joins; refuses a token for someone else, a second join and bad requests', async () => {
    await nodes(3)
    const [a, b, c] = clients as [ApiClient, ApiClient, ApiClient]
    const group = await a.createGroup({ friendlyName: 'team' })
    const expiresAt = new Date(Date.now() + 3_600_000).toISOString()
    const invitation = await a.createInvitation(group.groupId, { peerId: ids[1]!, roles: ['inviting-member'], expiresAt })
    assert.match(invitation.token, /^peerhood1:invitation:\S+$/)
    const info = await b.parseInvitation(invitation.token)
    assert.deepEqual(info, invitation.info)
    assert.equal(info.kind, 'gmc')
    assert.equal(info.authScheme, 'gmc')
    assert.equal(info.groupId, group.groupId)
    assert.equal(info.groupFriendlyName, 'team')
    assert.equal(info.issuer.peerId, ids[0])
    assert.equal(info.subject?.peerId, ids[1])
    assert.deepEqual(info.roles, ['inviting-member'])
    // certificate times have whole seconds
    assert.equal(info.validToMs, Math.floor(Date.parse(expiresAt) / 1000) * 1000)
    assert.equal(new Date(info.validTo).getTime(), info.validToMs)
    assert.ok(info.validFromMs <= Date.now())
    assert.ok(info.addresses.length > 0)
    assert.equal(info.properties.groupId, group.groupId)
    assert.equal((info as unknown as Record<string, unknown>).chain, undefined)

    // C holds B's invitation: refused, nothing stored
    await rejectsWith(c.joinGroup(invitation.token), 'INVITATION_NOT_TRUSTED', 403)
    assert.deepEqual(await c.groups(), [])

    const syncEvents = await openEvents(b, { group: group.groupId, types: ['group:status', 'sync:completed'] })
    const summary = await b.joinGroup(invitation.token)
    assert.equal(summary.groupId, group.groupId)
    assert.deepEqual(summary.roles, ['inviting-member'])
    assert.equal(summary.owner, false)
    await synchronized(b, group.groupId)
    await pWaitFor(() => syncEvents.events.some(e => e.type === 'sync:completed'), { timeout: 10_000 })
    await syncEvents.close()
    await rejectsWith(b.joinGroup(invitation.token), 'ALREADY_A_MEMBER', 409)

    // B sees A online with its addresses, and A as a neighbour
    await pWaitFor(async () => (await b.groupMembers(group.groupId, { present: true })).some(m => m.peerId === ids[0] && m.present && m.addresses.length > 0), { timeout: 20_000 })
    const connections = await b.groupConnections(group.groupId)
    assert.deepEqual(connections.map(x => [x.kind, x.peerId, x.connectionId]), [['neighbour', ids[0], `neighbour:${ids[0]}`]])

    await rejectsWith(b.parseInvitation('peerhood1:invitation:garbage'), 'INVITATION_NOT_TRUSTED', 403)
    await rejectsWith(a.createInvitation(group.groupId, { peerId: ids[2]!, expiresAt: Date.now() - 1000 }), 'INVALID_TIME_PERIOD', 400)
    // "infinite": as long as the issuer's own certificate (issue 9, defect 11)
    const forever = await a.createInvitation(group.groupId, { peerId: ids[2]!, expiresAt: 'infinite' })
    assert.equal(forever.info.validToMs, group.member.notAfterMs)
    await rejectsWith(a.createInvitation(group.groupId, { peerId: 'nope' }), 'INVALID_PEER_ID', 400)
    await rejectsWith(b.createInvitation(group.groupId, { peerId: ids[2]!, roles: ['administrator'] }), 'NOT_AUTHORIZED', 403)
    await rejectsWith(a.createPasswordInvitation(group.groupId), 'PASSWORD_NOT_SET', 409)
    await rejectsWith(a.request('POST', `/v1/groups/${group.groupId}/invitations`, { peerId: ids[2], expiresAt: 'soon' }), 'INVALID_ARGUMENT', 400)
    await rejectsWith(a.request('POST', `/v1/groups/${group.groupId}/invitations`, { peerId: ids[2], expiresAt: 1, lifetimeMs: 1 }), 'INVALID_ARGUMENT', 400)
    await rejectsWith(a.request('POST', `/v1/groups/${group.groupId}/invitations`, {}), 'INVALID_ARGUMENT', 400)
    await rejectsWith(a.request('POST', '/v1/groups/join', { token: invitation.token, extra: 1 }), 'INVALID_ARGUMENT', 400)
    await rejectsWith(a.request('POST', '/v1/invitations/parse', {}), 'INVALID_ARGUMENT', 400)
    await rejectsWith(a.createInvitation('nope', { peerId: ids[2]! }), 'INVALID_GROUP', 404)

    // an invitation with a lifetime, from an inviting member, for C
    const fromB = await b.createInvitation(group.groupId, { peerId: ids[2]!, lifetimeMs: 600_000 })
    assert.equal(fromB.info.issuer.peerId, ids[1])
    assert.ok(fromB.info.validToMs <= Date.now() + 600_000)
    assert.deepEqual((await c.joinGroup(fromB.token)).roles, ['member'])
    await synchronized(c, group.groupId)
  })

  it('password groups: wrong password refused with nothing stored, right one admits with the password role, repeated failures throttled', async () => {
    await nodes(3)
    const [a, c, d] = clients as [ApiClient, ApiClient, ApiClient]
    const group = await a.createGroup({ friendlyName: 'open' })
    await rejectsWith(a.setGroupPassword(group.groupId, 'short'), 'PASSWORD_DOES_NOT_MEET_POLICY', 400)
    await rejectsWith(a.request('PUT', `/v1/groups/${group.groupId}/password`, { password: 'long enough', role: 'creator' }), 'INVALID_ARGUMENT', 400)
    const properties = await a.setGroupPassword(group.groupId, 'correct horse', { role: 'inviting-member' })
    assert.deepEqual(properties.authSchemes, ['gmc', 'password'])
    assert.equal(properties.passwordRole, 'inviting-member')

    const { token, info } = await a.createPasswordInvitation(group.groupId, { lifetimeMs: 3_600_000 })
    assert.equal(info.kind, 'password')
    assert.equal(info.subject, undefined)
    assert.deepEqual(info.roles, ['inviting-member'])

    const adminEvents = await openEvents(a, { group: group.groupId, types: ['authentication:failed', 'credentials:issued'] })
    await rejectsWith(c.joinGroup(token), 'INVALID_ARGUMENT', 400)
    await rejectsWith(c.joinGroup(token, { password: 'wrong horse' }), 'AUTHENTICATION_FAILED', 403)
    assert.deepEqual(await c.groups(), [])
    await pWaitFor(() => adminEvents.events.some(e => e.type === 'authentication:failed' && e.data.peerId === ids[1]), { timeout: 10_000 })

    const joined = await c.joinGroup(token, { password: 'correct horse' })
    assert.deepEqual(joined.roles, ['inviting-member'])
    assert.equal(joined.member.peerId, ids[1])
    await synchronized(c, group.groupId)
    await pWaitFor(() => adminEvents.events.some(e => e.type === 'credentials:issued' && e.data.peerId === ids[1]), { timeout: 10_000 })
    await adminEvents.close()

    // D keeps guessing: refused, then throttled
    const codes: string[] = []
    for (let i = 0; i < 5 && !codes.includes('THROTTLED'); i++) {
      await assert.rejects(d.joinGroup(token, { password: `guess ${i} guess` }), (err: unknown) => {
        assert.ok(err instanceof PeerhoodError)
        codes.push(err.code)
        assert.equal(err.details?.httpStatus, err.code === 'THROTTLED' ? 429 : 403)
        return true
      })
    }
    assert.equal(codes[0], 'AUTHENTICATION_FAILED')
    assert.equal(codes.at(-1), 'THROTTLED')
    assert.deepEqual(await d.groups(), [])
  })

  it('direct connections and typed data reach the other node\'s event stream; renew; connect', async () => {
    await nodes(2)
    const [a, b] = clients as [ApiClient, ApiClient]
    const { groupId } = await joined()
    const incoming = await openEvents(a, { group: groupId, types: ['data:incoming', 'direct:changed'] })

    const direct = await b.openConnection(groupId, ids[0]!)
    assert.equal(direct.kind, 'direct')
    assert.equal(direct.peerId, ids[0])
    assert.equal(direct.direction, 'outbound')
    assert.match(direct.connectionId, /^[0-9a-f]{16}$/)
    assert.equal(new Date(direct.openedAt).getTime(), direct.openedAtMs)
    const listed = await b.groupConnections(groupId)
    assert.deepEqual(listed.map(x => x.kind).sort(), ['direct', 'neighbour'])

    const bytes = Buffer.from([0, 1, 2, 250, 255])
    assert.deepEqual(await b.sendData(groupId, { connectionId: direct.connectionId, type: 'app.blob', data: bytes.toString('base64') }), { ok: true })
    await b.sendData(groupId, { peerId: ids[0]!, type: 'app.chat', dataText: 'hello' })
    await pWaitFor(() => incoming.events.filter(e => e.type === 'data:incoming').length === 2, { timeout: 10_000 })
    const [blob, chat] = incoming.events.filter(e => e.type === 'data:incoming') as Array<PeerhoodEvent<{ type: string, data: string, peerId: string, connectionId: string }>>
    assert.equal(blob!.data.type, 'app.blob')
    assert.equal(blob!.data.data, bytes.toString('base64'))
    assert.equal(blob!.data.peerId, ids[1])
    assert.equal(chat!.data.type, 'app.chat')
    assert.equal(Buffer.from(chat!.data.data, 'base64').toString('utf8'), 'hello')
    assert.equal(chat!.data.connectionId, `neighbour:${ids[1]}`)
    assert.ok(incoming.events.some(e => e.type === 'direct:changed' && e.data.status === 'connected'))

    await rejectsWith(b.sendData(groupId, { peerId: ids[1]!, type: 'app.chat', dataText: 'me' }), 'CONNECT_SELF', 400)
    await rejectsWith(b.sendData(groupId, { connectionId: '0000000000000000', type: 'app.chat' }), 'CONNECTION_NOT_FOUND', 404)
    await rejectsWith(b.sendData(groupId, { connectionId: direct.connectionId, type: 'app.blob', data: Buffer.alloc(65 * 1024).toString('base64') }), 'MAX_DATA_SIZE_EXCEEDED', 413)
    await rejectsWith(b.openConnection(groupId, ids[1]!), 'CONNECT_SELF', 400)
    await rejectsWith(b.request('POST', `/v1/groups/${groupId}/send`, { peerId: ids[0], connectionId: direct.connectionId, type: 'x' }), 'INVALID_ARGUMENT', 400)
    await rejectsWith(b.request('POST', `/v1/groups/${groupId}/send`, { peerId: ids[0], type: 'x', data: 'not base64!' }), 'INVALID_ARGUMENT', 400)
    await rejectsWith(b.request('POST', `/v1/groups/${groupId}/send`, { peerId: ids[0], data: '' }), 'INVALID_ARGUMENT', 400)

    await b.closeConnection(groupId, direct.connectionId)
    await rejectsWith(b.closeConnection(groupId, direct.connectionId), 'CONNECTION_NOT_FOUND', 404)
    await pWaitFor(() => incoming.events.some(e => e.type === 'direct:changed' && e.data.status === 'disconnected'), { timeout: 10_000 })
    await incoming.close()

    // a renewal starts at least a second after the current certificate (whole-second times)
    const { member } = await b.group(groupId)
    await pWaitFor(() => Date.now() >= member.notBeforeMs + 1000, { timeout: 5000 })
    const renewed = await b.renewCredentials(groupId)
    assert.equal(renewed.peerId, ids[1])
    assert.deepEqual(renewed.roles, ['member'])
    assert.ok(renewed.notBeforeMs > member.notBeforeMs)
    assert.equal((await b.group(groupId)).member.serialNumber, renewed.serialNumber)
    assert.deepEqual((await b.connectGroup(groupId)).map(m => m.peerId), [ids[0]])

    // alone in a group: nobody to find
    const solo = await a.createGroup({ friendlyName: 'solo' })
    await rejectsWith(a.connectGroup(solo.groupId, { timeoutMs: 300 }), 'NO_MEMBERS_FOUND', 404)
    await rejectsWith(a.renewCredentials(solo.groupId), 'NO_MEMBERS_FOUND', 404)
    await rejectsWith(a.connectGroup(solo.groupId, { timeoutMs: 0 }), 'INVALID_ARGUMENT', 400)
  })
})
