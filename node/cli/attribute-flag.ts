/**
 * The `--attr` flag of `peerhood record add|update`: `name:type=value` (type `string`, `int` or
 * `date`), or `name=value` for a string. Pure.
 */
import { PeerhoodError } from '../../protocols/common/errors.ts'
import { type AttributeInput, isAttributeName } from '../../protocols/records/attributes.ts'
import { parseW3cDate } from '../../protocols/records/dates.ts'

const TYPES = ['string', 'int', 'date'] as const

function bad (text: string, why: string): PeerhoodError {
  return new PeerhoodError('INVALID_ARGUMENT', `--attr ${text}: ${why} (expected name:type=value, type string, int or date)`, { details: { attr: text } })
}

/**
 * One attribute from `name:type=value`. The value is everything after the first `=` (it may hold
 * `=` and `:`); an `int` is a decimal safe integer, a `date` a W3C / ISO 8601 date (sent as epoch
 * milliseconds). Throws `INVALID_ARGUMENT`. Reserved `peer*` names are left to the node
 * (`INVALID_ATTRIBUTES`).
 */
export function parseAttributeFlag (text: string): AttributeInput {
  const eq = text.indexOf('=')
  if (eq < 0) throw bad(text, 'no "="')
  const head = text.slice(0, eq)
  const value = text.slice(eq + 1)
  const colon = head.indexOf(':')
  const name = colon < 0 ? head : head.slice(0, colon)
  const type = colon < 0 ? 'string' : head.slice(colon + 1)
  if (!isAttributeName(name)) throw bad(text, 'names are alphanumeric')
  if (!(TYPES as readonly string[]).includes(type)) throw bad(text, `unknown type "${type}"`)
  switch (type) {
    case 'int': {
      const n = Number(value.trim())
      if (!/^[+-]?\d+$/.test(value.trim()) || !Number.isSafeInteger(n)) throw bad(text, 'not an integer')
      return { name, type: 'int', value: n }
    }
    case 'date': {
      const ms = parseW3cDate(value.trim())
      if (ms === undefined || ms < 0) throw bad(text, 'not a date')
      return { name, type: 'date', value: ms }
    }
    default:
      return { name, type: 'string', value }
  }
}

/** Every `--attr` flag, in order (undefined when there are none). */
export function parseAttributeFlags (list: readonly string[] | undefined): AttributeInput[] | undefined {
  return list === undefined ? undefined : list.map(parseAttributeFlag)
}
