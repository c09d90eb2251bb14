import assert from 'node:assert/strict'
import type { IngressVerdict } from '../../../protocols/records/reasons.ts'
import { SyncRelay, relaysFromSync } from '../../../protocols/peer-groups/membership-records.ts'
import { MEMBERSHIP_RECORD_TYPE, PRESENCE_RECORD_TYPE } from '../../../protocols/peer-groups/constants.ts'

/** A verdict on a record of `type` whose signed bytes (and content hash) are `n`. */
function verdictOf (action: IngressVerdict['action'], type: string, n: number): IngressVerdict {
  const bytes = Uint8Array.of(n, n >> 8)
  return { action, reason: action === 'accept' ? 'ACCEPTED' : 'DUPLICATE', record: { bytes, hash: bytes, record: { type } } } as unknown as IngressVerdict
}

describe('peer groups: relaying new members\' records learnt by sync (issue 9, defect 10)', () => {
  it('relays stored membership and presence records only, each signed version once', () => {
    const sent: Array<[string, number]> = []
    const relay = new SyncRelay((topic, bytes) => { sent.push([topic, bytes[0]!]) })
    assert.equal(relay.pass('t', verdictOf('accept', MEMBERSHIP_RECORD_TYPE, 1)), true)
    assert.equal(relay.pass('t', verdictOf('accept', MEMBERSHIP_RECORD_TYPE, 1)), true)
    assert.equal(relay.pass('t', verdictOf('accept', PRESENCE_RECORD_TYPE, 2)), true)
    assert.equal(relay.pass('t', verdictOf('accept', 'chat', 3)), true)
    assert.equal(relay.pass('t', verdictOf('ignore', MEMBERSHIP_RECORD_TYPE, 4)), false)
    assert.deepEqual(sent, [['t', 1], ['t', 2]])
    assert.equal(relaysFromSync(verdictOf('reject', PRESENCE_RECORD_TYPE, 5)), false)
  })

  it('remembers a bounded number of versions', () => {
    let sent = 0
    const relay = new SyncRelay(() => { sent++ }, 3)
    for (const n of [1, 2, 3, 4, 1]) relay.pass('t', verdictOf('accept', MEMBERSHIP_RECORD_TYPE, n))
    assert.equal(sent, 5) // 1 was forgotten when 4 came, so it goes once more
    relay.pass('t', verdictOf('accept', MEMBERSHIP_RECORD_TYPE, 4))
    assert.equal(sent, 5)
  })
})
