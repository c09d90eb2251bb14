import assert from 'node:assert/strict'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import pWaitFor from 'p-wait-for'
import { assertFailed, cliWorld, ph, phJson } from '../helpers/cli-groups.ts'
import { BIN, runCli, startCli } from '../helpers/cli.ts'

describe('cli: peerhood invite, invitations, invitation, launch-info', function () {
  this.timeout(240_000)
  const world = cliWorld()

  it('a contact is invited, lists it, accepts; the registered command runs and reads launch-info; cancel and status; session host', async () => {
    const a = await world.startNode()
    const b = await world.startNode()
    const work = await world.newDir()
    await phJson<any>(a.dir, 'signin', '--scope', 'internet')
    await phJson<any>(b.dir, 'signin', '--scope', 'internet')
    await phJson<any>(a.dir, 'contact', 'add', (await ph(b.dir, 'contact', 'export')).stdout.trim())
    await phJson<any>(b.dir, 'contact', 'add', (await ph(a.dir, 'contact', 'export')).stdout.trim())
    const out = join(work, 'info.json')
    await phJson<any>(b.dir, 'app', 'register', 'org.example.chess', '--description', 'Chess',
      '--launch', '/bin/sh', '--arg=-c', '--arg', `"${process.execPath}" "${BIN}" launch-info > "${out}"`)

    const sent = await phJson<any>(a.dir, 'invite', b.peerId, '--app', 'org.example.chess', '--message', 'a game?', '--data', 'e4', '--expires', '10m')
    assert.deepEqual([sent.state, sent.verified], ['delivered', true])
    const pending = await phJson<any[]>(b.dir, 'invitations')
    assert.deepEqual(pending.map(p => [p.from, p.verified, p.appId, p.dataSize, p.message]), [[a.peerId, true, 'org.example.chess', 2, 'a game?']])
    assert.equal((await phJson<any>(b.dir, 'invitation', 'accept', pending[0].id, '--message', 'yes')).state, 'accepted')
    const status = await phJson<any>(a.dir, 'invitation', 'status', sent.id)
    assert.deepEqual([status.state, status.responseMessage], ['accepted', 'yes'])
    await pWaitFor(() => existsSync(out) && readFileSync(out, 'utf8').trim() !== '', { timeout: 30_000 })
    const info = JSON.parse(readFileSync(out, 'utf8'))
    assert.deepEqual([info.sender, info.invitation.message, Buffer.from(info.invitation.data, 'base64').toString()], [a.peerId, 'a game?', 'e4'])
    // cancel after the answer: the answer stands
    assert.match((await ph(a.dir, 'invitation', 'cancel', sent.id)).stdout, /accepted/)

    // cancel after delivery; the recipient's list empties and its accept is refused
    const second = await phJson<any>(a.dir, 'invite', b.peerId, '--app', 'org.example.chess')
    const id2 = (await phJson<any[]>(b.dir, 'invitations'))[0].id
    assert.equal((await phJson<any>(a.dir, 'invitation', 'cancel', second.id)).state, 'cancelled')
    await pWaitFor(async () => (await phJson<any[]>(b.dir, 'invitations')).length === 0, { timeout: 20_000 })
    assertFailed(await ph(b.dir, 'invitation', 'accept', id2), 'INVITE_CANCELLED', 1)

    // outside a launched process
    assertFailed(await runCli(['launch-info']), 'NOT_FOUND', 1)

    // session host: b accepts with --join and ends up a connected member; a stranger's node refuses (one line each)
    const stranger = await world.startNode()
    const session = world.track(startCli(['session', 'host', '--data', a.dir, '--app', 'org.example.board', '--invite', b.peerId, '--invite', stranger.address, '--timeout', '60s', '--group-name', 'standup']))
    let forB: any[] = []
    await pWaitFor(async () => (forB = await phJson<any[]>(b.dir, 'invitations')).length === 1, { timeout: 30_000 })
    assert.equal((await phJson<any>(b.dir, 'invitation', 'accept', forB[0].id, '--join')).state, 'accepted')
    const done = await session.exited
    assert.equal(done.code, 0, done.stderr)
    assert.match(done.stdout, new RegExp(`${b.peerId}: accepted and joined`))
    assert.match(done.stdout, /: error NOT_AUTHORIZED/)
    const groupId = /group: (\S+)/.exec(done.stdout)![1]
    assert.deepEqual((await phJson<any[]>(b.dir, 'group', 'list')).map(g => g.groupId), [groupId])
  })
})
