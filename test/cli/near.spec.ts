/**
 * `peerhood near` and `GET /v1/collab/near` on loopback with mDNS off (the LAN tier has people in
 * the list; this checks the wiring where no namespace can be made): listing needs sign-in to
 * near (`NOT_SIGNED_IN`, as Windows), then the list is empty, an unknown id is `NOT_FOUND`, and a
 * node that cannot see anyone still serves both.
 */
import assert from 'node:assert/strict'
import { ApiClient } from '../../node/api/client.ts'
import { formatNear } from '../../node/cli/commands/near.ts'
import { isPeerhoodError } from '../../protocols/common/errors.ts'
import { runCli, startCli, type CliProcess } from '../helpers/cli.ts'
import { tempDir } from '../helpers/temp-dir.ts'

describe('cli: peerhood near (loopback, mDNS off)', function () {
  this.timeout(180_000)
  let proc: CliProcess | undefined
  let dir: { path: string, remove: () => Promise<void> } | undefined

  after(async () => {
    if (proc !== undefined && proc.child.exitCode === null) { proc.child.kill('SIGINT'); await proc.exited }
    await dir?.remove()
  })

  it('needs sign-in to near (NOT_SIGNED_IN); signed in, lists nobody, as text and JSON; an unknown id is NOT_FOUND', async () => {
    dir = await tempDir()
    proc = startCli(['start', '--data', dir.path, '--json', '--no-mdns', '--listen', '/ip4/127.0.0.1/tcp/0'])
    await proc.waitForJson(d => d.event === 'ready', 60_000)
    // as Windows' PeerCollabEnumPeopleNearMe: listing needs sign-in to near
    const refused = await runCli(['near', '--data', dir.path])
    assert.equal(refused.code, 1)
    assert.match(refused.stderr, /^NOT_SIGNED_IN: /)
    const client = await ApiClient.fromDataDir(dir.path)
    await assert.rejects(client.near(), (err: unknown) => isPeerhoodError(err, 'NOT_SIGNED_IN'))
    await assert.rejects(client.nearPerson('abcdefghijklmnop'), (err: unknown) => isPeerhoodError(err, 'NOT_SIGNED_IN'))
    const signin = await runCli(['signin', '--scope', 'near', '--data', dir.path])
    assert.equal(signin.code, 0, signin.stderr)
    const text = await runCli(['near', '--data', dir.path])
    assert.equal(text.code, 0, text.stderr)
    assert.equal(text.stdout.trim(), 'nobody near')
    const json = await runCli(['near', '--json', '--data', dir.path])
    assert.equal(json.code, 0, json.stderr)
    assert.deepEqual(JSON.parse(json.stdout), [])
    assert.deepEqual(await client.near(), [])
    await assert.rejects(client.nearPerson('abcdefghijklmnop'), (err: unknown) => isPeerhoodError(err, 'NOT_FOUND'))
  })

  it('prints one line a person: id, nickname, endpoint name, trust, PeerId, age', () => {
    const person = { id: 'pmz6xw4qkqz7a2bd', peerId: '12D3KooWA', nickname: 'alice', endpointName: '', addresses: [], lastSeen: '', lastSeenMs: 1000, trusted: false }
    assert.equal(formatNear([person, { ...person, nickname: 'bob', endpointName: 'pc', trusted: true }], 5000),
      'pmz6xw4qkqz7a2bd  alice  -  untrusted  12D3KooWA  4s ago\npmz6xw4qkqz7a2bd  bob  pc  trusted  12D3KooWA  4s ago')
  })
})
