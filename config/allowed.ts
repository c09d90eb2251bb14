/**
 * What a config value allows, in words, read from its schema: the "what is allowed" part of an
 * `INVALID_CONFIG` message and the Type column of the configuration table.
 */
import { z } from 'zod'
import { unwrap } from './leaves.ts'

function bound (n: number | null | undefined): number | undefined {
  return n == null || !Number.isFinite(n) || Math.abs(n) >= Number.MAX_SAFE_INTEGER ? undefined : n
}

function range (min: number | undefined, max: number | undefined, unit = ''): string {
  if (min !== undefined && max !== undefined) return unit === '' ? `from ${min} to ${max}` : `of ${min} to ${max}${unit}`
  if (min !== undefined) return `of at least ${min}${unit}`
  if (max !== undefined) return `of at most ${max}${unit}`
  return ''
}

function formatOf (s: z.ZodString, format: 'starts_with' | 'includes'): string | undefined {
  for (const check of s.def.checks ?? []) {
    const def = check._zod.def as { check: string, format?: string, prefix?: string, includes?: string }
    if (def.check === 'string_format' && def.format === format) return format === 'starts_with' ? def.prefix : def.includes
  }
  return undefined
}

function describeString (s: z.ZodString): string {
  const min = bound(s.minLength) ?? 0
  const max = bound(s.maxLength)
  const prefix = formatOf(s, 'starts_with')
  const includes = formatOf(s, 'includes')
  let text = 'a string'
  if (min === 1 && max === undefined) text = 'a non-empty string'
  else if (min > 0 || max !== undefined) text += ' ' + range(min > 0 ? min : undefined, max, ' characters')
  if (prefix !== undefined) text += ` starting with ${JSON.stringify(prefix)}`
  if (includes !== undefined) text += `${prefix === undefined ? '' : ' and'} containing ${JSON.stringify(includes)}`
  return text
}

/** Describes what `schema` accepts, e.g. `an integer from 0 to 65535`. */
export function describeAllowed (schema: z.ZodType): string {
  const s = unwrap(schema)
  if (s instanceof z.ZodNumber) {
    const words = [s.isInt ? 'an integer' : 'a number', range(bound(s.minValue), bound(s.maxValue))]
    return words.filter(w => w !== '').join(' ')
  }
  if (s instanceof z.ZodBoolean) return 'true or false'
  if (s instanceof z.ZodEnum) return 'one of ' + s.options.map(o => JSON.stringify(o)).join(', ')
  if (s instanceof z.ZodString) return describeString(s)
  if (s instanceof z.ZodArray) return 'an array whose items are each ' + describeAllowed(s.element as z.ZodType)
  if (s instanceof z.ZodObject) return 'an object with the keys ' + Object.keys(s.shape).join(', ')
  return `a ${s.type}`
}

/** A short type for the configuration table, e.g. `integer (0–65535)`. */
export function typeLabel (schema: z.ZodType): string {
  const s = unwrap(schema)
  if (s instanceof z.ZodNumber) {
    const min = bound(s.minValue)
    const max = bound(s.maxValue)
    const name = s.isInt ? 'integer' : 'number'
    if (min !== undefined && max !== undefined) return `${name} (${min}–${max})`
    if (min !== undefined) return `${name} (≥ ${min})`
    if (max !== undefined) return `${name} (≤ ${max})`
    return name
  }
  if (s instanceof z.ZodEnum) return s.options.join(' | ')
  if (s instanceof z.ZodArray) return typeLabel(s.element as z.ZodType) + '[]'
  return s.type
}
