/**
 * Record attributes: validation (names alphanumeric, no reserved `peer*` names, unique, values of
 * their type, at most {@link MAX_ATTRIBUTES}), input normalisation, and the reserved searchable
 * attributes every record has.
 */
import { PeerhoodError } from '../common/errors.ts'
import { MAX_ATTRIBUTE_NAME_LENGTH, MAX_ATTRIBUTES, RESERVED_ATTRIBUTE_PREFIX } from './constants.ts'
import { parseW3cDate } from './dates.ts'
import { memoize } from './string-memo.ts'
import type { AttributeType, GroupRecord, RecordAttribute } from './types.ts'

/** An attribute as an application gives it: ints and dates may also be text. */
export type AttributeInput =
  | { name: string, type: 'string', value: string }
  | { name: string, type: 'int', value: number | string }
  | { name: string, type: 'date', value: number | string | Date }

/** The reserved attributes synthesised for every record (searchable, never stored). */
export const RESERVED_ATTRIBUTES: Readonly<Record<string, AttributeType>> = {
  peercreatorid: 'string',
  peerlastmodifiedby: 'string',
  peercreationtime: 'date',
  peerlastmodificationtime: 'date',
  peerrecordid: 'string',
  peerrecordtype: 'string'
}

const NAME = /^[A-Za-z0-9]+$/

/** Whether `name` is a valid attribute name: alphanumeric, not too long. */
export function isAttributeName (name: string): boolean {
  return name.length <= MAX_ATTRIBUTE_NAME_LENGTH && NAME.test(name)
}

function validValue (attr: RecordAttribute): boolean {
  switch (attr.type) {
    case 'string': return typeof attr.value === 'string'
    case 'int': return Number.isSafeInteger(attr.value)
    case 'date': return Number.isSafeInteger(attr.value) && attr.value >= 0
    default: return false
  }
}

// an attribute name's lowercase form (names are case-insensitive), or why it cannot be used;
// remembered, because the records of a group repeat the same few names
const checkName = memoize((name: string): string | 'INVALID' | 'RESERVED' => {
  if (!isAttributeName(name)) return 'INVALID'
  const lower = name.toLowerCase()
  return lower.startsWith(RESERVED_ATTRIBUTE_PREFIX) ? 'RESERVED' : lower
})

/** Lists up to this long look for a duplicate name among the names before it (no Set is made). */
const SCAN_DUPLICATES_UP_TO = 8

/** Why a list of attributes is invalid, or undefined when it is valid (a pure check). */
export function attributesProblem (attributes: readonly RecordAttribute[]): string | undefined {
  if (attributes.length > MAX_ATTRIBUTES) return `more than ${MAX_ATTRIBUTES} attributes`
  // most records carry a few attributes: comparing with the earlier names costs less than a Set
  const seen = attributes.length > SCAN_DUPLICATES_UP_TO ? new Set<string>() : undefined
  const lowers: string[] = []
  for (const attr of attributes) {
    // a lowercase form is never INVALID or RESERVED (upper case)
    const lower = typeof attr.name === 'string' ? checkName(attr.name) : 'INVALID'
    if (lower === 'INVALID') return 'attribute names are alphanumeric'
    if (lower === 'RESERVED') return `"${attr.name}" is reserved`
    if (seen === undefined ? lowers.includes(lower) : seen.has(lower)) return `duplicate attribute "${attr.name}"`
    if (seen === undefined) lowers.push(lower)
    else seen.add(lower)
    if (!validValue(attr)) return `"${attr.name}" is not a valid ${String(attr.type)}`
  }
  return undefined
}

/** Checks attributes; throws `INVALID_ATTRIBUTES`. */
export function validateAttributes (attributes: readonly RecordAttribute[]): void {
  const problem = attributesProblem(attributes)
  if (problem !== undefined) throw new PeerhoodError('INVALID_ATTRIBUTES', problem)
}

function bad (name: string, type: string): PeerhoodError {
  return new PeerhoodError('INVALID_ATTRIBUTES', `"${name}" is not a valid ${type}`, { details: { name } })
}

function normalizeOne (input: AttributeInput): RecordAttribute {
  const { name } = input
  switch (input.type) {
    case 'string':
      if (typeof input.value !== 'string') throw bad(name, 'string')
      return { name, type: 'string', value: input.value }
    case 'int': {
      const value = typeof input.value === 'string' && /^[+-]?\d+$/.test(input.value.trim()) ? Number(input.value.trim()) : input.value
      if (typeof value !== 'number' || !Number.isSafeInteger(value)) throw bad(name, 'int')
      return { name, type: 'int', value }
    }
    case 'date': {
      const v = input.value
      const value = v instanceof Date ? v.getTime() : typeof v === 'string' ? parseW3cDate(v.trim()) : v
      if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) throw bad(name, 'date')
      return { name, type: 'date', value }
    }
    default:
      throw new PeerhoodError('INVALID_ATTRIBUTES', 'attribute type is string, int or date', { details: { name } })
  }
}

/** Typed, validated attributes from application input; throws `INVALID_ATTRIBUTES`. */
export function normalizeAttributes (inputs: readonly AttributeInput[]): RecordAttribute[] {
  if (!Array.isArray(inputs)) throw new PeerhoodError('INVALID_ATTRIBUTES', 'attributes are a list')
  const attributes = inputs.map(normalizeOne)
  validateAttributes(attributes)
  return attributes
}

/** The value of an attribute of a record, reserved ones included (names are case-insensitive). */
export function attributeOf (record: GroupRecord, name: string): RecordAttribute | undefined {
  const lower = name.toLowerCase()
  switch (lower) {
    case 'peercreatorid': return { name: lower, type: 'string', value: record.creator }
    case 'peerlastmodifiedby': return { name: lower, type: 'string', value: record.modifier }
    case 'peercreationtime': return { name: lower, type: 'date', value: record.created }
    case 'peerlastmodificationtime': return { name: lower, type: 'date', value: record.modified }
    case 'peerrecordid': return { name: lower, type: 'string', value: record.id }
    case 'peerrecordtype': return { name: lower, type: 'string', value: record.type }
  }
  for (const attr of record.attributes) {
    if (attr.name.toLowerCase() === lower) return attr
  }
  return undefined
}
