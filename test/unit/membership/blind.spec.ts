import assert from 'node:assert/strict'
import { blindAll, blindGroupId, blindKey } from '../../../protocols/membership/blind.ts'

describe('membership: blinded group ids', () => {
  const a = new Uint8Array(32).fill(1)
  const b = new Uint8Array(32).fill(2)

  it('is the same for both sides with the same nonces, and 32 bytes', () => {
    assert.deepEqual(blindGroupId('g1', a, b), blindGroupId('g1', a, b))
    assert.equal(blindGroupId('g1', a, b).length, 32)
  })

  it('differs per group and per nonce, so handshakes cannot be linked or replayed', () => {
    const base = blindKey(blindGroupId('g1', a, b))
    assert.notEqual(blindKey(blindGroupId('g2', a, b)), base)
    assert.notEqual(blindKey(blindGroupId('g1', b, a)), base)
    assert.notEqual(blindKey(blindGroupId('g1', a, new Uint8Array(32).fill(3))), base)
  })

  it('finds only the groups both sides know', () => {
    const mine = blindAll(['g1', 'g2', 'g3'], a, b)
    const theirs = [...blindAll(['g2', 'g4'], a, b).keys()]
    assert.deepEqual(theirs.filter(k => mine.has(k)).map(k => mine.get(k)), ['g2'])
  })
})
