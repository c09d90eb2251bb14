import assert from 'node:assert/strict'
import { X509Certificate } from 'node:crypto'
import { chmod, readFile, stat, unlink, writeFile } from 'node:fs/promises'
import { homedir } from 'node:os'
import { join } from 'node:path'
import { generateKeyPair } from '@libp2p/crypto/keys'
import { configSchema } from '../../config/schema.ts'
import { CONFIG_FILE, IDENTITY_CERT_FILE, IDENTITY_KEY_FILE, initDataDir, openDataDir, resolveDataDir } from '../../node/data-dir.ts'
import { readIdentityCertificate } from '../../protocols/certificates/identity-certificate.ts'
import { tempDir } from '../helpers/temp-dir.ts'
import { rejectsWithCode, snapshot } from './data-dir/helpers.ts'

const mode = async (path: string): Promise<number> => (await stat(path)).mode & 0o777

describe('node/data-dir', () => {
  let tmp: Awaited<ReturnType<typeof tempDir>>
  let dir: string
  beforeEach(async () => { tmp = await tempDir(); dir = join(tmp.path, 'data') })
  afterEach(async () => { await tmp.remove() })

  it('resolves --data, then PEERHOOD_DATA, then ~/.peerhood, absolute', () => {
    assert.equal(resolveDataDir({ flag: 'rel/dir', env: { PEERHOOD_DATA: '/env' } }), join(process.cwd(), 'rel/dir'))
    assert.equal(resolveDataDir({ env: { PEERHOOD_DATA: '/env/dir' } }), '/env/dir')
    assert.equal(resolveDataDir({ env: {} }), join(homedir(), '.peerhood'))
    assert.equal(resolveDataDir({ flag: '~/x', env: {} }), join(homedir(), 'x'))
  })

  it('initialises the folder (0700), the key (0600), the certificate and config.json with every default', async () => {
    const result = await initDataDir(dir, { displayName: 'Alice' })
    assert.equal(result.created, true)
    assert.equal(await mode(dir), 0o700)
    assert.equal(await mode(join(dir, IDENTITY_KEY_FILE)), 0o600)
    const pem = await readFile(join(dir, IDENTITY_CERT_FILE), 'utf8')
    assert.match(pem, /^-----BEGIN CERTIFICATE-----\n/)
    const cert = readIdentityCertificate(new Uint8Array(new X509Certificate(pem).raw))
    assert.equal(cert.peerId, result.peerId)
    const config = JSON.parse(await readFile(join(dir, CONFIG_FILE), 'utf8'))
    assert.deepEqual(config, configSchema.parse({ displayName: 'Alice' }))
  })

  it('is idempotent and keeps an existing config.json', async () => {
    const first = await initDataDir(dir, { config: { api: { port: 4000 } } })
    const before = await snapshot(dir)
    const second = await initDataDir(dir, { displayName: 'Other', config: { api: { port: 5000 } } })
    assert.deepEqual(second, { created: false, peerId: first.peerId })
    assert.deepEqual(await snapshot(dir), before)
    assert.equal(JSON.parse(await readFile(join(dir, CONFIG_FILE), 'utf8')).api.port, 4000)
  })

  it('stores a given key and refuses to replace it with another', async () => {
    const key = await generateKeyPair('Ed25519')
    const { peerId } = await initDataDir(dir, { privateKey: key })
    const opened = await openDataDir(dir, { lock: false })
    assert.equal(opened.peerId, peerId)
    assert.ok(opened.privateKey.equals(key))
    await rejectsWithCode(initDataDir(dir, { privateKey: await generateKeyPair('Ed25519') }), 'ALREADY_EXISTS')
  })

  it('refuses an unwritable place with DATA_DIR_UNWRITABLE naming the path', async () => {
    const file = join(tmp.path, 'a-file')
    await writeFile(file, 'x')
    const details = await rejectsWithCode(initDataDir(join(file, 'sub')), 'DATA_DIR_UNWRITABLE')
    assert.equal(details.path, join(file, 'sub'))
    await rejectsWithCode(openDataDir(join(file, 'sub')), 'DATA_DIR_UNWRITABLE')
  })

  it('reopens with the same PeerId, certificate and display name', async () => {
    const first = await openDataDir(dir, { displayName: 'Bob, the builder' })
    await first.release()
    const second = await openDataDir(dir)
    await second.release()
    assert.equal(second.peerId, first.peerId)
    assert.deepEqual(second.identityCertificate, first.identityCertificate)
    assert.equal(second.displayName, 'Bob, the builder')
    assert.equal(second.configFile, join(dir, CONFIG_FILE))
    assert.equal(readIdentityCertificate(second.identityCertificate).peerId, second.peerId)
  })

  it('refuses an uninitialised directory without create', async () => {
    assert.equal((await rejectsWithCode(openDataDir(dir, { create: false }), 'DATA_DIR_NOT_INITIALIZED')).path, dir)
    assert.deepEqual(await snapshot(dir), {})
  })

  it('tightens a key file readable by others instead of failing', async () => {
    await initDataDir(dir)
    await chmod(join(dir, IDENTITY_KEY_FILE), 0o644)
    const opened = await openDataDir(dir, { lock: false, create: false })
    assert.ok(opened.peerId.length > 0)
    assert.equal(await mode(join(dir, IDENTITY_KEY_FILE)), 0o600)
  })

  it('refuses a corrupt key file with INVALID_IDENTITY', async () => {
    await initDataDir(dir)
    await writeFile(join(dir, IDENTITY_KEY_FILE), 'not a key', { mode: 0o600 })
    await rejectsWithCode(openDataDir(dir, { lock: false }), 'INVALID_IDENTITY')
  })

  it('re-issues a missing certificate, and one with another display name (a foreign one is refused)', async () => {
    const { peerId } = await initDataDir(dir, { displayName: 'Carol' })
    await unlink(join(dir, IDENTITY_CERT_FILE))
    const reopened = await openDataDir(dir, { lock: false, create: false })
    assert.equal(reopened.displayName, 'Carol')
    assert.equal(readIdentityCertificate(reopened.identityCertificate).peerId, peerId)
    assert.equal((await openDataDir(dir, { lock: false, displayName: 'Dave' })).displayName, 'Dave')
    assert.equal(readIdentityCertificate((await openDataDir(dir, { lock: false })).identityCertificate).peerId, peerId)
    const other = join(tmp.path, 'other')
    await initDataDir(other)
    await writeFile(join(dir, IDENTITY_CERT_FILE), await readFile(join(other, IDENTITY_CERT_FILE)))
    await rejectsWithCode(openDataDir(dir, { lock: false }), 'INVALID_IDENTITY')
  })

  it('follows a display name edited in config.json', async () => {
    await initDataDir(dir, { displayName: 'Frank' })
    const config = JSON.parse(await readFile(join(dir, CONFIG_FILE), 'utf8'))
    await writeFile(join(dir, CONFIG_FILE), JSON.stringify({ ...config, displayName: 'Grace' }))
    const opened = await openDataDir(dir, { lock: false })
    assert.equal(opened.displayName, 'Grace')
    const pem = await readFile(join(dir, IDENTITY_CERT_FILE))
    assert.equal(readIdentityCertificate(new Uint8Array(new X509Certificate(pem).raw)).displayName, 'Grace')
    await writeFile(join(dir, CONFIG_FILE), '{ broken')
    assert.equal((await openDataDir(dir, { lock: false, create: false })).displayName, 'Grace')
  })
})
