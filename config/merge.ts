/**
 * Deep merge of configuration inputs: later inputs win, plain objects merge key by key, arrays and
 * every other value are replaced whole, and `undefined` never overrides.
 */
import type { PeerhoodConfigInput } from './schema.ts'

function isPlainObject (value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false
  const proto = Object.getPrototypeOf(value)
  return proto === Object.prototype || proto === null
}

function mergeTwo (base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base }
  for (const [key, value] of Object.entries(over)) {
    if (value === undefined) continue
    const merged = isPlainObject(value) && isPlainObject(out[key]) ? mergeTwo(out[key] as Record<string, unknown>, value) : clone(value)
    // defineProperty, so a `__proto__` key from a JSON file stays data (and fails validation as unknown)
    Object.defineProperty(out, key, { value: merged, enumerable: true, writable: true, configurable: true })
  }
  return out
}

function clone (value: unknown): unknown {
  if (Array.isArray(value)) return value.map(clone)
  if (isPlainObject(value)) return mergeTwo({}, value)
  return value
}

/** Merges configuration inputs, later ones winning; the inputs are not modified. */
export function mergeConfig (...inputs: Array<PeerhoodConfigInput | Record<string, unknown> | undefined>): PeerhoodConfigInput {
  let out: Record<string, unknown> = {}
  for (const input of inputs) if (input !== undefined) out = mergeTwo(out, input as Record<string, unknown>)
  return out as PeerhoodConfigInput
}
