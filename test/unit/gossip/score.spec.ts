import assert from 'node:assert/strict'
import { MEMBER_COLOCATION_THRESHOLD, MEMBER_COLOCATION_WEIGHT, memberColocation } from '../../../protocols/group-gossip/score.ts'

/** Gossipsub's score tables as `memberColocation` reads them: `count` peers on one IP. */
function tables (count: number, ip = '10.0.0.1'): object {
  const ids = Array.from({ length: count }, (_, i) => `p${i}`)
  return {
    score: {
      peerStats: new Map(ids.map(id => [id, { knownIPs: new Set([ip]) }])),
      peerIPs: new Map([[ip, new Set(ids)]])
    }
  }
}

describe('member colocation score', () => {
  it('counts only proven members: any number of non-members on a member\'s IP costs it nothing', () => {
    const members = new Set(['p0', 'p1', 'p2'])
    assert.equal(memberColocation(tables(500), 'p0', id => members.has(id)), 0)
    assert.equal(memberColocation(tables(500), 'p7', id => members.has(id)), 0)
  })

  it('lowers members crowded on one IP beyond the threshold, quadratically', () => {
    const surplus = 3
    const all = (): boolean => true
    assert.equal(memberColocation(tables(MEMBER_COLOCATION_THRESHOLD), 'p0', all), 0)
    assert.equal(memberColocation(tables(MEMBER_COLOCATION_THRESHOLD + surplus), 'p0', all), MEMBER_COLOCATION_WEIGHT * surplus * surplus)
  })

  it('does not count loopback: 32 member processes of one machine share 127.0.0.1 and keep their score', () => {
    const all = (): boolean => true
    for (const ip of ['127.0.0.1', '::1', '::ffff:127.0.0.1']) assert.equal(memberColocation(tables(32, ip), 'p0', all), 0)
    assert.ok(memberColocation(tables(32, '192.168.1.10'), 'p0', all) < 0)
  })
})
