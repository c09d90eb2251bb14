import assert from 'node:assert/strict'
import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { LOCK_FILE, openDataDir } from '../../../node/data-dir.ts'
import { tempDir } from '../../helpers/temp-dir.ts'
import { deadPid, rejectsWithCode, snapshot } from './helpers.ts'

describe('node/data-dir lock', () => {
  let tmp: Awaited<ReturnType<typeof tempDir>>
  let dir: string
  beforeEach(async () => { tmp = await tempDir(); dir = join(tmp.path, 'data') })
  afterEach(async () => { await tmp.remove() })

  it('writes { pid, startedAt } and refuses a second opener while held', async () => {
    const first = await openDataDir(dir)
    const lock = JSON.parse(await readFile(join(dir, LOCK_FILE), 'utf8'))
    assert.equal(lock.pid, process.pid)
    assert.ok(!Number.isNaN(Date.parse(lock.startedAt)))
    const details = await rejectsWithCode(openDataDir(dir), 'DATA_DIR_LOCKED')
    assert.deepEqual([details.path, details.pid], [join(dir, LOCK_FILE), process.pid])
    await first.release()
    await first.release()
    assert.equal((await snapshot(dir))[LOCK_FILE], undefined)
    const second = await openDataDir(dir)
    assert.equal(second.peerId, first.peerId)
    await second.release()
  })

  it('takes over a stale lock whose process is gone', async () => {
    await (await openDataDir(dir)).release()
    await writeFile(join(dir, LOCK_FILE), JSON.stringify({ pid: await deadPid(), startedAt: new Date(0).toISOString() }))
    const opened = await openDataDir(dir)
    assert.equal(JSON.parse(await readFile(join(dir, LOCK_FILE), 'utf8')).pid, process.pid)
    await opened.release()
  })

  it('takes over an unreadable lock file', async () => {
    await (await openDataDir(dir)).release()
    await writeFile(join(dir, LOCK_FILE), 'garbage')
    await (await openDataDir(dir)).release()
  })

  it('releases only its own lock', async () => {
    const opened = await openDataDir(dir)
    const other = JSON.stringify({ pid: process.pid, startedAt: new Date(0).toISOString() })
    await writeFile(join(dir, LOCK_FILE), other)
    await opened.release()
    assert.equal(await readFile(join(dir, LOCK_FILE), 'utf8'), other)
  })

  it('takes no lock with lock: false', async () => {
    const held = await openDataDir(dir)
    const reader = await openDataDir(dir, { lock: false, create: false })
    assert.equal(reader.peerId, held.peerId)
    await reader.release()
    assert.equal(JSON.parse(await readFile(join(dir, LOCK_FILE), 'utf8')).pid, process.pid)
    await held.release()
  })
})
