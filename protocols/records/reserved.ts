/**
 * The rules of reserved (`peerhood.*`) records, driven by one table: for each reserved type its
 * exact shape (attributes, data, largest size), the signer it allows and how its record id is
 * bound. A record of a reserved type that is not in the table, or not as its entry says, is
 * refused with `INVALID_RESERVED_RECORD` on publish, gossip and sync alike: the reserved prefix
 * is not hidden storage, and a reserved record cannot be squatted, shadowed or hijacked.
 *
 * Record ids of the reserved space start with {@link RESERVED_ID_PREFIX}: a `per-creator` type
 * keeps one record per creator under {@link reservedRecordId}, a hash of the group, the type and
 * the creator, so nobody else can write it, and no record of another type (nor an application
 * record) may take an id of that space. The table itself lives with the node
 * (`peer-groups/reserved-types.ts`); adding a type is adding an entry there.
 *
 * Pure: the data checks are pure functions of the record.
 */
import { createHash } from 'node:crypto'
import { problem, type RuleProblem } from './problem.ts'
import { isReservedType } from './record-type.ts'
import type { AttributeType, GroupRecord, MemberCredential, MemberRole } from './types.ts'

/** How a reserved type binds its record ids. */
export type ReservedIdRule =
  /** One record per creator, under {@link reservedRecordId}(group, type, creator). */
  | 'per-creator'
  /** Any id outside the reserved id space (chosen at random by the writer). */
  | 'random'
  /**
   * One record per creator and subject (its `subject` string attribute), under
   * {@link reservedSubjectId}: a change about a subject is an update of the same record. Never a
   * tombstone (it would carry no subject to check its id against).
   */
  | 'per-subject'

/** The rules of one reserved record type. */
export interface ReservedTypeRule {
  /** How its record ids are bound. */
  id: ReservedIdRule
  /**
   * Roles one of which the writer must hold. Every version of a reserved record, tombstone
   * included, is written by the record's creator.
   * @default any member
   */
  roles?: readonly MemberRole[]
  /** The attributes of a live version: exactly these names, with these types. */
  attributes: Readonly<Record<string, AttributeType>>
  /** Largest encoded record (SignedRecord), in bytes, whatever the group's `maxRecordSize`. */
  maxBytes: number
  /**
   * Checks a live version's data and attributes against its type (run once the signature and
   * the signer are known good: it may cost a chain validation); a reason when refused.
   */
  data: (record: GroupRecord) => string | undefined
  /**
   * A live version may outlive its writer's credential (as a tombstone may): a revocation must
   * outlive the certificates it revokes, or the revoked peer comes back when its revoker's GMC
   * ends. The record is still written within the writer's credential.
   * @default false
   */
  outlivesWriter?: boolean
}

/** The reserved types a group database accepts, by type name. */
export type ReservedTypes = Readonly<Record<string, ReservedTypeRule>>

/** No reserved types: every `peerhood.*` record is refused (a database without a node). */
export const NO_RESERVED_TYPES: ReservedTypes = Object.freeze({})

/** First 4 bytes (as hex, "phrd") of every record id in the reserved id space. */
export const RESERVED_ID_PREFIX = '70687264'

const ID_DOMAIN = 'peerhood/reserved-record-id/v1\n'

/** The record id of `creator`'s record of a `per-creator` reserved type in a group (32 hex). */
export function reservedRecordId (groupId: string, type: string, creator: string): string {
  const digest = createHash('sha256').update(`${ID_DOMAIN}${groupId}\n${type}\n${creator}`).digest('hex')
  return RESERVED_ID_PREFIX + digest.slice(RESERVED_ID_PREFIX.length, 32)
}

/** The record id of `creator`'s record about `subject` of a `per-subject` reserved type (32 hex). */
export function reservedSubjectId (groupId: string, type: string, creator: string, subject: string): string {
  return reservedRecordId(groupId, type, `${creator}\n${subject}`)
}

/** Whether a record id (32 lowercase hex) lies in the reserved id space. */
export function isReservedRecordId (id: string): boolean {
  return id.startsWith(RESERVED_ID_PREFIX)
}

function refused (message: string): RuleProblem {
  return problem('INVALID_RESERVED_RECORD', message)
}

/** The rule of a reserved type, if the table has it. */
export function reservedRule (type: string, table: ReservedTypes): ReservedTypeRule | undefined {
  return Object.hasOwn(table, type) ? table[type] : undefined
}

function attributesMatch (record: GroupRecord, expected: Readonly<Record<string, AttributeType>>): boolean {
  const names = Object.keys(expected)
  if (record.attributes.length !== names.length) return false
  return record.attributes.every(a => Object.hasOwn(expected, a.name) && expected[a.name] === a.type)
}

/**
 * The checks a record can be refused on before its signature is checked: an application record
 * in the reserved id space, a reserved type the table does not have, an id its type's rule does
 * not give, attributes other than the type's. `INVALID_RESERVED_RECORD`, or undefined.
 */
export function reservedShapeProblem (record: GroupRecord, table: ReservedTypes): RuleProblem | undefined {
  if (!isReservedType(record.type)) {
    return isReservedRecordId(record.id) ? refused('record ids starting with the reserved prefix belong to reserved records') : undefined
  }
  const rule = reservedRule(record.type, table)
  if (rule === undefined) return refused(`${record.type} is not a reserved type this node knows`)
  if (rule.id === 'per-creator') {
    if (record.id !== reservedRecordId(record.groupId, record.type, record.creator)) return refused(`a ${record.type} record has its creator's reserved id`)
  } else if (rule.id === 'per-subject') {
    if (record.deleted) return refused(`a ${record.type} record is never deleted`)
    const subject = record.attributes.find(a => a.name === 'subject')
    if (subject?.type !== 'string' || record.id !== reservedSubjectId(record.groupId, record.type, record.creator, subject.value)) {
      return refused(`a ${record.type} record has its creator's reserved id for its subject`)
    }
  } else if (isReservedRecordId(record.id)) {
    return refused(`a ${record.type} record has a random id`)
  }
  if (!record.deleted && !attributesMatch(record, rule.attributes)) return refused(`a ${record.type} record carries exactly its type's attributes`)
  return undefined
}

/**
 * The checks that need the writer's credential and the data: the writer is the record's creator,
 * holds a role the type allows, and a live version's data has the type's exact shape.
 * `INVALID_RESERVED_RECORD`, or undefined (also for records of other types).
 */
export function reservedWriterProblem (record: GroupRecord, credential: MemberCredential, table: ReservedTypes): RuleProblem | undefined {
  if (!isReservedType(record.type)) return undefined
  const rule = reservedRule(record.type, table)
  if (rule === undefined) return refused(`${record.type} is not a reserved type this node knows`)
  if (record.modifier !== record.creator) return refused(`only its creator writes a ${record.type} record`)
  if (rule.roles !== undefined && !rule.roles.some(role => credential.roles.includes(role))) {
    return refused(`a ${record.type} record is written by a ${rule.roles.join(' or ')}`)
  }
  if (record.deleted) return undefined
  const reason = rule.data(record)
  return reason === undefined ? undefined : refused(`${record.type}: ${reason}`)
}

/** The largest encoded record of `type`: its reserved rule's, else the group's. */
export function reservedSizeLimit (type: string, maxRecordSize: number, table: ReservedTypes): number {
  return isReservedType(type) ? (reservedRule(type, table)?.maxBytes ?? maxRecordSize) : maxRecordSize
}
