import assert from 'node:assert/strict'
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { GroupSummaryJson } from '../../node/api/routes-groups.ts'
import type { RecordJson } from '../../node/api/routes-records.ts'
import { assertFailed, cliWorld, LOOPBACK, ph, phJson } from '../helpers/cli-groups.ts'
import { cliEnv, runCli } from '../helpers/cli.ts'

describe('cli: usage, config and size errors', function () {
  this.timeout(180_000)
  const world = cliWorld()

  it('usage errors print INVALID_ARGUMENT: and exit 2', async () => {
    assertFailed(await runCli(['status', '--frobnicate']), 'INVALID_ARGUMENT', 2)
    assertFailed(await runCli(['frobnicate']), 'INVALID_ARGUMENT', 2)
    assertFailed(await runCli(['record', 'add', 'G', '--type']), 'INVALID_ARGUMENT', 2)
    assertFailed(await runCli(['connect']), 'INVALID_ARGUMENT', 2)
  })

  it('a bad config file value is reported, naming the file, even when a flag hides it', async () => {
    const dir = await world.newDir()
    const file = join(dir, 'config.json')
    await writeFile(file, JSON.stringify({ listen: 'a string' }))
    const listen = await runCli(['start', '--data', dir, ...LOOPBACK])
    assertFailed(listen, 'INVALID_CONFIG', 2)
    assert.ok(listen.stderr.includes(file), listen.stderr)
    await writeFile(file, JSON.stringify({ mdns: { enabled: 'yes' } }))
    const mdns = await runCli(['start', '--data', dir, ...LOOPBACK])
    assertFailed(mdns, 'INVALID_CONFIG', 2)
    assert.ok(mdns.stderr.includes(file), mdns.stderr)
  })

  it('a bad environment variable or flag is named; a bootstrap address without /p2p/ is refused', async () => {
    const dir = await world.newDir()
    const env = await runCli(['start', '--data', dir, ...LOOPBACK], { env: cliEnv({ PEERHOOD_BOOTSTRAP: '/ip4/127.0.0.1/tcp/1', PEERHOOD_API_PORT: '8' }) })
    assertFailed(env, 'INVALID_CONFIG', 2)
    assert.match(env.stderr, /PEERHOOD_BOOTSTRAP/)
    const flag = await runCli(['start', '--data', dir, ...LOOPBACK, '--bootstrap', '/ip4/127.0.0.1/tcp/1'], { env: cliEnv({ PEERHOOD_API_PORT: 'x' }) })
    assertFailed(flag, 'INVALID_CONFIG', 2)
    assert.match(flag.stderr, /PEERHOOD_API_PORT/)
    const flagOnly = await runCli(['start', '--data', dir, ...LOOPBACK, '--bootstrap', '/ip4/127.0.0.1/tcp/1'])
    assertFailed(flagOnly, 'INVALID_CONFIG', 2)
    assert.match(flagOnly.stderr, /--bootstrap/)
  })

  it('records up to the group limit can be added from a file; larger ones say MAX_RECORD_SIZE_EXCEEDED; an empty name INVALID_FRIENDLY_NAME', async () => {
    const node = await world.startNode()
    const work = await world.newDir()
    assertFailed(await ph(node.dir, 'group', 'create', ''), 'INVALID_FRIENDLY_NAME', 1)
    const group = await phJson<GroupSummaryJson>(node.dir, 'group', 'create', 'big')
    const G = group.groupId
    const fits = join(work, 'fits.bin')
    await writeFile(fits, Buffer.alloc(900 * 1024, 7))
    // its JSON answer is ~6.7 MB: read only after 3 s, as a loaded machine may, it still comes whole
    const res = await runCli(['record', 'add', G, '--type', 'blob', '--file', fits, '--data', node.dir, '--json'], { readAfterMs: 3_000 })
    assert.equal(res.code, 0, res.stderr)
    const added = JSON.parse(res.stdout) as RecordJson
    assert.equal(added.size, 900 * 1024)
    const over = join(work, 'over.bin')
    await writeFile(over, Buffer.alloc(1024 * 1024 + 1, 7))
    assertFailed(await ph(node.dir, 'record', 'add', G, '--type', 'blob', '--file', over), 'MAX_RECORD_SIZE_EXCEEDED', 1)
    const far = join(work, 'far.bin')
    await writeFile(far, Buffer.alloc(3 * 1024 * 1024, 7))
    assertFailed(await ph(node.dir, 'record', 'add', G, '--type', 'blob', '--file', far), 'MAX_RECORD_SIZE_EXCEEDED', 1)
  })
})
