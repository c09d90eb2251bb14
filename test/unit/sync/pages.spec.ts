import assert from 'node:assert/strict'
import { contentHash } from '../../../protocols/sync/memory-set.ts'
import { FIRST_PAGE_BYTES, recordPages } from '../../../protocols/sync/pages.ts'
import { LIMITS, records, setOf } from './fixtures.ts'

/** Encoded bytes of a page (records and their framing allowance), as the pager counts them. */
const pageBytes = (page: Uint8Array[]): number => page.reduce((sum, r) => sum + r.byteLength + 8, 64)

async function pagesOf (contents: Uint8Array[], limits = LIMITS): Promise<Array<{ records: Uint8Array[], last: boolean }>> {
  const set = setOf(contents)
  const pages = []
  for await (const page of recordPages(set, contents.map(contentHash), limits)) pages.push(page)
  return pages
}

describe('sync pages: sizes grow from a small first page', () => {
  it('sends a first page of at most 64 KiB, doubles each next one up to the page size, and keeps every record in order', async () => {
    const contents = records('ramp', 3000, { size: 1024 })
    const pages = await pagesOf(contents)
    const sizes = pages.map(p => pageBytes(p.records))
    assert.ok(sizes[0]! <= FIRST_PAGE_BYTES, `first page ${sizes[0]} B`)
    for (let i = 1; i < pages.length - 1; i++) {
      const limit = Math.min(FIRST_PAGE_BYTES * 2 ** i, LIMITS.pageBytes)
      assert.ok(sizes[i]! <= limit && sizes[i]! > limit - 1100, `page ${i}: ${sizes[i]} B, limit ${limit}`)
    }
    assert.ok(sizes.some(s => s > LIMITS.pageBytes - 1100), 'reaches the full page size')
    assert.deepEqual(pages.map(p => p.last), pages.map((_, i) => i === pages.length - 1))
    assert.deepEqual(pages.flatMap(p => p.records), contents)
  })

  it('never exceeds a page size smaller than the first page', async () => {
    const limits = { ...LIMITS, pageBytes: 8 * 1024 }
    const pages = await pagesOf(records('small', 200, { size: 1024 }), limits)
    for (const page of pages) assert.ok(pageBytes(page.records) <= limits.pageBytes)
    assert.equal(pages.flatMap(p => p.records).length, 200)
  })
})
