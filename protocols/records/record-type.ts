/**
 * Record types: a short name of letters, digits and `._:-` (a GUID, `com.example.chat`...);
 * names starting `peerhood.` are reserved for the node's own records.
 */
import { MAX_TYPE_LENGTH, RESERVED_TYPE_PREFIX } from './constants.ts'
import { problem, type RuleProblem } from './problem.ts'

const TYPE = new RegExp(`^[A-Za-z0-9][A-Za-z0-9._:-]{0,${MAX_TYPE_LENGTH - 1}}$`)

/** Whether `type` is reserved for the node (`peerhood.*`). */
export function isReservedType (type: string): boolean {
  return type.startsWith(RESERVED_TYPE_PREFIX)
}

/**
 * Checks a record type: malformed ⇒ `INVALID_RECORD`; reserved and not `system` ⇒ `NOT_AUTHORIZED`.
 */
export function typeProblem (type: string, system: boolean): RuleProblem | undefined {
  if (!TYPE.test(type)) return problem('INVALID_RECORD', `a record type is 1 to ${MAX_TYPE_LENGTH} letters, digits or "._:-"`)
  if (!system && isReservedType(type)) return problem('NOT_AUTHORIZED', 'applications cannot write reserved record types')
  return undefined
}
