import assert from 'node:assert/strict'
import { formatTime, keyValues, table } from '../../../node/cli/format.ts'

describe('cli/format', () => {
  it('aligns table columns without padding the last one', () => {
    assert.equal(table([['A', 'BB', 'C'], ['aaa', 'b', 'c']]), 'A    BB  C\naaa  b   c')
    assert.equal(table([]), '')
  })

  it('aligns key: value lines', () => {
    assert.equal(keyValues([['id', '1'], ['name', 'x']]), 'id:   1\nname: x')
  })

  it('writes times in UTC to the second', () => {
    assert.equal(formatTime(Date.UTC(2026, 0, 2, 3, 4, 5, 678)), '2026-01-02 03:04:05Z')
  })
})
