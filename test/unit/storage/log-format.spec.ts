import assert from 'node:assert/strict'
import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { LevelDatastore } from 'datastore-level'
import { Key } from 'interface-datastore'
import { crc32c } from '../../../node/storage/crc32c.ts'
import { readLog } from '../../../node/storage/log-format.ts'
import { tempDir } from '../../helpers/temp-dir.ts'

describe('node/storage: LevelDB log format', () => {
  let tmp: Awaited<ReturnType<typeof tempDir>>
  let log: Uint8Array
  before(async () => {
    tmp = await tempDir()
    const db = new LevelDatastore(tmp.path)
    await db.open()
    for (let i = 0; i < 20; i++) await db.put(new Key(`/k/${i}`), new Uint8Array(3000).fill(i))
    const name = (await readdir(tmp.path)).find(n => n.endsWith('.log'))!
    log = new Uint8Array(await readFile(join(tmp.path, name)))
    await db.close()
  })
  after(async () => { await tmp.remove() })

  it('computes CRC-32C (Castagnoli)', () => {
    assert.equal(crc32c(new TextEncoder().encode('123456789')), 0xe3069283)
  })

  it('reads every batch LevelDB logged, records spanning blocks included', () => {
    const read = readLog(log)
    assert.equal(read.damage, undefined)
    assert.equal(read.records.length, 20)
  })

  it('takes a cut-off or torn last record for an interrupted write, and a damaged earlier one for damage', () => {
    assert.equal(readLog(log.subarray(0, log.length - 10)).damage, undefined)
    assert.equal(readLog(log.subarray(0, log.length - 10)).records.length, 19)
    const torn = Uint8Array.from(log)
    torn.fill(0, torn.length - 100)
    assert.equal(readLog(torn).damage, undefined)
    const damaged = Uint8Array.from(log)
    damaged[200] = damaged[200]! ^ 1
    assert.equal(readLog(damaged).damage?.reason, 'checksum mismatch')
  })
})
