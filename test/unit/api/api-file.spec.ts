import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { readdir, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { readApiFile, removeApiFile, writeApiFile } from '../../../node/api/api-file.ts'
import { API_FILE } from '../../../node/api/constants.ts'
import { isPeerhoodError } from '../../../protocols/common/errors.ts'
import { tempDir } from '../../helpers/temp-dir.ts'

describe('api/api-file', () => {
  let dir: { path: string, remove: () => Promise<void> }
  beforeEach(async () => { dir = await tempDir() })
  afterEach(async () => { await dir.remove() })

  it('writes api.json with mode 0600, reads it back and removes it', async () => {
    const info = { url: 'http://127.0.0.1:1234', port: 1234, pid: process.pid }
    await writeApiFile(dir.path, info)
    assert.equal((await stat(join(dir.path, API_FILE))).mode & 0o777, 0o600)
    assert.deepEqual(await readApiFile(dir.path), info)
    assert.deepEqual(await readdir(dir.path), [API_FILE])
    await removeApiFile(dir.path)
    await removeApiFile(dir.path)
    assert.deepEqual(await readdir(dir.path), [])
  })

  it('reports NODE_NOT_RUNNING for a missing or malformed file', async () => {
    await assert.rejects(readApiFile(dir.path), err => isPeerhoodError(err, 'NODE_NOT_RUNNING'))
    await writeFile(join(dir.path, API_FILE), '{"url": 3}')
    await assert.rejects(readApiFile(dir.path), err => isPeerhoodError(err, 'NODE_NOT_RUNNING'))
  })

  it('reports NODE_NOT_RUNNING when the process it names is gone', async () => {
    const child = spawnSync(process.execPath, ['-e', ''])
    assert.equal(child.status, 0)
    await writeFile(join(dir.path, API_FILE), JSON.stringify({ url: 'http://127.0.0.1:1', port: 1, pid: child.pid }))
    await assert.rejects(readApiFile(dir.path), err => isPeerhoodError(err, 'NODE_NOT_RUNNING'))
  })
})
