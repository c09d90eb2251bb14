import assert from 'node:assert/strict'
import { chmod, readFile, unlink, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { IDENTITY_CERT_FILE, IDENTITY_KEY_FILE, initDataDir, openDataDir } from '../../../node/data-dir.ts'
import { createPeerhood } from '../../../node/peerhood.ts'
import { tempDir } from '../../helpers/temp-dir.ts'
import { rejectsWithCode, snapshot } from './helpers.ts'

/** Where the 64 raw key bytes (seed ‖ public key) start in the protobuf of `identity.key`. */
const RAW_OFFSET = 4

async function flipBit (path: string, offset: number): Promise<void> {
  const bytes = await readFile(path)
  bytes[offset] = bytes[offset]! ^ 0x10
  await writeFile(path, bytes)
}

describe('node/data-dir: a damaged identity is refused and nothing is written', () => {
  let tmp: Awaited<ReturnType<typeof tempDir>>
  let dir: string
  beforeEach(async () => { tmp = await tempDir(); dir = join(tmp.path, 'data') })
  afterEach(async () => { await tmp.remove() })

  for (const [half, offset] of [['public', RAW_OFFSET + 40], ['seed', RAW_OFFSET + 5]] as const) {
    it(`refuses one flipped bit in the ${half} half of identity.key with INVALID_IDENTITY`, async () => {
      await initDataDir(dir)
      await flipBit(join(dir, IDENTITY_KEY_FILE), offset)
      // a loose mode that a healthy start would tighten: a refused start must leave it too
      await chmod(join(dir, IDENTITY_KEY_FILE), 0o644)
      const before = await snapshot(dir)
      assert.equal((await rejectsWithCode(openDataDir(dir), 'INVALID_IDENTITY')).path, join(dir, IDENTITY_KEY_FILE))
      await rejectsWithCode(openDataDir(dir, { create: false, displayName: 'Other' }), 'INVALID_IDENTITY')
      await rejectsWithCode(createPeerhood({ dataDir: dir, config: { mdns: { enabled: false }, dht: { enabled: false }, listen: [] }, api: false }), 'INVALID_IDENTITY')
      await rejectsWithCode(initDataDir(dir), 'INVALID_IDENTITY')
      assert.deepEqual(await snapshot(dir), before)
    })
  }

  it('refuses to make a new key where identity.crt names a lost one', async () => {
    await initDataDir(dir)
    await unlink(join(dir, IDENTITY_KEY_FILE))
    const before = await snapshot(dir)
    assert.equal((await rejectsWithCode(openDataDir(dir), 'INVALID_IDENTITY')).path, join(dir, IDENTITY_KEY_FILE))
    await rejectsWithCode(createPeerhood({ dataDir: dir, config: { mdns: { enabled: false }, dht: { enabled: false }, listen: [] }, api: false }), 'INVALID_IDENTITY')
    assert.deepEqual(await snapshot(dir), before)
  })

  it('refuses a key whose PeerId is not the one identity.crt records, and rewrites neither', async () => {
    await initDataDir(dir)
    const other = join(tmp.path, 'other')
    await initDataDir(other)
    await writeFile(join(dir, IDENTITY_CERT_FILE), await readFile(join(other, IDENTITY_CERT_FILE)))
    const before = await snapshot(dir)
    const details = await rejectsWithCode(openDataDir(dir), 'INVALID_IDENTITY')
    assert.equal(details.path, join(dir, IDENTITY_CERT_FILE))
    await rejectsWithCode(openDataDir(dir, { create: false }), 'INVALID_IDENTITY')
    await writeFile(join(dir, IDENTITY_CERT_FILE), 'not a certificate')
    const damaged = await snapshot(dir)
    await rejectsWithCode(openDataDir(dir), 'INVALID_IDENTITY')
    assert.deepEqual(await snapshot(dir), damaged)
    assert.notDeepEqual(damaged, before)
  })
})
