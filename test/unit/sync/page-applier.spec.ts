import assert from 'node:assert/strict'
import { PageApplier } from '../../../protocols/sync/page-applier.ts'
import type { ApplyResult } from '../../../protocols/sync/types.ts'

/** An apply the test settles by hand. */
function applying (): { promise: Promise<ApplyResult>, settle: (accepted: number) => void, fail: (err: Error) => void } {
  const { promise, resolve, reject } = Promise.withResolvers<ApplyResult>()
  return { promise, settle: accepted => { resolve({ accepted, rejected: 0 }) }, fail: reject }
}

describe('sync page applier: pages applied at once, verdicts in page order', () => {
  it('hands on a later page\'s verdicts only after the earlier page\'s, whichever apply ends first', async () => {
    const pages = new PageApplier()
    const seen: number[] = []
    const [a, b] = [applying(), applying()]
    pages.add(a.promise, async r => { seen.push(r.accepted) })
    pages.add(b.promise, async r => { seen.push(r.accepted) })
    b.settle(2)
    await new Promise(resolve => setImmediate(resolve))
    assert.deepEqual(seen, [])
    a.settle(1)
    await pages.drain()
    assert.deepEqual(seen, [1, 2])
    pages.throwIfFailed()
  })

  it('keeps the first failure for the session to throw, and still hands on the pages after it', async () => {
    const pages = new PageApplier()
    const seen: number[] = []
    const [a, b] = [applying(), applying()]
    pages.add(a.promise, async r => { seen.push(r.accepted) })
    pages.add(b.promise, async r => { seen.push(r.accepted) })
    a.fail(new Error('judged out'))
    b.settle(3)
    await pages.drain()
    assert.deepEqual(seen, [3])
    assert.throws(() => { pages.throwIfFailed() }, /judged out/)
  })

  it('makes room only when fewer than two pages are being applied', async () => {
    const pages = new PageApplier()
    const [a, b] = [applying(), applying()]
    pages.add(a.promise, async () => {})
    await pages.room()
    pages.add(b.promise, async () => {})
    let roomy = false
    const room = pages.room().then(() => { roomy = true })
    await new Promise(resolve => setImmediate(resolve))
    assert.equal(roomy, false)
    a.settle(1)
    await room
    b.settle(1)
    await pages.drain()
  })
})
