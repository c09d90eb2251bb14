import assert from 'node:assert/strict'
import { PenaltyBook } from '../../../protocols/group-gossip/penalty-book.ts'
import { GROUP_SCORE_THRESHOLDS } from '../../../protocols/group-gossip/score.ts'

const graylist = GROUP_SCORE_THRESHOLDS.graylistThreshold!

describe('penalty book', () => {
  it('graylists a peer after three rejected bundles and keeps it graylisted for minutes, then forgives', () => {
    let clock = 0
    const book = new PenaltyBook({ now: () => clock })
    for (let i = 0; i < 3; i++) book.penalise('m', 1, 'gossip-rejected')
    assert.ok(book.score('m') < graylist)
    clock += 5 * 60_000
    assert.ok(book.score('m') < graylist, 'still graylisted five minutes later')
    clock += 90 * 60_000
    assert.equal(book.score('m'), 0)
    assert.equal(book.size, 0)
    assert.deepEqual(book.penalties().find(p => p.reason === 'gossip-rejected')?.count, 3)
  })

  it('cools a peer down at its threshold, for longer the more it earned, bounded by the points cap', () => {
    let clock = 0
    const book = new PenaltyBook({ now: () => clock, coolDownPoints: 8, maxPoints: 64, halfLifeMs: 1000 })
    assert.equal(book.penalise('m', 7, 'sync-rejected'), false)
    assert.equal(book.penalise('m', 1, 'sync-rejected'), true)
    assert.equal(book.coolingDown('m'), true)
    assert.equal(book.coolingDownCount(), 1)
    book.penalise('m', 10_000, 'sync-rejected')
    assert.equal(book.points('m'), 64)
    clock += 2999 // 64 → 8 takes three half-lives
    assert.equal(book.coolingDown('m'), true)
    clock += 2
    assert.equal(book.coolingDown('m'), false)
  })

  it('adds points only up to a ceiling, never lowering a peer already above it', () => {
    const book = new PenaltyBook({ now: () => 0 })
    for (let i = 0; i < 20; i++) book.penalise('m', 1, 'gossip-rejected', book.coolDownPoints - 1)
    assert.equal(book.points('m'), book.coolDownPoints - 1)
    assert.equal(book.coolingDown('m'), false)
    book.penalise('m', 4, 'unknown-signer-flood')
    assert.equal(book.coolingDown('m'), true)
    book.penalise('m', 1, 'gossip-rejected', book.coolDownPoints - 1)
    assert.equal(book.points('m'), book.coolDownPoints + 3)
  })

  it('holds a bounded number of peers, forgetting the least penalised first', () => {
    const book = new PenaltyBook({ capacity: 3 })
    book.penalise('a', 5, 'gossip-rejected')
    book.penalise('b', 1, 'gossip-rejected')
    book.penalise('c', 3, 'gossip-rejected')
    book.penalise('d', 2, 'gossip-rejected')
    assert.equal(book.size, 3)
    assert.equal(book.points('b'), 0)
    assert.ok(book.points('a') > 4.9)
  })
})
