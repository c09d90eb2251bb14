/**
 * The record rules, one pure module for local publish and ingress (Windows' group security
 * provider, MS-PPSEC 3.1.7): every check is a pure function of the record, the modifier's
 * credential and the stored version, with time carried in the record or passed in. Local publish
 * runs {@link localChangeProblem}; ingress runs the same checks in pipeline order
 * (`ingress.ts`).
 */
import { attributesProblem } from './attributes.ts'
import { authorizationProblem } from './authorize.ts'
import { lifetimeProblem } from './lifetime.ts'
import { problem, type RuleProblem } from './problem.ts'
import { recordIdProblem } from './record-id.ts'
import { typeProblem } from './record-type.ts'
import { varintLength } from './signed-decoder.ts'
import { NO_RESERVED_TYPES, reservedRule, reservedShapeProblem, reservedSizeLimit, type ReservedTypes, reservedWriterProblem } from './reserved.ts'
import { successionProblem } from './succession.ts'
import type { GroupRecord, MemberCredential } from './types.ts'

export { authorizationProblem, isAdministrator } from './authorize.ts'
export { isExpired, lifetimeProblem } from './lifetime.ts'
export { isReservedType, typeProblem } from './record-type.ts'
export { successionProblem, type SuccessionOptions } from './succession.ts'
export { problem, throwIfProblem, type RuleProblem } from './problem.ts'
export {
  isReservedRecordId, NO_RESERVED_TYPES, RESERVED_ID_PREFIX, reservedRecordId, reservedShapeProblem, type ReservedIdRule,
  type ReservedTypeRule, type ReservedTypes, reservedWriterProblem
} from './reserved.ts'

/**
 * The size limit of a record of `type`: the group's for application records, the type's own for
 * reserved types in `reserved` (whatever the group's), the group's for other reserved types (which
 * are refused anyway).
 */
export function sizeLimit (type: string, maxRecordSize: number, reserved: ReservedTypes = NO_RESERVED_TYPES): number {
  return reservedSizeLimit(type, maxRecordSize, reserved)
}

/** Checks that an encoded size fits the group's limit: `MAX_RECORD_SIZE_EXCEEDED` otherwise. */
export function sizeProblem (size: number, maxRecordSize: number): RuleProblem | undefined {
  if (size > maxRecordSize) return problem('MAX_RECORD_SIZE_EXCEEDED', `the record is ${size} bytes, more than the group's ${maxRecordSize}`)
  return undefined
}

/** Bytes of the encoded SignedRecord for a body of `bodyLength` bytes and a 64-byte signature. */
export function signedRecordSize (bodyLength: number): number {
  return 1 + varintLength(bodyLength) + bodyLength + 1 + 1 + 64
}

/** What {@link localChangeProblem} checks. */
export interface LocalChange {
  /** The new version, unsigned. */
  record: GroupRecord
  /** Bytes of its encoded SignedRecord ({@link signedRecordSize}). */
  size: number
  /** The group's largest record, in bytes. */
  maxRecordSize: number
  /** The local member's credential, or undefined if it has none. */
  credential: MemberCredential | undefined
  /** The stored version it replaces (update and delete). */
  previous?: GroupRecord
  /** Whether the node itself writes (reserved `peerhood.*` types allowed). @default false */
  system?: boolean
  /** The reserved types and their rules. @default none (`NO_RESERVED_TYPES`) */
  reserved?: ReservedTypes
}

/**
 * Every rule for a version this node is about to sign and publish, cheapest first: type
 * (`INVALID_RECORD` / `NOT_AUTHORIZED`), attributes (`INVALID_ATTRIBUTES`), size
 * (`MAX_RECORD_SIZE_EXCEEDED`), membership and authorisation (`NOT_AUTHORIZED`), lifetime
 * (`INVALID_TIME_PERIOD` / `INVALID_RECORD_EXPIRATION`), the reserved types' rules
 * (`INVALID_RESERVED_RECORD`) and succession from `previous` (`INVALID_RECORD` /
 * `INVALID_RECORD_EXPIRATION`).
 */
export function localChangeProblem (change: LocalChange): RuleProblem | undefined {
  const { record, credential, previous } = change
  const reserved = change.reserved ?? NO_RESERVED_TYPES
  const attributes = attributesProblem(record.attributes)
  const shape = typeProblem(record.type, change.system === true) ??
    (attributes === undefined ? undefined : problem('INVALID_ATTRIBUTES', attributes)) ??
    reservedShapeProblem(record, reserved) ??
    recordIdProblem(record) ??
    sizeProblem(change.size, sizeLimit(record.type, change.maxRecordSize, reserved))
  if (shape !== undefined) return shape
  if (credential === undefined) return problem('NOT_AUTHORIZED', 'this node holds no credential for the group')
  return authorizationProblem(record, credential) ??
    lifetimeProblem(record, credential, { outlivesWriter: reservedRule(record.type, reserved)?.outlivesWriter === true }) ??
    reservedWriterProblem(record, credential, reserved) ??
    (previous === undefined ? undefined : successionProblem(record, previous, { strict: true }))
}
