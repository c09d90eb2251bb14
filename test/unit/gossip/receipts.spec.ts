import assert from 'node:assert/strict'
import { installReceipts } from '../../../protocols/group-gossip/receipts.ts'

/** The parts of gossipsub the receipts wrap: its message cache and its verdict report. */
function fakeGossipsub (cached: string[]) {
  const forwarded: string[] = []
  const ps = {
    mcache: { msgs: new Map(cached.map(id => [id, {}])) },
    reportMessageValidationResult (msgId: string, _source: string, acceptance: string) {
      if (acceptance === 'accept' && this.mcache.msgs.delete(msgId)) forwarded.push(msgId)
    },
    async validateReceivedMessage () { return { code: 'valid' } }
  }
  return { ps, forwarded }
}

describe('gossip receipts: what gossipsub made of a message', () => {
  it('counts an accept that came after gossipsub dropped the message from its cache, and says so', () => {
    const { ps, forwarded } = fakeGossipsub(['fresh'])
    const receipts = installReceipts(ps)
    const report = ps.reportMessageValidationResult as unknown as (id: string, source: string, acceptance: string) => boolean
    assert.equal(report.call(ps, 'fresh', 'p', 'accept'), true)
    assert.equal(report.call(ps, 'gone', 'p', 'accept'), false)
    // a message refused or ignored was never going to be forwarded: not a loss
    assert.equal(report.call(ps, 'gone', 'p', 'ignore'), true)
    assert.equal(report.call(ps, 'gone', 'p', 'reject'), true)
    assert.deepEqual(forwarded, ['fresh'])
    assert.equal(receipts.late, 1)
  })

  it('still counts what gossipsub received', async () => {
    const { ps } = fakeGossipsub([])
    const receipts = installReceipts(ps)
    await ps.validateReceivedMessage()
    assert.equal(receipts.valid, 1)
  })
})
