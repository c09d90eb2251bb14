/**
 * Record types: a short name of letters, digits and `._:-` (a GUID, `com.example.chat`...);
 * names starting `peerhood.` are reserved for the node's own records.
 */
import { MAX_TYPE_LENGTH, RESERVED_TYPE_PREFIX } from './constants.ts'
import { problem, type RuleProblem } from './problem.ts'
import { memoize } from './string-memo.ts'

const TYPE = new RegExp(`^[A-Za-z0-9][A-Za-z0-9._:-]{0,${MAX_TYPE_LENGTH - 1}}$`)

/** Whether `type` is reserved for the node (`peerhood.*`). */
export function isReservedType (type: string): boolean {
  return type.startsWith(RESERVED_TYPE_PREFIX)
}

// a group uses few types, and every record of them is checked
const shapeOf = memoize((type: string): 'malformed' | 'reserved' | 'application' => {
  if (!TYPE.test(type)) return 'malformed'
  return isReservedType(type) ? 'reserved' : 'application'
})

/**
 * Checks a record type: malformed ⇒ `INVALID_RECORD`; reserved and not `system` ⇒ `NOT_AUTHORIZED`.
 */
export function typeProblem (type: string, system: boolean): RuleProblem | undefined {
  const shape = shapeOf(type)
  if (shape === 'malformed') return problem('INVALID_RECORD', `a record type is 1 to ${MAX_TYPE_LENGTH} letters, digits or "._:-"`)
  if (!system && shape === 'reserved') return problem('NOT_AUTHORIZED', 'applications cannot write reserved record types')
  return undefined
}
