/**
 * Compiles a query tree to a record matcher. A clause matches a record that has the attribute
 * (reserved `peer*` ones included) with the clause's type, compared by type: ints numerically,
 * dates by time, strings by UTF-16 code unit order (case-sensitive), with `*` / `?` wildcards
 * for `equal` and `notequal`. A record without the attribute, or with another type, matches no
 * clause, `notequal` included.
 */
import { attributeOf } from '../attributes.ts'
import { parseW3cDate } from '../dates.ts'
import type { GroupRecord } from '../types.ts'
import { invalidSearch, type ClauseNode, type CompareOp, type QueryNode } from './ast.ts'
import { compilePattern, matchPattern, unescapeValue } from './wildcard.ts'

/** Whether a record matches a query. */
export type RecordMatcher = (record: GroupRecord) => boolean

function order (op: CompareOp, c: number): boolean {
  switch (op) {
    case 'equal': return c === 0
    case 'notequal': return c !== 0
    case 'less': return c < 0
    case 'greater': return c > 0
    case 'lessorequal': return c <= 0
    case 'greaterorequal': return c >= 0
  }
}

function numberValue (clause: ClauseNode): number {
  const { value, type } = clause
  let n: number | undefined
  if (typeof value === 'number') n = value
  else if (type === 'int') n = /^[+-]?\d+$/.test(value.trim()) ? Number(value.trim()) : undefined
  else n = parseW3cDate(value.trim())
  if (n === undefined || !Number.isSafeInteger(n)) throw invalidSearch(`"${String(value)}" is not a valid ${type}`, { attr: clause.attr })
  return n
}

function compileClause (clause: ClauseNode): RecordMatcher {
  const { attr, type, compare } = clause
  if (type === 'string') {
    const text = String(clause.value)
    if (compare === 'equal' || compare === 'notequal') {
      const pattern = compilePattern(text)
      const want = compare === 'equal'
      return record => {
        const found = attributeOf(record, attr)
        return found?.type === 'string' && matchPattern(pattern, found.value) === want
      }
    }
    const value = unescapeValue(text)
    return record => {
      const found = attributeOf(record, attr)
      return found?.type === 'string' && order(compare, found.value < value ? -1 : found.value > value ? 1 : 0)
    }
  }
  const value = numberValue(clause)
  return record => {
    const found = attributeOf(record, attr)
    return found?.type === type && order(compare, found.value - value)
  }
}

/** A matcher for a query tree; throws `INVALID_SEARCH` for a value that does not parse. */
export function compileNode (node: QueryNode): RecordMatcher {
  if (node.op === 'clause') return compileClause(node)
  const children = node.children.map(compileNode)
  return node.op === 'and'
    ? record => children.every(match => match(record))
    : record => children.some(match => match(record))
}
