import assert from 'node:assert/strict'
import { createHash } from 'node:crypto'
import { groupKey, groupTag, tagAll, tagKey, type Transcript } from '../../../protocols/membership/blind.ts'
import { makeGroup } from '../certificates/helpers.ts'

describe('membership: group keys and tags (issue 9, defect 9)', () => {
  const t: Transcript = { initiatorNonce: new Uint8Array(32).fill(1), responderNonce: new Uint8Array(32).fill(2), initiator: 'peer-i', responder: 'peer-r' }
  const k1 = createHash('sha256').update('k1').digest()
  const k2 = createHash('sha256').update('k2').digest()

  it('derives a group key from the GRC key, not from the group id alone', async () => {
    const g = await makeGroup('tags')
    const key = groupKey(g.groupId, g.grc)!
    assert.equal(key.length, 32)
    assert.deepEqual(groupKey(g.groupId, Uint8Array.from(g.grc)), key)
    // what a stranger could compute from the group id is not the key
    assert.notDeepEqual(createHash('sha256').update(g.groupId).digest(), key)
    assert.equal(groupKey(g.groupId, new Uint8Array([0x30, 0x00])), undefined)
  })

  it('is 32 bytes, the same for both sides of one handshake', () => {
    assert.deepEqual(groupTag(k1, 'offer', t), groupTag(k1, 'offer', { ...t }))
    assert.equal(groupTag(k1, 'offer', t).length, 32)
  })

  it('differs per group, step, nonce and PeerId, so tags cannot be replayed, relayed or reflected', () => {
    const base = tagKey(groupTag(k1, 'offer', t))
    const variants = [
      groupTag(k2, 'offer', t),
      groupTag(k1, 'initiator', t),
      groupTag(k1, 'responder', t),
      groupTag(k1, 'offer', { ...t, initiatorNonce: new Uint8Array(32).fill(3) }),
      groupTag(k1, 'offer', { ...t, responderNonce: new Uint8Array(32).fill(3) }),
      groupTag(k1, 'offer', { ...t, initiator: 'peer-x' }),
      groupTag(k1, 'offer', { ...t, responder: 'peer-x' }),
      groupTag(k1, 'offer', { ...t, initiator: 'peer-r', responder: 'peer-i' })
    ]
    for (const v of variants) assert.notEqual(tagKey(v), base)
  })

  it('finds only the groups both sides hold a key of', () => {
    const mine = tagAll(new Map([['g1', k1], ['g2', k2]]), 'offer', t)
    const theirs = [...tagAll(new Map([['g2', k2], ['g4', createHash('sha256').update('k4').digest()]]), 'offer', t).keys()]
    assert.deepEqual(theirs.filter(k => mine.has(k)).map(k => mine.get(k)), ['g2'])
  })
})
