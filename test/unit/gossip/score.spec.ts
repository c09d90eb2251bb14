import assert from 'node:assert/strict'
import { MEMBER_COLOCATION_THRESHOLD, MEMBER_COLOCATION_WEIGHT, memberColocation } from '../../../protocols/group-gossip/score.ts'

/** Gossipsub's score tables as `memberColocation` reads them: `count` peers on one IP. */
function tables (count: number): object {
  const ids = Array.from({ length: count }, (_, i) => `p${i}`)
  return {
    score: {
      peerStats: new Map(ids.map(id => [id, { knownIPs: new Set(['10.0.0.1']) }])),
      peerIPs: new Map([['10.0.0.1', new Set(ids)]])
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
})
