/**
 * The JSON form of a search query. A node is one of:
 *
 * ```json
 * { "and": [ node, ... ] }
 * { "or": [ node, ... ] }
 * { "attr": "author", "type": "string", "compare": "equal", "value": "al*" }
 * ```
 *
 * `compare` defaults to `equal`; `type` is `string`, `int` or `date`; `value` is text (a string
 * pattern with `*` `?` wildcards and `\*` `\?` `\\` escapes, a decimal integer, or a W3C
 * datetime), or a number for `int` and `date` (milliseconds since the epoch). For example:
 *
 * ```json
 * { "and": [
 *   { "attr": "author", "type": "string", "value": "al*" },
 *   { "or": [
 *     { "attr": "size", "type": "int", "compare": "greater", "value": 10 },
 *     { "attr": "peercreationtime", "type": "date", "compare": "less", "value": "2024-01-01" }
 *   ] }
 * ] }
 * ```
 *
 * Unknown keys, an empty `and` / `or`, or a node with both are `INVALID_SEARCH`.
 */
import { MAX_QUERY_DEPTH } from '../constants.ts'
import { invalidSearch, makeClause, makeGroup, type QueryNode } from './ast.ts'

const CLAUSE_KEYS = new Set(['attr', 'type', 'compare', 'value'])

function isPlainObject (value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function parseNode (value: unknown, depth: number): QueryNode {
  if (depth > MAX_QUERY_DEPTH) throw invalidSearch(`queries nest at most ${MAX_QUERY_DEPTH} deep`)
  if (!isPlainObject(value)) throw invalidSearch('a query node is an object')
  const keys = Object.keys(value)
  if (keys.length === 1 && (keys[0] === 'and' || keys[0] === 'or')) {
    const op = keys[0]
    const children = value[op]
    if (!Array.isArray(children)) throw invalidSearch(`"${op}" holds a list`)
    return makeGroup(op, children.map(child => parseNode(child, depth + 1)))
  }
  for (const key of keys) {
    if (!CLAUSE_KEYS.has(key)) throw invalidSearch(`unknown query key "${key}"`)
  }
  return makeClause(value.attr, value.type, value.compare, value.value)
}

/** The query tree of a JSON query (already parsed); throws `INVALID_SEARCH`. */
export function parseJsonQuery (query: unknown): QueryNode {
  return parseNode(query, 0)
}
