import assert from 'node:assert/strict'
import { isPeerhoodError } from '../../../protocols/common/errors.ts'
import { attributeOf, attributesProblem, normalizeAttributes, validateAttributes } from '../../../protocols/records/attributes.ts'
import { parseW3cDate } from '../../../protocols/records/dates.ts'
import type { RecordAttribute } from '../../../protocols/records/types.ts'
import { member, record } from './helpers.ts'

function codeOf (fn: () => unknown): string | undefined {
  try {
    fn()
  } catch (err) {
    if (isPeerhoodError(err)) return err.code
    throw err
  }
  return undefined
}

describe('records/attributes', () => {
  it('accepts alphanumeric names with values of their type', () => {
    validateAttributes([
      { name: 'author', type: 'string', value: '' },
      { name: 'Size2', type: 'int', value: -7 },
      { name: 'due', type: 'date', value: 0 }
    ])
  })

  it('refuses non-alphanumeric names: INVALID_ATTRIBUTES', () => {
    for (const name of ['my-name', 'my_name', 'a b', '', 'é', 'a'.repeat(65)]) {
      assert.equal(codeOf(() => { validateAttributes([{ name, type: 'string', value: 'x' }]) }), 'INVALID_ATTRIBUTES', name)
    }
  })

  it('refuses reserved peer* names: INVALID_ATTRIBUTES', () => {
    for (const name of ['peercreatorid', 'PeerRecordType', 'peerx']) {
      assert.equal(codeOf(() => { validateAttributes([{ name, type: 'string', value: 'x' }]) }), 'INVALID_ATTRIBUTES', name)
    }
  })

  it('refuses duplicate names (case-insensitive): INVALID_ATTRIBUTES', () => {
    assert.equal(codeOf(() => { validateAttributes([{ name: 'a', type: 'string', value: 'x' }, { name: 'A', type: 'int', value: 1 }]) }), 'INVALID_ATTRIBUTES')
  })

  it('answers the same for names it has seen before, in any case', () => {
    for (let round = 0; round < 3; round++) {
      assert.notEqual(attributesProblem([{ name: 'Author', type: 'string', value: 'x' }, { name: 'author', type: 'int', value: 1 }]), undefined)
      assert.equal(attributesProblem([{ name: 'author', type: 'string', value: 'x' }, { name: 'size', type: 'int', value: 1 }]), undefined)
      assert.equal(codeOf(() => { validateAttributes([{ name: 'PeerX', type: 'string', value: 'x' }]) }), 'INVALID_ATTRIBUTES')
      assert.equal(codeOf(() => { validateAttributes([{ name: 'a-b', type: 'string', value: 'x' }]) }), 'INVALID_ATTRIBUTES')
    }
  })

  it('refuses values not of their type: INVALID_ATTRIBUTES', () => {
    const bad: unknown[] = [
      { name: 'a', type: 'int', value: 1.5 },
      { name: 'a', type: 'int', value: 2 ** 60 },
      { name: 'a', type: 'int', value: '3' },
      { name: 'a', type: 'date', value: -1 },
      { name: 'a', type: 'string', value: 3 },
      { name: 'a', type: 'bool', value: true }
    ]
    for (const attr of bad) {
      assert.equal(codeOf(() => { validateAttributes([attr as RecordAttribute]) }), 'INVALID_ATTRIBUTES', JSON.stringify(attr))
    }
  })

  it('refuses more than 64 attributes: INVALID_ATTRIBUTES', () => {
    const make = (n: number): RecordAttribute[] => Array.from({ length: n }, (_, i) => ({ name: `a${i}`, type: 'int', value: i }))
    assert.equal(attributesProblem(make(64)), undefined)
    assert.equal(codeOf(() => { validateAttributes(make(65)) }), 'INVALID_ATTRIBUTES')
  })

  it('normalises ints and dates given as text', () => {
    const attrs = normalizeAttributes([
      { name: 'n', type: 'int', value: ' -12 ' },
      { name: 'd', type: 'date', value: '2024-01-02T03:04:05Z' },
      { name: 'e', type: 'date', value: new Date(5) }
    ])
    assert.deepEqual(attrs.map(a => a.value), [-12, Date.UTC(2024, 0, 2, 3, 4, 5), 5])
    assert.equal(codeOf(() => normalizeAttributes([{ name: 'n', type: 'int', value: '1e3' }])), 'INVALID_ATTRIBUTES')
    assert.equal(codeOf(() => normalizeAttributes([{ name: 'd', type: 'date', value: 'yesterday' }])), 'INVALID_ATTRIBUTES')
  })

  it('parses the W3C datetime formats and refuses others', () => {
    assert.equal(parseW3cDate('2024'), Date.UTC(2024, 0, 1))
    assert.equal(parseW3cDate('2024-03'), Date.UTC(2024, 2, 1))
    assert.equal(parseW3cDate('2024-03-04'), Date.UTC(2024, 2, 4))
    assert.equal(parseW3cDate('2024-03-04T05:06+01:00'), Date.UTC(2024, 2, 4, 4, 6))
    assert.equal(parseW3cDate('2024-03-04T05:06:07-02:30'), Date.UTC(2024, 2, 4, 7, 36, 7))
    assert.equal(parseW3cDate('2024-03-04T05:06:07.25Z'), Date.UTC(2024, 2, 4, 5, 6, 7, 250))
    for (const text of ['2024-02-30', '2024-13', '2024-03-04T05:06', '2024-03-04T25:00Z', '24-03-04', '2024-03-04 05:06Z', '']) {
      assert.equal(parseW3cDate(text), undefined, text)
    }
  })

  it('synthesises the reserved attributes of every record', async () => {
    const alice = await member(1)
    const rec = record(alice.peerId, { attributes: [{ name: 'Author', type: 'string', value: 'al' }] })
    assert.deepEqual(attributeOf(rec, 'peercreatorid'), { name: 'peercreatorid', type: 'string', value: alice.peerId })
    assert.deepEqual(attributeOf(rec, 'peerlastmodifiedby')?.value, alice.peerId)
    assert.deepEqual(attributeOf(rec, 'peercreationtime'), { name: 'peercreationtime', type: 'date', value: rec.created })
    assert.deepEqual(attributeOf(rec, 'peerlastmodificationtime')?.value, rec.modified)
    assert.deepEqual(attributeOf(rec, 'peerrecordid')?.value, rec.id)
    assert.deepEqual(attributeOf(rec, 'PEERRECORDTYPE')?.value, rec.type)
    assert.equal(attributeOf(rec, 'author')?.value, 'al')
    assert.equal(attributeOf(rec, 'missing'), undefined)
  })
})
