import assert from 'node:assert/strict'
import { chmod, readFile, readdir, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { TOKEN_FILE } from '../../../node/api/constants.ts'
import { generateToken, isAuthorized, loadOrCreateToken } from '../../../node/api/token.ts'
import { tempDir } from '../../helpers/temp-dir.ts'

describe('api/token', () => {
  let dir: { path: string, remove: () => Promise<void> }
  beforeEach(async () => { dir = await tempDir() })
  afterEach(async () => { await dir.remove() })

  it('generates 32 random bytes as base64url', () => {
    const token = generateToken()
    assert.match(token, /^[A-Za-z0-9_-]{43}$/)
    assert.equal(Buffer.from(token, 'base64url').length, 32)
    assert.notEqual(token, generateToken())
  })

  it('creates the token file with mode 0600 and reuses it', async () => {
    const token = await loadOrCreateToken(dir.path)
    const file = join(dir.path, TOKEN_FILE)
    assert.equal((await stat(file)).mode & 0o777, 0o600)
    assert.equal((await readFile(file, 'utf8')).trim(), token)
    assert.equal(await loadOrCreateToken(dir.path), token)
    assert.deepEqual(await readdir(dir.path), [TOKEN_FILE])
  })

  it('gives concurrent creators the same token', async () => {
    const tokens = await Promise.all(Array.from({ length: 8 }, async () => await loadOrCreateToken(dir.path)))
    assert.equal(new Set(tokens).size, 1)
    assert.deepEqual(await readdir(dir.path), [TOKEN_FILE])
  })

  it('replaces an empty file and tightens a loose mode', async () => {
    const file = join(dir.path, TOKEN_FILE)
    await writeFile(file, '\n')
    const token = await loadOrCreateToken(dir.path)
    assert.match(token, /^[A-Za-z0-9_-]{43}$/)
    await chmod(file, 0o644)
    assert.equal(await loadOrCreateToken(dir.path), token)
    assert.equal((await stat(file)).mode & 0o777, 0o600)
  })

  it('creates a missing data directory', async () => {
    const token = await loadOrCreateToken(join(dir.path, 'a', 'b'))
    assert.equal(await loadOrCreateToken(join(dir.path, 'a', 'b')), token)
  })

  it('accepts only "Bearer <token>"', () => {
    const token = generateToken()
    assert.ok(isAuthorized(`Bearer ${token}`, token))
    assert.ok(isAuthorized(`bearer ${token}`, token))
    assert.ok(!isAuthorized(undefined, token))
    assert.ok(!isAuthorized(token, token))
    assert.ok(!isAuthorized(`Bearer ${token}x`, token))
    assert.ok(!isAuthorized('Bearer ', token))
    assert.ok(!isAuthorized(`Basic ${token}`, token))
  })
})
