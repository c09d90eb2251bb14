import assert from 'node:assert/strict'
import { peerIdFromString } from '@libp2p/peer-id'
import { endpointCid } from '../../../protocols/collaboration/contact-rendezvous.ts'
import { afterFindAttempt, FIND_BACKOFF, findDue } from '../../../protocols/collaboration/find-schedule.ts'

describe('collaboration: the contact finder\'s schedule and rendezvous id', () => {
  it('a contact never tried is due at once; then 2 s, 4 s, 8 s … capped at 5 min', () => {
    assert.equal(findDue(undefined, 0), true)
    let state = afterFindAttempt(undefined, 1_000)
    assert.deepEqual(state, { attempt: 1, nextAt: 1_000 + FIND_BACKOFF.minDelayMs })
    assert.equal(findDue(state, 2_999), false)
    assert.equal(findDue(state, 3_000), true)
    const delays: number[] = []
    for (let i = 0; i < 12; i++) {
      const next = afterFindAttempt(state, 0)
      delays.push(next.nextAt)
      state = next
    }
    assert.deepEqual(delays.slice(0, 3), [4_000, 8_000, 16_000])
    assert.equal(Math.max(...delays), FIND_BACKOFF.maxDelayMs)
  })

  it('jitter only shortens a delay, by at most its share', () => {
    const plain = afterFindAttempt({ attempt: 3, nextAt: 0 }, 0, FIND_BACKOFF, 0).nextAt
    const drawn = afterFindAttempt({ attempt: 3, nextAt: 0 }, 0, FIND_BACKOFF, 0.999).nextAt
    assert.ok(drawn <= plain && drawn >= plain * (1 - FIND_BACKOFF.jitter))
  })

  it('the endpoint content id is stable per PeerId and differs between PeerIds', () => {
    const a = '12D3KooWHdiAxVd8uMQR1hGWXccidmfCwLqcMpGwR6QcTP6QRMuD'
    const b = '12D3KooWCfQhWdcgjdQkwXCSnHB4XvPu6JYcAmXLw6T4nQ1tBo6Q'
    peerIdFromString(a)
    assert.equal(endpointCid(a).toString(), endpointCid(a).toString())
    assert.notEqual(endpointCid(a).toString(), endpointCid(b).toString())
    assert.equal(endpointCid(a).code, 0x55)
  })
})
