import assert from 'node:assert/strict'
import { memoize } from '../../../protocols/records/string-memo.ts'

describe('records/string-memo', () => {
  it('computes once per distinct string', () => {
    let calls = 0
    const length = memoize((text: string) => { calls++; return text.length })
    assert.equal(length('abc'), 3)
    assert.equal(length('abc'), 3)
    assert.equal(length('de'), 2)
    assert.equal(calls, 2)
  })

  it('forgets everything once full, and keeps answering right', () => {
    let calls = 0
    const upper = memoize((text: string) => { calls++; return text.toUpperCase() }, 2)
    for (const text of ['a', 'b', 'c', 'a', 'b', 'c']) assert.equal(upper(text), text.toUpperCase())
    assert.ok(calls > 3 && calls <= 6)
  })
})
