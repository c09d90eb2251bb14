import assert from 'node:assert/strict'
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { configLeaves } from '../../../config/leaves.ts'
import { CONFIG_TABLE_START, configTable, configTableMarkdown, extractConfigTable } from '../../../config/table.ts'

/** The repository root: the first folder above this (compiled) file with a package.json. */
function repoRoot (): string {
  let dir = dirname(fileURLToPath(import.meta.url))
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir)
    if (parent === dir) throw new Error('repository root not found')
    dir = parent
  }
  return dir
}

describe('config/table', () => {
  it('has a row with a description for every key', () => {
    const rows = configTable()
    assert.equal(rows.length, configLeaves().length)
    for (const row of rows) {
      assert.ok(row.description.length > 0, `${row.key} has no description`)
      assert.match(row.env, /^PEERHOOD_[A-Z0-9_]+$/)
    }
    const port = rows.find(r => r.key === 'api.port')
    assert.deepEqual([port?.env, port?.default], ['PEERHOOD_API_PORT', 0])
    assert.match(configTableMarkdown(), /^\| Key \| Env \| Type \| Default \| Description \|\n/)
  })

  it('matches docs/configuration.md (regenerate with replaceConfigTable)', () => {
    const doc = readFileSync(join(repoRoot(), 'docs', 'configuration.md'), 'utf8')
    assert.equal(extractConfigTable(doc), configTableMarkdown())
  })

  it('matches README.md when it carries the markers', function () {
    const readme = join(repoRoot(), 'README.md')
    const text = existsSync(readme) ? readFileSync(readme, 'utf8') : ''
    if (!text.includes(CONFIG_TABLE_START)) this.skip()
    assert.equal(extractConfigTable(text), configTableMarkdown())
  })
})
