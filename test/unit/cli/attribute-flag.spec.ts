import assert from 'node:assert/strict'
import { parseAttributeFlag, parseAttributeFlags } from '../../../node/cli/attribute-flag.ts'

describe('cli/attribute-flag', () => {
  it('parses name:type=value for each type', () => {
    assert.deepEqual(parseAttributeFlag('size:int=5'), { name: 'size', type: 'int', value: 5 })
    assert.deepEqual(parseAttributeFlag('delta:int=-12'), { name: 'delta', type: 'int', value: -12 })
    assert.deepEqual(parseAttributeFlag('when:date=2026-01-01T00:00:00Z'), { name: 'when', type: 'date', value: Date.UTC(2026, 0, 1) })
    assert.deepEqual(parseAttributeFlag('day:date=2026-02-03'), { name: 'day', type: 'date', value: Date.UTC(2026, 1, 3) })
    assert.deepEqual(parseAttributeFlag('author:string=alice'), { name: 'author', type: 'string', value: 'alice' })
  })

  it('takes name=value as a string, and keeps "=" and ":" in the value', () => {
    assert.deepEqual(parseAttributeFlag('title=a=b:c'), { name: 'title', type: 'string', value: 'a=b:c' })
    assert.deepEqual(parseAttributeFlag('url:string=http://x/?a=1'), { name: 'url', type: 'string', value: 'http://x/?a=1' })
    assert.deepEqual(parseAttributeFlag('empty='), { name: 'empty', type: 'string', value: '' })
  })

  it('refuses bad flags with INVALID_ARGUMENT', () => {
    const bad = [
      'noequals', '=5', ':int=5', 'size:float=1', 'size:int=abc', 'size:int=1.5', 'size:int=', 'size:int=99999999999999999999',
      'when:date=yesterday', 'when:date=2026-13-01', 'bad-name=x', 'bad_name:int=1', 'na me=x', 'size:INT=5'
    ]
    for (const text of bad) assert.throws(() => parseAttributeFlag(text), { code: 'INVALID_ARGUMENT' }, text)
  })

  it('parses a list in order, and no list as undefined', () => {
    assert.equal(parseAttributeFlags(undefined), undefined)
    assert.deepEqual(parseAttributeFlags(['a=1', 'b:int=2']), [{ name: 'a', type: 'string', value: '1' }, { name: 'b', type: 'int', value: 2 }])
    assert.throws(() => parseAttributeFlags(['a=1', 'b:int=x']), { code: 'INVALID_ARGUMENT' })
  })
})
