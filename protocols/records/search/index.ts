/**
 * Record search with Windows' query semantics, from a JSON query ({@link parseJsonQuery}) or the
 * `<peersearch>` XML form ({@link parseXmlQuery}), both compiled to one matcher.
 */
import { MAX_QUERY_LENGTH } from '../constants.ts'
import { invalidSearch, type QueryNode } from './ast.ts'
import { compileNode, type RecordMatcher } from './compile.ts'
import { parseJsonQuery } from './json.ts'
import { parseXmlQuery } from './xml.ts'

export { COMPARE_OPS, type ClauseNode, type CompareOp, type GroupNode, type QueryNode } from './ast.ts'
export type { RecordMatcher } from './compile.ts'
export { parseJsonQuery } from './json.ts'
export { parseXmlQuery } from './xml.ts'

/** A search query: `<peersearch>` XML or JSON text, or an already parsed JSON query object. */
export type SearchQuery = string | object

/** The query tree of a query in either form; throws `INVALID_SEARCH`. */
export function parseQuery (query: SearchQuery): QueryNode {
  if (typeof query !== 'string') return parseJsonQuery(query)
  if (query.length > MAX_QUERY_LENGTH) throw invalidSearch(`a query is at most ${MAX_QUERY_LENGTH} characters`)
  const text = query.trim()
  if (text.startsWith('<')) return parseXmlQuery(text)
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    throw invalidSearch('a query is <peersearch> XML or JSON')
  }
  return parseJsonQuery(parsed)
}

/** Compiles a query in either form to `(record) => boolean`; throws `INVALID_SEARCH`. */
export function compileQuery (query: SearchQuery): RecordMatcher {
  return compileNode(parseQuery(query))
}
