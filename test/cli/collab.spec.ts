import assert from 'node:assert/strict'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { generateKeyPair } from '@libp2p/crypto/keys'
import { peerIdFromPrivateKey } from '@libp2p/peer-id'
import pWaitFor from 'p-wait-for'
import type { EndpointRevocationInfo } from '../../protocols/collaboration/types.ts'
import { assertFailed, cliWorld, ph, phJson } from '../helpers/cli-groups.ts'

describe('cli: peerhood signin, me, contact, presence, object, app, endpoint', function () {
  this.timeout(240_000)
  const world = cliWorld()

  it('two nodes sign in, exchange cards, allow and watch each other, and see presence, objects and applications', async () => {
    const a = await world.startNode()
    const b = await world.startNode()
    const work = await world.newDir()

    assert.equal((await phJson<any>(a.dir, 'signin', '--status')).scope, 'none')
    assertFailed(await ph(a.dir, 'presence', 'set', 'away'), 'NOT_SIGNED_IN', 1)
    assertFailed(await ph(a.dir, 'contact', 'add', '--near', 'someone'), 'NOT_SIGNED_IN', 1)
    assertFailed(await ph(a.dir, 'signin', '--scope', 'everywhere'), 'INVALID_ARGUMENT', 2)
    assert.equal((await phJson<any>(a.dir, 'signin', '--scope', 'internet')).scope, 'internet')
    assert.equal((await phJson<any>(b.dir, 'signin')).scope, 'all')

    const me = await phJson<any>(a.dir, 'me', 'set', '--nickname', 'ada', '--email', 'ada@example.org')
    assert.deepEqual([me.nickname, me.email], ['ada', 'ada@example.org'])

    // cards: text to a file, JSON form, parse without storing, add from @FILE
    const cardFile = join(work, 'ada.card')
    assert.equal((await ph(a.dir, 'contact', 'export', '--out', cardFile)).code, 0)
    const cardText = (await readFile(cardFile, 'utf8')).trim()
    assert.match(cardText, /^peerhood1:contact:/)
    const json = await phJson<any>(a.dir, 'contact', 'export')
    // a new card each time (issuedAt), with the same identity and names
    assert.deepEqual([json.format, json.peerId, json.nickname, json.email], ['peerhood-contact-card', a.peerId, 'ada', 'ada@example.org'])
    assert.match(json.card, /^peerhood1:contact:/)
    assert.equal((await phJson<any>(b.dir, 'contact', 'parse', '@' + cardFile)).peerId, a.peerId)
    const tampered = cardText.slice(0, -6) + (cardText.endsWith('AAAAAA') ? 'BBBBBB' : 'AAAAAA')
    assertFailed(await ph(b.dir, 'contact', 'add', tampered), 'INVALID_CONTACT', 1)
    assert.deepEqual(await phJson<any[]>(b.dir, 'contact', 'list'), [])
    const added = await phJson<any>(b.dir, 'contact', 'add', '@' + cardFile)
    assert.deepEqual([added.peerId, added.trusted, added.watch, added.watcherPermission], [a.peerId, true, false, 'blocked'])
    const bCard = (await ph(b.dir, 'contact', 'export')).stdout.trim()
    assert.equal((await phJson<any>(a.dir, 'contact', 'add', bCard)).peerId, b.peerId)

    // not allowed yet: refused and nothing learnt
    assertFailed(await ph(b.dir, 'endpoint', 'subscribe', a.peerId), 'NOT_AUTHORIZED', 1)

    await phJson<any>(a.dir, 'contact', 'update', b.peerId, '--allow-watching')
    assert.equal((await phJson<any>(a.dir, 'presence', 'set', 'busy', '--text', 'in a meeting')).status, 'busy')
    await phJson<any>(a.dir, 'object', 'set', 'org.example.status', '--text', 'hello')
    assertFailed(await ph(a.dir, 'object', 'set', 'org.example.big', '--text', 'x'.repeat(16 * 1024 + 1)), 'OBJECT_TOO_LARGE', 1)
    await phJson<any>(a.dir, 'app', 'register', 'org.example.chat', '--description', 'Chat', '--launch', '/usr/bin/chat', '--arg=--room', '--arg', 'x')
    assert.deepEqual((await phJson<any[]>(a.dir, 'app', 'list')).map(x => [x.id, x.launch, x.args]), [['org.example.chat', '/usr/bin/chat', ['--room', 'x']]])

    const watched = await phJson<any>(b.dir, 'contact', 'update', a.peerId, '--watch')
    assert.equal(watched.watch, true)
    await pWaitFor(async () => (await ph(b.dir, 'presence', a.peerId)).stdout.includes('busy'), { timeout: 20_000, interval: 300 })
    assert.deepEqual((await phJson<any[]>(b.dir, 'object', 'list', a.peerId)).map(o => [o.id, o.dataText]), [['org.example.status', 'hello']])
    const apps = await phJson<any[]>(b.dir, 'app', 'list', a.peerId)
    assert.deepEqual(apps.map(x => [x.id, x.description, x.launch]), [['org.example.chat', 'Chat', undefined]])
    const endpoints = await phJson<any[]>(b.dir, 'endpoint', 'list', a.peerId)
    assert.deepEqual(endpoints.map(e => [e.peerId, e.subscribed]), [[a.peerId, true]])

    // sign-in persists across a restart
    a.proc.child.kill('SIGINT')
    await a.proc.exited
    const again = await world.startNode(a.dir)
    assert.equal((await phJson<any>(again.dir, 'signin', '--status')).scope, 'internet')
    assert.deepEqual((await phJson<any[]>(again.dir, 'contact', 'list')).map(c => [c.peerId, c.watcherPermission]), [[b.peerId, 'allowed']])

    // revoking an endpoint of my identity: kept and listed; this node itself cannot be revoked
    const laptop = peerIdFromPrivateKey(await generateKeyPair('Ed25519')).toString()
    const revoked = await phJson<EndpointRevocationInfo>(again.dir, 'endpoint', 'revoke', laptop, '--reason', 'stolen')
    assert.deepEqual([revoked.identity, revoked.endpoint, revoked.reason], [a.peerId, laptop, 'stolen'])
    assert.deepEqual((await phJson<EndpointRevocationInfo[]>(again.dir, 'endpoint', 'revocations')).map(r => r.endpoint), [laptop])
    assert.deepEqual(await phJson<EndpointRevocationInfo[]>(again.dir, 'endpoint', 'revocations', b.peerId), [])
    assert.equal((await ph(again.dir, 'endpoint', 'revoke', a.peerId)).stderr.split(':')[0], 'INVALID_ARGUMENT')
    await phJson<any>(b.dir, 'contact', 'delete', a.peerId)
    assertFailed(await ph(b.dir, 'contact', 'get', a.peerId), 'NOT_FOUND', 1)
  })
})
