import assert from 'node:assert/strict'
import { ProgressBar, formatProgress } from '../../../node/cli/progress.ts'

describe('cli/progress', () => {
  it('draws a bar with percentage and counts, or a count without a total', () => {
    assert.equal(formatProgress(0, 10, 10), '[----------]   0% 0/10 records')
    assert.equal(formatProgress(5, 10, 10), '[#####-----]  50% 5/10 records')
    assert.equal(formatProgress(10, 10, 10), '[##########] 100% 10/10 records')
    assert.equal(formatProgress(12, 10, 10), '[##########] 100% 12/10 records')
    assert.equal(formatProgress(7, undefined), 'syncing: 7 records received')
    assert.equal(formatProgress(7, 0), 'syncing: 7 records received')
  })

  it('redraws in place on a terminal and erases itself', () => {
    const written: string[] = []
    const bar = new ProgressBar({ write: t => { written.push(t) }, isTTY: true, columns: 60 })
    bar.update(1, 4)
    bar.update(4, 4)
    bar.clear()
    bar.clear()
    assert.equal(written.length, 3)
    assert.ok(written.slice(0, 2).every(t => t.startsWith('\r')))
    assert.equal(written[2], '\r\u001b[K')
  })

  it('draws nothing when the sink is not a terminal', () => {
    const written: string[] = []
    const bar = new ProgressBar({ write: t => { written.push(t) } })
    bar.update(1, 4)
    bar.clear()
    assert.deepEqual(written, [])
  })
})
