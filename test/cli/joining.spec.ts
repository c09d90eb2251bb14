import assert from 'node:assert/strict'
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import pWaitFor from 'p-wait-for'
import type { DirectConnectionJson, GroupConnectionJson } from '../../node/api/routes-connections.ts'
import type { GroupDetailJson, GroupMemberJson, GroupSummaryJson, MemberJson } from '../../node/api/routes-groups.ts'
import type { InvitationInfoJson, InvitationJson } from '../../node/api/routes-joining.ts'
import type { NodeStatus } from '../../node/types.ts'
import { startCli } from '../helpers/cli.ts'
import { assertFailed, type CliNode, cliWorld, ph, phJson } from '../helpers/cli-groups.ts'

describe('cli: peerhood group invite / join / password / send', function () {
  this.timeout(180_000)
  const world = cliWorld()

  /** Starts `peerhood events --json` on a node and resolves once its stream is subscribed. */
  async function watchEvents (node: CliNode, ...args: string[]): Promise<ReturnType<typeof startCli>> {
    const before = (await phJson<NodeStatus>(node.dir, 'status')).eventSubscribers
    const proc = world.track(startCli(['events', '--data', node.dir, '--json', ...args]))
    await pWaitFor(async () => (await phJson<NodeStatus>(node.dir, 'status')).eventSubscribers > before, { timeout: 10_000 })
    return proc
  }

  it('invite, parse, join --wait, members, connections, send and events between two nodes', async () => {
    const [a, b] = await Promise.all([world.startNode(), world.startNode()])
    const work = await world.newDir()
    const stranger = (await phJson<{ peerId: string }>(await world.newDir(), 'init')).peerId
    const group = await phJson<GroupSummaryJson>(a.dir, 'group', 'create', 'team')

    // the token is one line on stdout; --json adds what it says
    const human = await ph(a.dir, 'group', 'invite', 'team', '--peer', b.peerId, '--role', 'inviting-member', '--expires', '30d')
    assert.equal(human.code, 0, human.stderr)
    const token = human.stdout.trim()
    assert.match(token, /^peerhood1:invitation:\S+$/)
    assert.equal(human.stdout.split('\n').filter(l => l !== '').length, 1)
    // --expires infinite: as long as this node's own certificate (issue 9, defect 11)
    const forStranger = await phJson<InvitationJson>(a.dir, 'group', 'invite', group.groupId, '--peer', stranger, '--expires', 'infinite', '--json')
    assert.equal(forStranger.info.subject?.peerId, stranger)
    assert.equal(forStranger.info.validToMs, group.member.notAfterMs)
    assertFailed(await ph(a.dir, 'group', 'invite', 'team'), 'INVALID_ARGUMENT', 2)
    assertFailed(await ph(a.dir, 'group', 'invite', 'team', '--peer', b.peerId, '--password'), 'INVALID_ARGUMENT', 2)
    assertFailed(await ph(a.dir, 'group', 'invite', 'team', '--peer', b.peerId, '--expires', 'whenever'), 'INVALID_ARGUMENT', 2)
    assertFailed(await ph(a.dir, 'group', 'invite', 'team', '--password'), 'PASSWORD_NOT_SET', 1)

    const info = await phJson<InvitationInfoJson>(b.dir, 'group', 'invite', 'parse', token)
    assert.equal(info.groupId, group.groupId)
    assert.equal(info.authScheme, 'gmc')
    assert.equal(info.issuer.peerId, a.peerId)
    assert.equal(info.subject?.peerId, b.peerId)
    assert.deepEqual(info.roles, ['inviting-member'])
    assert.ok(info.addresses.includes(a.address) || info.addresses.some(x => x.startsWith('/ip4/127.0.0.1/')))
    const file = join(work, 'invitation.txt')
    await writeFile(file, token + '\n')
    assert.deepEqual(await phJson<InvitationInfoJson>(b.dir, 'group', 'invite', 'parse', '@' + file), info)
    assert.equal((await ph(b.dir, 'group', 'invite', 'parse', token)).code, 0)
    assertFailed(await ph(b.dir, 'group', 'invite', 'parse', 'peerhood1:invitation:garbage'), 'INVITATION_NOT_TRUSTED', 1)

    assertFailed(await ph(b.dir, 'group', 'join', forStranger.token), 'INVITATION_NOT_TRUSTED', 1)
    const joined = await phJson<GroupSummaryJson>(b.dir, 'group', 'join', '@' + file, '--wait')
    assert.equal(joined.groupId, group.groupId)
    assert.equal(joined.status.synchronized, true)
    assert.deepEqual(joined.roles, ['inviting-member'])
    assertFailed(await ph(b.dir, 'group', 'join', token), 'ALREADY_A_MEMBER', 1)
    assertFailed(await ph(b.dir, 'group', 'join', token, '--wait'), 'ALREADY_A_MEMBER', 1)

    // B lists A online with its addresses
    await pWaitFor(async () => (await phJson<GroupMemberJson[]>(b.dir, 'group', 'members', 'team', '--present')).some(m => m.peerId === a.peerId && m.present && m.addresses.length > 0), { timeout: 20_000 })
    const members = await ph(b.dir, 'group', 'members', 'team')
    assert.equal(members.code, 0, members.stderr)
    const neighbours = await phJson<GroupConnectionJson[]>(b.dir, 'group', 'connections', 'team')
    assert.deepEqual(neighbours.map(c => [c.kind, c.peerId]), [['neighbour', a.peerId]])

    // data to A's PeerId, then on a direct connection; A's event stream prints both
    const events = await watchEvents(a, '--type', 'data:incoming', '--group', group.groupId)
    const sent = await ph(b.dir, 'group', 'send', 'team', a.peerId, '--type', 'app.chat', '--text', 'hello')
    assert.equal(sent.code, 0, sent.stderr)
    const chat = await events.waitForJson(e => e.type === 'data:incoming' && e.data.type === 'app.chat')
    assert.equal(chat.group, group.groupId)
    assert.equal(chat.data.peerId, b.peerId)
    assert.equal(Buffer.from(chat.data.data, 'base64').toString('utf8'), 'hello')

    const direct = await phJson<DirectConnectionJson>(b.dir, 'group', 'open', 'team', a.peerId)
    assert.equal(direct.peerId, a.peerId)
    const blob = join(work, 'blob.bin')
    await writeFile(blob, Buffer.from([0, 1, 2, 255]))
    assert.equal((await ph(b.dir, 'group', 'send', 'team', direct.connectionId, '--type', 'app.blob', '--file', blob)).code, 0)
    const got = await events.waitForJson(e => e.type === 'data:incoming' && e.data.type === 'app.blob')
    assert.equal(got.data.data, Buffer.from([0, 1, 2, 255]).toString('base64'))
    assert.equal((await phJson<GroupConnectionJson[]>(b.dir, 'group', 'connections', 'team')).length, 2)
    assert.equal((await ph(b.dir, 'group', 'connections', 'team')).code, 0)
    assert.equal((await ph(b.dir, 'group', 'close', 'team', direct.connectionId)).code, 0)
    assertFailed(await ph(b.dir, 'group', 'close', 'team', direct.connectionId), 'CONNECTION_NOT_FOUND', 1)
    assertFailed(await ph(b.dir, 'group', 'send', 'team', b.peerId, '--type', 'app.chat', '--text', 'me'), 'CONNECT_SELF', 1)
    assertFailed(await ph(b.dir, 'group', 'send', 'team', a.peerId, '--type', 'app.chat'), 'INVALID_ARGUMENT', 2)
    assertFailed(await ph(b.dir, 'group', 'send', 'team', a.peerId, '--text', 'no type'), 'INVALID_ARGUMENT', 2)

    // renewal with the connected administrator (a renewal starts a second after the current GMC)
    await pWaitFor(() => Date.now() >= joined.member.notBeforeMs + 1000, { timeout: 5000 })
    const renewed = await phJson<MemberJson>(b.dir, 'group', 'renew', 'team')
    assert.equal(renewed.peerId, b.peerId)
    assert.deepEqual(renewed.roles, ['inviting-member'])
    assert.equal((await phJson<GroupDetailJson>(b.dir, 'group', 'show', 'team')).member.serialNumber, renewed.serialNumber)
  })

  it('password: set, password invitation, wrong password refused with nothing stored, right one joins', async () => {
    const [a, c] = await Promise.all([world.startNode(), world.startNode()])
    const work = await world.newDir()
    const right = join(work, 'right')
    const wrong = join(work, 'wrong')
    await writeFile(right, 'correct horse\n')
    await writeFile(wrong, 'battery staple\n')
    await phJson<GroupSummaryJson>(a.dir, 'group', 'create', 'open')
    assertFailed(await ph(a.dir, 'group', 'password', 'open', '--password-file', right), 'INVALID_ARGUMENT', 2)
    const properties = await phJson<{ passwordRole: string, authSchemes: string[] }>(a.dir, 'group', 'password', 'open', '--set', '--role', 'member', '--password-file', right)
    assert.equal(properties.passwordRole, 'member')
    assert.deepEqual(properties.authSchemes, ['gmc', 'password'])

    const { token, info } = await phJson<InvitationJson>(a.dir, 'group', 'invite', 'open', '--password', '--expires', '2h')
    assert.equal(info.authScheme, 'password')
    assert.equal((await phJson<InvitationInfoJson>(c.dir, 'group', 'invite', 'parse', token)).kind, 'password')

    assertFailed(await ph(c.dir, 'group', 'join', token, '--password-file', wrong), 'AUTHENTICATION_FAILED', 1)
    assert.deepEqual(await phJson<GroupSummaryJson[]>(c.dir, 'group', 'list'), [])
    const joined = await phJson<GroupSummaryJson>(c.dir, 'group', 'join', token, '--password-file', right, '--wait')
    assert.deepEqual(joined.roles, ['member'])
    assert.equal(joined.status.synchronized, true)
  })
})
