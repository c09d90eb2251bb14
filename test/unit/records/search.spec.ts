import assert from 'node:assert/strict'
import { isPeerhoodError } from '../../../protocols/common/errors.ts'
import { compileQuery, parseQuery, type SearchQuery } from '../../../protocols/records/search/index.ts'
import type { GroupRecord } from '../../../protocols/records/types.ts'
import { DAY, member, record, T0 } from './helpers.ts'

function codeOf (fn: () => unknown): string | undefined {
  try {
    fn()
  } catch (err) {
    if (isPeerhoodError(err)) return err.code
    throw err
  }
  return undefined
}

describe('records/search', () => {
  let records: GroupRecord[]
  let alicePeerId: string

  before(async () => {
    const alice = await member(1)
    alicePeerId = alice.peerId
    const make = (n: number, author: string, size: number, due: number): GroupRecord => record(alice.peerId, {
      id: n.toString(16).padStart(32, '0'),
      created: T0 + n,
      attributes: [
        { name: 'author', type: 'string', value: author },
        { name: 'size', type: 'int', value: size },
        { name: 'due', type: 'date', value: due }
      ]
    })
    records = [
      make(1, 'alice', 10, T0),
      make(2, 'albert', 20, T0 + DAY),
      make(3, 'bob', -5, T0 + 2 * DAY),
      make(4, 'a*b?c\\d', 0, T0 + 3 * DAY),
      record(alice.peerId, { id: '05'.padStart(32, '0'), attributes: [{ name: 'size', type: 'string', value: '10' }] })
    ]
  })

  function ids (query: SearchQuery): number[] {
    const match = compileQuery(query)
    return records.filter(match).map(r => Number.parseInt(r.id, 16))
  }

  const clause = (attr: string, type: string, compare: string | undefined, value: string | number): Record<string, unknown> =>
    compare === undefined ? { attr, type, value } : { attr, type, compare, value }

  it('compares strings with each operator (lexically)', () => {
    assert.deepEqual(ids(clause('author', 'string', 'equal', 'bob')), [3])
    assert.deepEqual(ids(clause('author', 'string', undefined, 'bob')), [3]) // equal is the default
    assert.deepEqual(ids(clause('author', 'string', 'notequal', 'bob')), [1, 2, 4])
    assert.deepEqual(ids(clause('author', 'string', 'less', 'alice')), [2, 4])
    assert.deepEqual(ids(clause('author', 'string', 'lessorequal', 'alice')), [1, 2, 4])
    assert.deepEqual(ids(clause('author', 'string', 'greater', 'alice')), [3])
    assert.deepEqual(ids(clause('author', 'string', 'greaterorequal', 'albert')), [1, 2, 3])
  })

  it('compares ints numerically with each operator', () => {
    assert.deepEqual(ids(clause('size', 'int', 'equal', 10)), [1])
    assert.deepEqual(ids(clause('size', 'int', 'equal', '10')), [1])
    assert.deepEqual(ids(clause('size', 'int', 'notequal', 10)), [2, 3, 4])
    assert.deepEqual(ids(clause('size', 'int', 'less', 0)), [3])
    assert.deepEqual(ids(clause('size', 'int', 'lessorequal', '0')), [3, 4])
    assert.deepEqual(ids(clause('size', 'int', 'greater', 9)), [1, 2])
    assert.deepEqual(ids(clause('size', 'int', 'greaterorequal', -5)), [1, 2, 3, 4])
  })

  it('compares dates by time with each operator, from W3C text or milliseconds', () => {
    assert.deepEqual(ids(clause('due', 'date', 'equal', new Date(T0 + DAY).toISOString())), [2])
    assert.deepEqual(ids(clause('due', 'date', 'notequal', T0)), [2, 3, 4])
    assert.deepEqual(ids(clause('due', 'date', 'less', T0 + DAY)), [1])
    assert.deepEqual(ids(clause('due', 'date', 'lessorequal', T0 + DAY)), [1, 2])
    assert.deepEqual(ids(clause('due', 'date', 'greater', '2023-11-16')), [3, 4])
    assert.deepEqual(ids(clause('due', 'date', 'greaterorequal', T0 + 3 * DAY)), [4])
  })

  it('matches only attributes of the clause\'s type, and never a missing attribute', () => {
    assert.deepEqual(ids(clause('size', 'string', 'equal', '10')), [5])
    assert.deepEqual(ids(clause('size', 'int', 'notequal', 999)), [1, 2, 3, 4])
    assert.deepEqual(ids(clause('nothere', 'string', 'notequal', 'x')), [])
  })

  it('matches * and ? wildcards in equal and notequal', () => {
    assert.deepEqual(ids(clause('author', 'string', 'equal', 'al*')), [1, 2])
    assert.deepEqual(ids(clause('author', 'string', 'equal', '*')), [1, 2, 3, 4])
    assert.deepEqual(ids(clause('author', 'string', 'equal', 'b?b')), [3])
    assert.deepEqual(ids(clause('author', 'string', 'equal', '?l*e*')), [1, 2])
    assert.deepEqual(ids(clause('author', 'string', 'notequal', 'al*')), [3, 4])
    assert.deepEqual(ids(clause('author', 'string', 'equal', 'al?')), [])
  })

  it('takes escaped \\* \\? \\\\ literally', () => {
    assert.deepEqual(ids(clause('author', 'string', 'equal', 'a\\*b\\?c\\\\d')), [4])
    assert.deepEqual(ids(clause('author', 'string', 'equal', 'a\\**')), [4])
    assert.deepEqual(ids(clause('author', 'string', 'equal', 'al\\*')), [])
  })

  it('refuses any other backslash sequence: INVALID_SEARCH', () => {
    for (const value of ['a\\b', 'abc\\', '\\n']) {
      assert.equal(codeOf(() => compileQuery(clause('author', 'string', 'equal', value))), 'INVALID_SEARCH', value)
    }
    assert.equal(codeOf(() => compileQuery(clause('author', 'string', 'less', 'a\\x'))), 'INVALID_SEARCH')
  })

  it('searches the reserved peer* attributes', () => {
    assert.deepEqual(ids(clause('peercreatorid', 'string', 'equal', alicePeerId)), [1, 2, 3, 4, 5])
    assert.deepEqual(ids(clause('peerrecordid', 'string', 'equal', '*3')), [3])
    assert.deepEqual(ids(clause('peercreationtime', 'date', 'greater', T0 + 2)), [3, 4])
    assert.deepEqual(ids(clause('peerrecordtype', 'string', 'equal', 'com.example.*')), [1, 2, 3, 4, 5])
  })

  it('combines with and / or, nested', () => {
    assert.deepEqual(ids({ and: [clause('author', 'string', 'equal', 'al*'), clause('size', 'int', 'greater', 15)] }), [2])
    assert.deepEqual(ids({ or: [clause('author', 'string', 'equal', 'bob'), clause('size', 'int', 'equal', 10)] }), [1, 3])
    assert.deepEqual(ids({ or: [{ and: [clause('author', 'string', 'equal', 'al*'), clause('size', 'int', 'less', 15)] }, clause('author', 'string', 'equal', 'bob')] }), [1, 3])
    assert.deepEqual(ids(JSON.stringify({ and: [clause('author', 'string', 'equal', 'al*')] })), [1, 2])
  })

  it('refuses an empty and / or: INVALID_SEARCH', () => {
    assert.equal(codeOf(() => compileQuery({ and: [] })), 'INVALID_SEARCH')
    assert.equal(codeOf(() => compileQuery({ or: [{ and: [] }] })), 'INVALID_SEARCH')
    assert.equal(codeOf(() => compileQuery('<peersearch><and></and></peersearch>')), 'INVALID_SEARCH')
    assert.equal(codeOf(() => compileQuery('<peersearch><or/></peersearch>')), 'INVALID_SEARCH')
  })

  it('refuses malformed JSON queries: INVALID_SEARCH', () => {
    const bad: unknown[] = [
      '{not json',
      [],
      { and: {} },
      { and: [clause('a', 'string', 'equal', 'x')], or: [] },
      { attr: 'a', type: 'string', value: 'x', extra: 1 },
      clause('bad-name', 'string', 'equal', 'x'),
      clause('a', 'bool', 'equal', 'x'),
      clause('a', 'string', 'like', 'x'),
      clause('a', 'string', 'equal', 3),
      clause('a', 'int', 'equal', '1.5'),
      clause('a', 'date', 'equal', 'tomorrow'),
      { attr: 'a', type: 'string' }
    ]
    for (const query of bad) assert.equal(codeOf(() => compileQuery(query as SearchQuery)), 'INVALID_SEARCH', JSON.stringify(query))
  })

  it('refuses queries nested too deep: INVALID_SEARCH', () => {
    let query: Record<string, unknown> = clause('a', 'string', 'equal', 'x')
    for (let i = 0; i < 40; i++) query = { and: [query] }
    assert.equal(codeOf(() => compileQuery(query)), 'INVALID_SEARCH')
  })

  describe('the <peersearch> XML form', () => {
    it('compiles to the same tree as the JSON form', () => {
      const xml = `<?xml version="1.0" encoding="utf-8"?>
        <peersearch>
          <and>
            <clause attrib="author" type="string" compare="equal">al*</clause>
            <or>
              <clause attrib='size' type='int' compare='greater'>15</clause>
              <clause attrib="due" type="date">2023-11-14T22:13:20Z</clause>
            </or>
          </and>
        </peersearch>`
      const json = {
        and: [
          { attr: 'author', type: 'string', compare: 'equal', value: 'al*' },
          { or: [{ attr: 'size', type: 'int', compare: 'greater', value: '15' }, { attr: 'due', type: 'date', value: '2023-11-14T22:13:20Z' }] }
        ]
      }
      assert.deepEqual(parseQuery(xml), parseQuery(json))
      assert.deepEqual(ids(xml), [1, 2])
    })

    it('resolves the five entities in text and attributes', () => {
      assert.deepEqual(ids('<peersearch><clause attrib="author" type="string">a\\*b\\?c\\\\d</clause></peersearch>'), [4])
      const tree = parseQuery('<peersearch><clause attrib="author" type="string">&lt;&gt;&amp;&quot;&apos;</clause></peersearch>')
      assert.deepEqual(tree, { op: 'clause', attr: 'author', type: 'string', compare: 'equal', value: '<>&"\'' })
    })

    it('refuses malformed or unsupported XML: INVALID_SEARCH', () => {
      const bad = [
        '<peersearch>',
        '<peersearch><clause attrib="a" type="string">x</clause>',
        '<peersearch><clause attrib="a" type="string">x</peersearch></clause>',
        '<peersearch><!-- c --><clause attrib="a" type="string">x</clause></peersearch>',
        '<peersearch><clause attrib="a" type="string"><![CDATA[x]]></clause></peersearch>',
        '<!DOCTYPE x><peersearch><clause attrib="a" type="string">x</clause></peersearch>',
        '<peersearch><clause attrib="a" type="string">&#65;</clause></peersearch>',
        '<peersearch><clause attrib="a" type="string">&nbsp;</clause></peersearch>',
        '<peersearch><clause attrib="a" type="string">a & b</clause></peersearch>',
        '<peersearch><clause attrib=a type="string">x</clause></peersearch>',
        '<peersearch><clause attrib="a" attrib="b" type="string">x</clause></peersearch>',
        '<peersearch><clause attrib="a"type="string">x</clause></peersearch>',
        '<peersearch><clause attrib="a" type="string">x</clause></peersearch>trailing',
        '<peersearch><clause attrib="a" type="string">x</clause><clause attrib="b" type="string">y</clause></peersearch>',
        '<peersearch>text<clause attrib="a" type="string">x</clause></peersearch>',
        '<peersearch></peersearch>',
        '<search><clause attrib="a" type="string">x</clause></search>',
        '<peersearch x="1"><clause attrib="a" type="string">x</clause></peersearch>',
        '<peersearch><clause attrib="a" type="string" extra="1">x</clause></peersearch>',
        '<peersearch><clause type="string">x</clause></peersearch>',
        '<peersearch><clause attrib="a" type="string"><b/></clause></peersearch>',
        '<peersearch><not><clause attrib="a" type="string">x</clause></not></peersearch>',
        '<peersearch><and x="1"><clause attrib="a" type="string">x</clause></and></peersearch>',
        '<peersearch><clause attrib="a" type="string" compare="like">x</clause></peersearch>',
        '<peersearch><clause attrib="a" type="string">a\\b</clause></peersearch>',
        '<x:peersearch><clause attrib="a" type="string">x</clause></x:peersearch>',
        '<peersearch><?pi x?><clause attrib="a" type="string">x</clause></peersearch>'
      ]
      for (const xml of bad) assert.equal(codeOf(() => compileQuery(xml)), 'INVALID_SEARCH', xml)
    })
  })
})
