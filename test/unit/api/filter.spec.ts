import assert from 'node:assert/strict'
import { formatEventFilter, parseEventFilter } from '../../../node/api/filter.ts'
import { isPeerhoodError } from '../../../protocols/common/errors.ts'

const parse = (q: string) => parseEventFilter(new URLSearchParams(q))

describe('api/filter', () => {
  it('reads repeated and comma-separated types and a group', () => {
    assert.deepEqual(parse('type=peer:connected&type=member:&group=G'), { types: ['peer:connected', 'member:'], group: 'G' })
    assert.deepEqual(parse('type=a:b,c:'), { types: ['a:b', 'c:'] })
    assert.deepEqual(parse(''), {})
  })

  it('refuses empty values, two groups and too many types with INVALID_ARGUMENT', () => {
    for (const q of ['type=', 'type=a,,b', 'group=', 'group=a&group=b', 'type=' + 'x'.repeat(300), Array.from({ length: 65 }, (_, i) => `type=t${i}`).join('&')]) {
      assert.throws(() => parse(q), err => isPeerhoodError(err, 'INVALID_ARGUMENT'), q)
    }
  })

  it('formats a filter that parses back to itself', () => {
    const filter = { types: ['peer:connected', 'member:'], group: 'a b&c' }
    const text = formatEventFilter(filter)
    assert.ok(text.startsWith('?'))
    assert.deepEqual(parseEventFilter(new URLSearchParams(text.slice(1))), filter)
    assert.equal(formatEventFilter({}), '')
  })
})
