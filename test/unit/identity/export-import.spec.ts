import assert from 'node:assert/strict'
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { CONFIG_FILE, IDENTITY_CERT_FILE, IDENTITY_KEY_FILE, initDataDir, openDataDir } from '../../../node/data-dir.ts'
import { exportIdentity, IDENTITY_EXPORT_PREFIX, importIdentity } from '../../../node/identity/index.ts'
import { tempDir } from '../../helpers/temp-dir.ts'
import { rejectsWithCode, snapshot } from '../data-dir/helpers.ts'

const PASSWORD = 'correct horse battery staple'

function parts (text: string): { header: Record<string, unknown>, body: string } {
  const [headerText, body] = text.trim().slice(IDENTITY_EXPORT_PREFIX.length).split('.')
  return { header: JSON.parse(Buffer.from(headerText!, 'base64url').toString()), body: body! }
}

/** The export with one header field (or `ciphertext`: the sealed body) changed by `change`. */
function withField (text: string, field: string, change: (value: unknown) => unknown): string {
  const { header, body } = parts(text)
  const newBody = field === 'ciphertext' ? change(body) as string : body
  if (field !== 'ciphertext') header[field] = change(header[field])
  return `${IDENTITY_EXPORT_PREFIX}${Buffer.from(JSON.stringify(header)).toString('base64url')}.${newBody}\n`
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

  it('writes one versioned pasteable line', () => {
    const [line, ...rest] = exported.split('\n')
    assert.ok(line!.startsWith(IDENTITY_EXPORT_PREFIX))
    assert.deepEqual(rest, [''])
    const { header } = parts(exported)
    assert.equal(header.v, 1)
    assert.equal(header.kdf, 'scrypt')
    assert.ok((header.N as number) >= 2 ** 17)
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

  it('accepts CRLF line endings, surrounding blank lines and line-wrapped pasting', async () => {
    assert.deepEqual(await importIdentity(fresh(), `\r\n${exported.replace(/\n/g, '\r\n')}\r\n`, PASSWORD), { peerId })
    const wrapped = exported.trim().replace(/(.{64})/g, '$1\n')
    assert.deepEqual(await importIdentity(fresh(), wrapped, PASSWORD), { peerId })
  })

  it('tells a wrong password (BAD_PASSWORD) and writes nothing', async () => {
    const target = fresh()
    await rejectsWithCode(importIdentity(target, exported, 'wrong password'), 'BAD_PASSWORD')
    assert.deepEqual(await snapshot(target), {})
  })

  it('tells a changed ciphertext, tag or nonce (INVALID_EXPORT) and writes nothing', async () => {
    const target = fresh()
    await rejectsWithCode(importIdentity(target, withField(exported, 'ciphertext', flipBit), PASSWORD), 'INVALID_EXPORT')
    await rejectsWithCode(importIdentity(target, withField(exported, 'ciphertext', v => (v as string).slice(0, -4)), PASSWORD), 'INVALID_EXPORT')
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
    await rejectsWithCode(importIdentity(target, exported.replace(IDENTITY_EXPORT_PREFIX, 'peerhood2:identity:'), PASSWORD), 'INVALID_EXPORT')
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
