import assert from 'node:assert/strict'
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { readPasswordFromFile } from '../../../node/identity/index.ts'
import { tempDir } from '../../helpers/temp-dir.ts'
import { rejectsWithCode } from '../data-dir/helpers.ts'

describe('node/identity readPasswordFromFile', () => {
  let tmp: Awaited<ReturnType<typeof tempDir>>
  beforeEach(async () => { tmp = await tempDir() })
  afterEach(async () => { await tmp.remove() })

  it('returns the first line without its line ending', async () => {
    const file = join(tmp.path, 'pw')
    for (const [content, expected] of [['secret\n', 'secret'], ['secret', 'secret'], ['pass word \r\nsecond\n', 'pass word '], ['\uFEFFbom\n', 'bom']]) {
      await writeFile(file, content!)
      assert.equal(await readPasswordFromFile(file), expected)
    }
  })

  it('refuses a missing file and an empty first line', async () => {
    await rejectsWithCode(readPasswordFromFile(join(tmp.path, 'none')), 'NOT_FOUND')
    const file = join(tmp.path, 'empty')
    await writeFile(file, '\nsecond\n')
    await rejectsWithCode(readPasswordFromFile(file), 'INVALID_ARGUMENT')
  })
})
