import assert from 'node:assert/strict'
import { Penalties } from '../../../protocols/collaboration/penalties.ts'

describe('collaboration/penalties', () => {
  it('a penalty lasts its duration, survives by PeerId, and the oldest is forgotten past the bound', () => {
    let now = 0
    const p = new Penalties(2, 1000, () => now)
    p.add('a')
    assert.equal(p.has('a'), true)
    now = 999
    assert.equal(p.has('a'), true)
    now = 1000
    assert.equal(p.has('a'), false)
    p.add('a'); p.add('b'); p.add('c')
    assert.deepEqual(['a', 'b', 'c'].map(x => p.has(x)), [false, true, true])
  })
})
