import assert from 'node:assert/strict'
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { ApiEventsOptions } from '../../../../node/api/client.ts'
import type { GroupStatusJson } from '../../../../node/api/routes-groups.ts'
import type { InvitationInfoJson } from '../../../../node/api/routes-joining.ts'
import { invitationText, invitationToken, joinAndWait, readTokenArg } from '../../../../node/cli/commands/group-join.ts'
import type { EventFilter, PeerhoodEvent } from '../../../../node/events.ts'
import { PeerhoodError, isPeerhoodError } from '../../../../protocols/common/errors.ts'
import { tempDir } from '../../../helpers/temp-dir.ts'

const TOKEN = 'peerhood1:invitation:Cs8UCAEQARo0Z2g2Mm9q-_bWRr'

describe('cli/commands/group-join', () => {
  it('reads a token with white space anywhere dropped', () => {
    assert.equal(invitationToken(TOKEN), TOKEN)
    assert.equal(invitationToken(`  ${TOKEN}\n`), TOKEN)
    // wrapped by a mail client
    assert.equal(invitationToken(`${TOKEN.slice(0, 20)}\r\n  ${TOKEN.slice(20)}\n`), TOKEN)
  })

  it('refuses an empty token with INVALID_ARGUMENT', () => {
    for (const text of ['', '   ', '\n\t\n']) {
      assert.throws(() => invitationToken(text), (err: unknown) => isPeerhoodError(err, 'INVALID_ARGUMENT'))
    }
  })

  it('takes TOKEN as it is, or @FILE for a file\'s contents', async () => {
    const dir = await tempDir()
    try {
      const file = join(dir.path, 'invitation.txt')
      await writeFile(file, `${TOKEN}\n`)
      assert.equal(await readTokenArg(TOKEN), TOKEN)
      assert.equal(await readTokenArg('@' + file), TOKEN)
      await assert.rejects(readTokenArg('@' + join(dir.path, 'missing.txt')), (err: unknown) => isPeerhoodError(err, 'INVALID_ARGUMENT'))
    } finally {
      await dir.remove()
    }
  })

  it('shows every field of an invitation, one address per line', () => {
    const member = {
      groupId: 'g', peerId: 'issuer-id', displayName: 'alice', roles: ['creator' as const], serialNumber: '00',
      notBefore: '', notAfter: '', notBeforeMs: 0, notAfterMs: 0, depth: 1, ca: true, publicKey: ''
    }
    const info = {
      kind: 'gmc', authScheme: 'gmc', groupId: 'g', groupFriendlyName: 'team', issuer: member,
      subject: { ...member, peerId: 'subject-id', displayName: 'bob' }, roles: ['member'],
      issuedAt: '', validFrom: '', validTo: '', issuedAtMs: 0, validFromMs: 0, validToMs: 86_400_000,
      addresses: ['/ip4/127.0.0.1/tcp/1', '/ip4/127.0.0.1/tcp/2'], properties: {}
    } as unknown as InvitationInfoJson
    const lines = invitationText(info).split('\n')
    const keys = lines.map(l => l.slice(0, l.indexOf(':')))
    assert.deepEqual(keys, ['group', 'kind', 'auth scheme', 'issuer', 'subject', 'roles', 'valid', 'issued', 'address', 'address'])
    assert.ok(lines[4]!.includes('subject-id'))
    assert.ok(lines[8]!.endsWith('/ip4/127.0.0.1/tcp/1'))
    const open = invitationText({ ...info, kind: 'password', authScheme: 'password', subject: undefined, addresses: [] } as unknown as InvitationInfoJson).split('\n')
    assert.equal(open.length, 9)
    assert.ok(!open[4]!.includes('subject-id'))
  })
})

/** A client whose event stream the test drives; the status says synchronised once `synced` is set. */
function fakeClient () {
  const state = { synced: false, filter: undefined as EventFilter | undefined, emit: (_e: PeerhoodEvent) => {}, end: () => {} }
  const client = {
    async events (filter: EventFilter, onEvent: (e: PeerhoodEvent) => void, options: ApiEventsOptions = {}): Promise<void> {
      state.filter = filter
      state.emit = onEvent
      const ended = new Promise<void>(resolve => {
        state.end = resolve
        options.signal?.addEventListener('abort', () => { resolve() }, { once: true })
      })
      options.onOpen?.()
      await ended
    },
    async groupStatus (groupId: string): Promise<GroupStatusJson> {
      return { groupId, listening: true, hasConnections: state.synced, synchronized: state.synced, records: 0, deferred: 0 }
    }
  }
  return { client: client as unknown as Parameters<typeof joinAndWait>[0], state }
}

const event = (type: string, data: Record<string, unknown> = {}): PeerhoodEvent => ({ type, time: 0, group: 'g', data })
const SLOW_POLL = 60_000

describe('cli/commands/group-join: joinAndWait', () => {
  it('subscribes before joining, and resolves once the group reports synchronised', async () => {
    const { client, state } = fakeClient()
    const progress: Array<[number, number | undefined]> = []
    const done = joinAndWait(client, 'g', async () => {
      assert.deepEqual(state.filter, { group: 'g', types: ['sync:', 'group:status', 'group:connection-failed'] })
      setImmediate(() => {
        state.emit(event('sync:progress', { received: 5, total: 10 }))
        state.synced = true
        state.emit(event('group:status'))
      })
    }, { signal: new AbortController().signal, pollMs: SLOW_POLL, onProgress: (r, t) => { progress.push([r, t]) } })
    await done
    assert.deepEqual(progress, [[5, 10]])
  })

  it('fails with NO_MEMBERS_FOUND on group:connection-failed', async () => {
    const { client, state } = fakeClient()
    const done = joinAndWait(client, 'g', async () => { setImmediate(() => { state.emit(event('group:connection-failed', { code: 'NO_MEMBERS_FOUND' })) }) }, { signal: new AbortController().signal, pollMs: SLOW_POLL })
    await assert.rejects(done, (err: unknown) => isPeerhoodError(err, 'NO_MEMBERS_FOUND'))
  })

  it('fails with the join\'s own code', async () => {
    const { client } = fakeClient()
    const done = joinAndWait(client, 'g', async () => { throw new PeerhoodError('ALREADY_A_MEMBER', 'x') }, { signal: new AbortController().signal, pollMs: SLOW_POLL })
    await assert.rejects(done, (err: unknown) => isPeerhoodError(err, 'ALREADY_A_MEMBER'))
  })

  it('fails with GROUP_NOT_READY when stopped, NODE_NOT_RUNNING when the stream ends', async () => {
    const stopped = fakeClient()
    const stop = new AbortController()
    const first = joinAndWait(stopped.client, 'g', async () => { setImmediate(() => { stop.abort() }) }, { signal: stop.signal, pollMs: SLOW_POLL })
    await assert.rejects(first, (err: unknown) => isPeerhoodError(err, 'GROUP_NOT_READY'))

    const ended = fakeClient()
    const second = joinAndWait(ended.client, 'g', async () => { setImmediate(() => { ended.state.end() }) }, { signal: new AbortController().signal, pollMs: SLOW_POLL })
    await assert.rejects(second, (err: unknown) => isPeerhoodError(err, 'NODE_NOT_RUNNING'))
  })

  it('backs the events up with a status check', async () => {
    const { client, state } = fakeClient()
    await joinAndWait(client, 'g', async () => { setImmediate(() => { state.synced = true }) }, { signal: new AbortController().signal, pollMs: 5 })
  })
})
