/**
 * The search query tree both input forms (JSON and `<peersearch>` XML) compile to, with Windows'
 * semantics (`PeerGroupSearchRecords`): `and` / `or` with at least one child, nested freely, and
 * clauses comparing one attribute, typed.
 */
import { PeerhoodError } from '../../common/errors.ts'
import { isAttributeName } from '../attributes.ts'
import type { AttributeType } from '../types.ts'

/** Comparison operators; `equal` is the default. */
export const COMPARE_OPS = ['equal', 'notequal', 'less', 'greater', 'lessorequal', 'greaterorequal'] as const

/** A comparison operator. */
export type CompareOp = typeof COMPARE_OPS[number]

/** The attribute types a clause can compare. */
export const CLAUSE_TYPES = ['string', 'int', 'date'] as const

/** A comparison of one attribute with a value. */
export interface ClauseNode {
  op: 'clause'
  /** Attribute name (reserved `peer*` names included), matched case-insensitively. */
  attr: string
  /** How to compare: only attributes of this type match. */
  type: AttributeType
  /** The comparison. @default 'equal' */
  compare: CompareOp
  /** The value as written: text (wildcards and escapes for strings), or a number for int/date in JSON. */
  value: string | number
}

/** All (`and`) or any (`or`) of at least one child. */
export interface GroupNode {
  op: 'and' | 'or'
  children: QueryNode[]
}

/** A node of a search query. */
export type QueryNode = ClauseNode | GroupNode

/** An `INVALID_SEARCH` error. */
export function invalidSearch (message: string, details?: Record<string, unknown>): PeerhoodError {
  return new PeerhoodError('INVALID_SEARCH', message, details === undefined ? {} : { details })
}

/** A checked clause from raw parts; throws `INVALID_SEARCH`. */
export function makeClause (attr: unknown, type: unknown, compare: unknown, value: unknown): ClauseNode {
  if (typeof attr !== 'string' || !isAttributeName(attr)) throw invalidSearch('a clause names an alphanumeric attribute', { attr })
  if (typeof type !== 'string' || !(CLAUSE_TYPES as readonly string[]).includes(type)) throw invalidSearch('a clause type is string, int or date', { type })
  const op = compare ?? 'equal'
  if (typeof op !== 'string' || !(COMPARE_OPS as readonly string[]).includes(op)) throw invalidSearch(`compare is one of ${COMPARE_OPS.join(', ')}`, { compare })
  if (typeof value !== 'string' && !(typeof value === 'number' && type !== 'string')) throw invalidSearch('a clause value is text (or a number for int and date)', { attr })
  return { op: 'clause', attr, type: type as AttributeType, compare: op as CompareOp, value }
}

/** A checked `and` / `or`; throws `INVALID_SEARCH` when it has no child. */
export function makeGroup (op: 'and' | 'or', children: QueryNode[]): GroupNode {
  if (children.length === 0) throw invalidSearch(`an empty "${op}" is not a valid query`)
  return { op, children }
}
