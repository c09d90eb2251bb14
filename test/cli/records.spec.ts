import assert from 'node:assert/strict'
import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import pWaitFor from 'p-wait-for'
import type { GroupMemberJson, GroupSummaryJson } from '../../node/api/routes-groups.ts'
import type { RecordJson } from '../../node/api/routes-records.ts'
import { admitWithCli, assertFailed, cliWorld, ph, phJson } from '../helpers/cli-groups.ts'
import { runCli, startCli } from '../helpers/cli.ts'

describe('cli: peerhood record', function () {
  this.timeout(180_000)
  const world = cliWorld()

  it('add, get, list, search, update and delete records, with the codes of each failure', async () => {
    const node = await world.startNode()
    const work = await world.newDir()
    const group = await phJson<GroupSummaryJson>(node.dir, 'group', 'create', 'db', '--max-record-size', '4096')
    const G = group.groupId.slice(0, 10)

    const before = Date.now()
    const chat = await phJson<RecordJson>(node.dir, 'record', 'add', G, '--type', 'chat', '--text', 'hello',
      '--attr', 'size:int=5', '--attr', 'when:date=2026-01-01T00:00:00Z', '--attr', 'author=alice', '--expires', '2h')
    assert.equal(chat.dataText, 'hello')
    assert.equal(chat.version, 1)
    assert.ok(chat.expiresMs >= before + 2 * 3_600_000 && chat.expiresMs <= Date.now() + 2 * 3_600_000)
    assert.deepEqual(chat.attributes, [
      { name: 'size', type: 'int', value: 5 },
      { name: 'when', type: 'date', value: '2026-01-01T00:00:00.000Z' },
      { name: 'author', type: 'string', value: 'alice' }
    ])
    const bytes = Buffer.from([0, 1, 2, 0xfe, 0xff])
    const binFile = join(work, 'payload.bin')
    await writeFile(binFile, bytes)
    const blob = await phJson<RecordJson>(node.dir, 'record', 'add', G, '--type', 'blob', '--file', binFile, '--expires', '2099-01-01T00:00:00Z')
    assert.equal(blob.size, 5)
    assert.equal(blob.dataText, undefined)
    assert.equal(blob.expires, '2099-01-01T00:00:00.000Z')
    assert.equal((await ph(node.dir, 'record', 'add', G, '--type', 'chat', '--text', 'human')).code, 0)

    // usage errors exit 2 before anything is sent
    assertFailed(await ph(node.dir, 'record', 'add', G, '--text', 'no type'), 'INVALID_ARGUMENT', 2)
    assertFailed(await ph(node.dir, 'record', 'add', G, '--type', 'chat', '--text', 'x', '--file', binFile), 'INVALID_ARGUMENT', 2)
    assertFailed(await ph(node.dir, 'record', 'add', G, '--type', 'chat', '--attr', 'size:float=1'), 'INVALID_ARGUMENT', 2)
    assertFailed(await ph(node.dir, 'record', 'add', G, '--type', 'chat', '--expires', 'soon'), 'INVALID_ARGUMENT', 2)
    assertFailed(await ph(node.dir, 'record', 'add', G, '--type', 'chat', '--file', join(work, 'missing')), 'INVALID_ARGUMENT', 2)
    // the node's refusals exit 1
    assertFailed(await ph(node.dir, 'record', 'add', G, '--type', 'chat', '--attr', 'peercreatorid=me'), 'INVALID_ATTRIBUTES', 1)
    assertFailed(await ph(node.dir, 'record', 'add', G, '--type', 'chat', '--text', 'x'.repeat(8192)), 'MAX_RECORD_SIZE_EXCEEDED', 1)
    assertFailed(await ph(node.dir, 'record', 'add', G, '--type', 'peerhood.mine'), 'NOT_AUTHORIZED', 1)
    assertFailed(await ph(node.dir, 'record', 'add', 'nosuchgroup', '--type', 'chat'), 'INVALID_GROUP', 1)

    const got = await phJson<RecordJson & { out?: string }>(node.dir, 'record', 'get', G, chat.id)
    assert.deepEqual(got.attributes, chat.attributes)
    assert.equal((await ph(node.dir, 'record', 'get', G, chat.id)).code, 0)
    const out = join(work, 'out.bin')
    assert.equal((await phJson<RecordJson & { out?: string }>(node.dir, 'record', 'get', G, blob.id, '--out', out)).out, out)
    assert.deepEqual(await readFile(out), bytes)
    assertFailed(await ph(node.dir, 'record', 'get', G, blob.id, '--out', out), 'ALREADY_EXISTS', 1)

    assert.equal((await phJson<RecordJson[]>(node.dir, 'record', 'list', G)).length, 3)
    assert.deepEqual((await phJson<RecordJson[]>(node.dir, 'record', 'list', G, '--type', 'blob')).map(r => r.id), [blob.id])
    assert.equal((await ph(node.dir, 'record', 'list', G)).code, 0)

    const byJson = await phJson<RecordJson[]>(node.dir, 'record', 'search', G, '{"and":[{"attr":"size","type":"int","compare":"greater","value":3},{"attr":"author","type":"string","value":"al*"}]}')
    assert.deepEqual(byJson.map(r => r.id), [chat.id])
    const xmlFile = join(work, 'query.xml')
    await writeFile(xmlFile, '<peersearch>\n  <clause attrib="peerrecordtype" type="string">bl?b</clause>\n</peersearch>\n')
    assert.deepEqual((await phJson<RecordJson[]>(node.dir, 'record', 'search', G, '@' + xmlFile)).map(r => r.id), [blob.id])
    const byDate = await phJson<RecordJson[]>(node.dir, 'record', 'search', G, '<peersearch><clause attrib="when" type="date" compare="less">2027-01-01</clause></peersearch>')
    assert.deepEqual(byDate.map(r => r.id), [chat.id])
    assertFailed(await ph(node.dir, 'record', 'search', G, '<peersearch><and></and></peersearch>'), 'INVALID_SEARCH', 1)
    assertFailed(await ph(node.dir, 'record', 'search', G, 'neither json nor xml'), 'INVALID_SEARCH', 1)
    assertFailed(await ph(node.dir, 'record', 'search', G, '@' + join(work, 'missing.xml')), 'INVALID_ARGUMENT', 2)

    const updated = await phJson<RecordJson>(node.dir, 'record', 'update', G, chat.id, '--text', 'bye', '--attr', 'size:int=7', '--expires', '3h')
    assert.equal(updated.version, 2)
    assert.equal(updated.dataText, 'bye')
    assert.deepEqual(updated.attributes, [{ name: 'size', type: 'int', value: 7 }])
    assert.ok(updated.expiresMs > chat.expiresMs)

    assert.deepEqual(await phJson<{ groupId: string, id: string, deleted: boolean }>(node.dir, 'record', 'delete', G, chat.id), { groupId: group.groupId, id: chat.id, deleted: true })
    assertFailed(await ph(node.dir, 'record', 'get', G, chat.id), 'RECORD_NOT_FOUND', 1)
    assertFailed(await ph(node.dir, 'record', 'delete', G, chat.id), 'RECORD_NOT_FOUND', 1)
    assertFailed(await ph(node.dir, 'record', 'update', G, '00000000000000000000000000000000', '--text', 'x'), 'RECORD_NOT_FOUND', 1)
    assert.equal((await phJson<RecordJson[]>(node.dir, 'record', 'list', G)).length, 2)
  })

  it('a member admitted on another node waits for its first sync, then sees the records; it may not change others\' records', async () => {
    const work = await world.newDir()
    const a = await world.startNode()
    const b = await world.startNode()
    const group = await phJson<GroupSummaryJson>(a.dir, 'group', 'create', 'shared')
    const G = group.groupId
    const early = await phJson<RecordJson>(a.dir, 'record', 'add', G, '--type', 'chat', '--text', 'before b joined')

    const imported = await admitWithCli(a, b, G, work)
    assert.deepEqual(imported.roles, ['member'])
    assert.equal(imported.status.synchronized, false)
    assertFailed(await ph(b.dir, 'record', 'add', G, '--type', 'chat'), 'GROUP_NOT_READY', 1)

    // `group status --wait` runs until the first sync
    const subscribers = (await phJson<{ eventSubscribers: number }>(b.dir, 'status')).eventSubscribers
    const waiting = world.track(startCli(['group', 'status', G, '--wait', '--json', '--data', b.dir]))
    await pWaitFor(async () => (await phJson<{ eventSubscribers: number }>(b.dir, 'status')).eventSubscribers > subscribers, { interval: 100, timeout: 10_000 })
    assert.equal(waiting.child.exitCode, null)
    assert.equal((await runCli(['connect', a.address, '--data', b.dir])).code, 0)
    const done = await waiting.exited
    assert.equal(done.code, 0, done.stderr)
    assert.equal(JSON.parse(done.stdout).synchronized, true)

    const got = await phJson<RecordJson & { out?: string }>(b.dir, 'record', 'get', G, early.id)
    assert.equal(got.dataText, 'before b joined')
    const late = await phJson<RecordJson>(a.dir, 'record', 'add', G, '--type', 'chat', '--text', 'after')
    await pWaitFor(async () => {
      const res = await runCli(['record', 'list', G, '--data', b.dir, '--json'])
      return res.code === 0 && (JSON.parse(res.stdout) as RecordJson[]).some(r => r.id === late.id)
    }, { interval: 100, timeout: 20_000 })

    const present = await phJson<GroupMemberJson[]>(b.dir, 'group', 'members', G, '--present')
    assert.equal(present[0]!.peerId, b.peerId)
    assert.ok(present.some(m => m.peerId === a.peerId && m.connected))

    assertFailed(await ph(b.dir, 'record', 'update', G, late.id, '--text', 'mine now'), 'NOT_AUTHORIZED', 1)
    assertFailed(await ph(b.dir, 'record', 'delete', G, late.id), 'NOT_AUTHORIZED', 1)
    const own = await phJson<RecordJson>(b.dir, 'record', 'add', G, '--type', 'chat', '--text', 'from b')
    await pWaitFor(async () => {
      const res = await runCli(['record', 'search', G, `{"attr":"peerrecordid","type":"string","value":"${own.id}"}`, '--data', a.dir, '--json'])
      return res.code === 0 && JSON.parse(res.stdout).length === 1
    }, { interval: 100, timeout: 20_000 })
  })

  it('record import adds an NDJSON file through the batch endpoint; a refused record stores nothing of its batch', async () => {
    const node = await world.startNode()
    const work = await world.newDir()
    const group = await phJson<GroupSummaryJson>(node.dir, 'group', 'create', 'bulk', '--max-record-size', '4096')
    const G = group.groupId.slice(0, 10)
    const data = Buffer.alloc(64, 3).toString('base64')
    const lines = Array.from({ length: 1200 }, (_, i) => JSON.stringify({ type: 'bulk.item', data, attributes: [{ name: 'n', type: 'int', value: i }] }))
    const file = join(work, 'records.ndjson')
    await writeFile(file, lines.join('\n') + '\n\n')
    const done = await phJson<{ imported: number, recordsPerSecond: number }>(node.dir, 'record', 'import', G, file)
    assert.equal(done.imported, 1200)
    const found = await phJson<RecordJson[]>(node.dir, 'record', 'search', G, '{"attr":"n","type":"int","value":1199}')
    assert.deepEqual(found.map(r => r.type), ['bulk.item'])
    // a bad line: nothing of its batch is stored, and the error names the file line
    const bad = join(work, 'bad.ndjson')
    await writeFile(bad, [JSON.stringify({ type: 'bulk.bad', data }), JSON.stringify({ type: 'bulk.bad', data: Buffer.alloc(5000).toString('base64') })].join('\n'))
    const failed = await ph(node.dir, 'record', 'import', G, bad)
    assertFailed(failed, 'MAX_RECORD_SIZE_EXCEEDED', 1)
    assert.equal((await phJson<RecordJson[]>(node.dir, 'record', 'list', G, '--type', 'bulk.bad')).length, 0)
    const junk = join(work, 'junk.ndjson')
    await writeFile(junk, '{"type":"ok"}\nnot json\n')
    assertFailed(await ph(node.dir, 'record', 'import', G, junk), 'INVALID_ARGUMENT', 2)
  })
})
