import assert from 'node:assert/strict'
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { CONFIG_FILE, IDENTITY_CERT_FILE, IDENTITY_KEY_FILE, initDataDir, openDataDir } from '../../../node/data-dir.ts'
import { EXPORT_MAGIC, exportIdentity, importIdentity } from '../../../node/identity/index.ts'
import { tempDir } from '../../helpers/temp-dir.ts'
import { rejectsWithCode, snapshot } from '../data-dir/helpers.ts'

const PASSWORD = 'correct horse battery staple'

/** The export with one field of its JSON line changed by `change`. */
function withField (text: string, field: string, change: (value: unknown) => unknown): string {
  const [first, body] = text.trim().split('\n')
  const json = JSON.parse(body!)
  json[field] = change(json[field])
  return `${first}\n${JSON.stringify(json)}\n`
}

/** Flips one bit of a base64url field's bytes. */
function flipBit (value: unknown): string {
  const bytes = Buffer.from(value as string, 'base64url')
  bytes[bytes.length >> 1]! ^= 0x01
  return bytes.toString('base64url')
}

describe('node/identity export and import', () => {
  let tmp: Awaited<ReturnType<typeof tempDir>>
  let source: string
  let exported: string
  let peerId: string
  before(async () => {
    tmp = await tempDir()
    source = join(tmp.path, 'source')
    peerId = (await initDataDir(source, { displayName: 'Erin, exported' })).peerId
    exported = await exportIdentity(source, PASSWORD)
  })
  after(async () => { await tmp.remove() })

  let n = 0
  const fresh = (): string => join(tmp.path, `target-${n++}`)

  it('writes a versioned two-line text file', () => {
    const [first, body, ...rest] = exported.split('\n')
    assert.equal(first, `${EXPORT_MAGIC} v1`)
    assert.deepEqual(rest, [''])
    const json = JSON.parse(body!)
    assert.equal(json.v, 1)
    assert.equal(json.kdf, 'scrypt')
    assert.ok(json.N >= 2 ** 15)
    assert.ok(!exported.includes(Buffer.from('Erin').toString('base64url')))
  })

  it('round-trips into a new directory: same PeerId, certificate and display name', async () => {
    const target = fresh()
    assert.deepEqual(await importIdentity(target, exported, PASSWORD), { peerId })
    const original = await openDataDir(source, { lock: false, create: false })
    const restored = await openDataDir(target, { create: false })
    await restored.release()
    assert.equal(restored.peerId, peerId)
    assert.ok(restored.privateKey.equals(original.privateKey))
    assert.deepEqual(restored.identityCertificate, original.identityCertificate)
    assert.equal(restored.displayName, 'Erin, exported')
    assert.equal(JSON.parse(await readFile(join(target, CONFIG_FILE), 'utf8')).displayName, 'Erin, exported')
    assert.deepEqual(Object.keys(await snapshot(target)).sort(), [CONFIG_FILE, IDENTITY_CERT_FILE, IDENTITY_KEY_FILE].sort())
    assert.ok((await snapshot(target))[IDENTITY_KEY_FILE]!.startsWith('100600 '))
  })

  it('accepts CRLF line endings and surrounding blank lines', async () => {
    assert.deepEqual(await importIdentity(fresh(), `\r\n${exported.replace(/\n/g, '\r\n')}\r\n`, PASSWORD), { peerId })
  })

  it('tells a wrong password (BAD_PASSWORD) and writes nothing', async () => {
    const target = fresh()
    await rejectsWithCode(importIdentity(target, exported, 'wrong password'), 'BAD_PASSWORD')
    assert.deepEqual(await snapshot(target), {})
  })

  it('tells a changed ciphertext, tag or nonce (INVALID_EXPORT) and writes nothing', async () => {
    const target = fresh()
    await rejectsWithCode(importIdentity(target, withField(exported, 'ciphertext', flipBit), PASSWORD), 'INVALID_EXPORT')
    await rejectsWithCode(importIdentity(target, withField(exported, 'tag', flipBit), PASSWORD), 'INVALID_EXPORT')
    await rejectsWithCode(importIdentity(target, withField(exported, 'iv', flipBit), PASSWORD), 'INVALID_EXPORT')
    assert.deepEqual(await snapshot(target), {})
  })

  it('never accepts a changed header', async () => {
    const changes: Array<[string, (v: unknown) => unknown]> = [
      ['iv', flipBit], ['salt', flipBit], ['check', flipBit], ['N', () => 2 ** 16], ['r', () => 9], ['p', () => 2],
      ['v', () => 2], ['kdf', () => 'pbkdf2'], ['salt', v => (v as string).slice(1)], ['iv', () => undefined]
    ]
    const target = fresh()
    for (const [field, change] of changes) {
      try {
        await importIdentity(target, withField(exported, field, change), PASSWORD)
        assert.fail(`a changed ${field} was accepted`)
      } catch (err) {
        assert.ok(['INVALID_EXPORT', 'BAD_PASSWORD'].includes((err as { code?: string }).code ?? ''), `${field}: ${String(err)}`)
      }
    }
    await rejectsWithCode(importIdentity(target, exported.replace('v1', 'v2'), PASSWORD), 'INVALID_EXPORT')
    await rejectsWithCode(importIdentity(target, 'hello', PASSWORD), 'INVALID_EXPORT')
    await rejectsWithCode(importIdentity(target, exported.slice(0, 200), PASSWORD), 'INVALID_EXPORT')
    assert.deepEqual(await snapshot(target), {})
  })

  it('refuses a directory that already has an identity, changing nothing', async () => {
    const target = fresh()
    await initDataDir(target)
    const before = await snapshot(target)
    await rejectsWithCode(importIdentity(target, exported, PASSWORD), 'ALREADY_EXISTS')
    await rejectsWithCode(importIdentity(source, exported, PASSWORD), 'ALREADY_EXISTS')
    assert.deepEqual(await snapshot(target), before)
  })

  it('keeps an existing config.json of an empty data directory', async () => {
    const target = fresh()
    await mkdir(target)
    await writeFile(join(target, CONFIG_FILE), '{"api":{"port":1234}}\n')
    await importIdentity(target, exported, PASSWORD)
    assert.equal(await readFile(join(target, CONFIG_FILE), 'utf8'), '{"api":{"port":1234}}\n')
  })

  it('refuses an empty password (INVALID_ARGUMENT) and an uninitialised source', async () => {
    await rejectsWithCode(exportIdentity(source, ''), 'INVALID_ARGUMENT')
    const target = fresh()
    await rejectsWithCode(importIdentity(target, exported, ''), 'INVALID_ARGUMENT')
    assert.deepEqual(await snapshot(target), {})
    await rejectsWithCode(exportIdentity(fresh(), PASSWORD), 'DATA_DIR_NOT_INITIALIZED')
  })
})
