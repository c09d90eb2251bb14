import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { LevelDatastore } from 'datastore-level'
import { RecordStore } from '../../../protocols/records/store.ts'
import { tempDir } from '../../helpers/temp-dir.ts'
import { WRITER_GROUP } from './writer-group.ts'

const WRITER = join(dirname(fileURLToPath(import.meta.url)), 'writer.js')

/** Starts the writer, SIGKILLs it once `acks` adds have resolved, and returns their ids. */
async function writeThenKill (dir: string, acks: number): Promise<string[]> {
  const child = spawn(process.execPath, [WRITER, dir], { stdio: ['ignore', 'pipe', 'pipe'] })
  const ids: string[] = []
  let partial = ''
  let stderr = ''
  child.stderr.on('data', (d: Buffer) => { stderr += d.toString() })
  const exited = new Promise<NodeJS.Signals | null>(resolve => { child.on('exit', (_code, signal) => { resolve(signal) }) })
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      const lines = (partial + d.toString()).split('\n')
      partial = lines.pop()!
      ids.push(...lines)
      if (ids.length >= acks) {
        child.kill('SIGKILL')
        resolve()
      }
    })
    child.on('exit', () => { reject(new Error(`writer exited early: ${stderr}`)) })
  })
  assert.equal(await exited, 'SIGKILL')
  return ids
}

describe('records store: SIGKILL durability (LevelDB)', () => {
  let dir: { path: string, remove: () => Promise<void> }

  beforeEach(async () => {
    dir = await tempDir('peerhood-records-kill-')
  })

  afterEach(async () => {
    await dir.remove()
  })

  it('keeps every add that had resolved when the writer was killed, and opens cleanly', async () => {
    const acked = await writeThenKill(dir.path, 300)
    const datastore = new LevelDatastore(dir.path)
    await datastore.open()
    try {
      const store = new RecordStore(datastore)
      for (const id of acked) {
        const found = await store.get(WRITER_GROUP, id)
        assert.ok(found !== undefined, `record ${id} was acknowledged but is missing`)
      }
      const count = await store.count(WRITER_GROUP)
      assert.ok(count >= acked.length)
      // the indexes agree with the records: every stored record is listed by type and in the sync hashes
      assert.equal(await store.count(WRITER_GROUP, { type: 'com.example.log' }), count)
      let hashes = 0
      for await (const _ of store.hashes(WRITER_GROUP, { now: 0 })) hashes++
      assert.equal(hashes, count)
    } finally {
      await datastore.close()
    }
  })
})
