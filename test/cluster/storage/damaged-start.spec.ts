import assert from 'node:assert/strict'
import { execFileSync, spawn } from 'node:child_process'
import { cp } from 'node:fs/promises'
import { join } from 'node:path'
import { createPeerhood } from '../../../node/peerhood.ts'
import { rejectsWithCode, snapshot } from '../../unit/data-dir/helpers.ts'
import { runCli } from '../../helpers/cli.ts'
import { tempDir } from '../../helpers/temp-dir.ts'
import { DAMAGES, datastoreOf, fillDataDir, QUIET } from './damage.ts'

describe('cluster: a node on a damaged or unusable datastore refuses to start and changes nothing', function () {
  this.timeout(60_000)
  let tmp: Awaited<ReturnType<typeof tempDir>>
  let pristine: string
  let groupId: string
  let n = 0
  before(async () => {
    tmp = await tempDir()
    pristine = join(tmp.path, 'pristine')
    groupId = (await fillDataDir(pristine)).groupId
  })
  after(async () => { await tmp.remove() })

  async function copy (): Promise<string> {
    const dir = join(tmp.path, `copy-${n++}`)
    await cp(pristine, dir, { recursive: true })
    return dir
  }

  for (const damage of DAMAGES) {
    it(`${damage.name}: DATASTORE_CORRUPT naming the file`, async () => {
      const dir = await copy()
      const file = await damage.apply(datastoreOf(dir))
      const before = await snapshot(dir)
      const details = await rejectsWithCode(createPeerhood({ dataDir: dir, config: QUIET, api: false }), 'DATASTORE_CORRUPT')
      assert.equal(details.path, file)
      assert.deepEqual(await snapshot(dir), before)
    })
  }

  it('peerhood start on a damaged store exits 1 with DATASTORE_CORRUPT naming the file', async () => {
    const dir = await copy()
    const file = await DAMAGES[0]!.apply(datastoreOf(dir))
    const before = await snapshot(dir)
    const res = await runCli(['start', '--data', dir, '--no-mdns', '--no-dht', '--listen', '/ip4/127.0.0.1/tcp/0'])
    assert.equal(res.code, 1)
    assert.match(res.stderr, /^DATASTORE_CORRUPT: /m)
    assert.ok(res.stderr.includes(file))
    assert.deepEqual(await snapshot(dir), before)
  })

  it('an intact copy still opens with its group', async () => {
    const node = await createPeerhood({ dataDir: await copy(), config: QUIET, api: false })
    await node.start()
    try {
      assert.deepEqual((await node.groups.list()).map(g => g.groupId), [groupId])
    } finally {
      await node.stop()
    }
  })

  it('a LevelDB lock held by another process: DATASTORE_LOCKED naming LOCK and the pid', async () => {
    const dir = await copy()
    const holder = spawn(process.execPath, ['--input-type=module', '-e', `
      import { LevelDatastore } from 'datastore-level'
      await new LevelDatastore(${JSON.stringify(datastoreOf(dir))}, { createIfMissing: false }).open()
      console.log('open')
      setInterval(() => {}, 1000)
    `], { stdio: ['ignore', 'pipe', 'inherit'], cwd: process.cwd() })
    try {
      await new Promise<void>((resolve, reject) => {
        holder.stdout.on('data', (d: Buffer) => { if (d.toString().includes('open')) resolve() })
        holder.once('exit', code => { reject(new Error(`holder exited with ${code}`)) })
      })
      const before = await snapshot(dir)
      const details = await rejectsWithCode(createPeerhood({ dataDir: dir, config: QUIET, api: false }), 'DATASTORE_LOCKED')
      assert.equal(details.path, join(datastoreOf(dir), 'LOCK'))
      assert.equal(details.pid, holder.pid)
      assert.deepEqual(await snapshot(dir), before)
    } finally {
      holder.kill('SIGKILL')
    }
  })

  it('a read-only data directory: DATA_DIR_READ_ONLY naming it', async function () {
    const dir = await copy()
    if (process.getuid?.() === 0) {
      // root writes through mode bits: a read-only bind mount is what a read-only disk looks like
      try {
        execFileSync('mount', ['--bind', dir, dir])
        execFileSync('mount', ['-o', 'remount,bind,ro', dir])
      } catch {
        this.skip()
      }
    } else {
      execFileSync('chmod', ['-R', 'a-w', dir])
    }
    try {
      const before = await snapshot(dir)
      const details = await rejectsWithCode(createPeerhood({ dataDir: dir, config: QUIET, api: false }), 'DATA_DIR_READ_ONLY')
      assert.ok(String(details.path).startsWith(dir), String(details.path))
      assert.deepEqual(await snapshot(dir), before)
    } finally {
      if (process.getuid?.() === 0) execFileSync('umount', [dir])
      else execFileSync('chmod', ['-R', 'u+w', dir])
    }
  })
})
