/**
 * Walks the config schema down to its leaves (the keys a user sets), so the environment mapping,
 * the error messages and the configuration table all follow the schema: a new key needs no list
 * kept in step anywhere else.
 */
import { z } from 'zod'
import { configSchema } from './schema.ts'

/** Prefix of every environment variable that sets a config key. */
export const ENV_PREFIX = 'PEERHOOD_'

/** Environment variables with the prefix that are not config keys (`PEERHOOD_DATA` is the data directory). */
export const RESERVED_ENV = ['PEERHOOD_DATA'] as const

/** How a leaf's value is written in the environment and the table. */
export type ConfigLeafKind = 'number' | 'boolean' | 'enum' | 'string' | 'string[]' | 'other'

/** One settable key of the configuration. */
export interface ConfigLeaf {
  /** Dotted path, e.g. `api.port`. */
  key: string
  /** The path's segments, e.g. `['api', 'port']`. */
  path: string[]
  /** Environment variable that sets it, e.g. `PEERHOOD_API_PORT`. */
  env: string
  /** Kind of value. */
  kind: ConfigLeafKind
  /** The leaf's schema without its default. */
  schema: z.ZodType
  /** Default value. */
  default: unknown
  /** One line of documentation (the schema's `describe()` text). */
  description: string
}

/** `['connections', 'maxConnections']` → `PEERHOOD_CONNECTIONS_MAX_CONNECTIONS`. */
export function envName (path: readonly string[]): string {
  return ENV_PREFIX + path.map(p => p.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase()).join('_')
}

/** Strips defaults, prefaults and optionality, leaving the schema that checks the value. */
export function unwrap (schema: z.ZodType): z.ZodType {
  let s = schema
  while (s instanceof z.ZodDefault || s instanceof z.ZodPrefault || s instanceof z.ZodOptional || s instanceof z.ZodNullable) {
    s = s.unwrap() as z.ZodType
  }
  return s
}

/** The schema that checks the value at `path` (numbers index arrays), or undefined if none does. */
export function schemaAt (path: readonly PropertyKey[]): z.ZodType | undefined {
  let s: z.ZodType | undefined = unwrap(configSchema)
  for (const segment of path) {
    if (s instanceof z.ZodObject && typeof segment === 'string' && Object.hasOwn(s.shape, segment)) {
      s = unwrap(s.shape[segment] as z.ZodType)
    } else if (s instanceof z.ZodArray && typeof segment === 'number') {
      s = unwrap(s.element as z.ZodType)
    } else {
      return undefined
    }
  }
  return s
}

function kindOf (s: z.ZodType): ConfigLeafKind {
  if (s instanceof z.ZodNumber) return 'number'
  if (s instanceof z.ZodBoolean) return 'boolean'
  if (s instanceof z.ZodEnum) return 'enum'
  if (s instanceof z.ZodString) return 'string'
  if (s instanceof z.ZodArray && unwrap(s.element as z.ZodType) instanceof z.ZodString) return 'string[]'
  return 'other'
}

function valueAt (value: unknown, path: readonly string[]): unknown {
  return path.reduce<unknown>((v, k) => (v as Record<string, unknown> | undefined)?.[k], value)
}

function collect (schema: z.ZodType, path: string[], defaults: unknown, out: ConfigLeaf[]): void {
  const s = unwrap(schema)
  if (s instanceof z.ZodObject) {
    for (const [name, child] of Object.entries(s.shape)) collect(child as z.ZodType, [...path, name], defaults, out)
    return
  }
  out.push({
    key: path.join('.'),
    path,
    env: envName(path),
    kind: kindOf(s),
    schema: s,
    default: valueAt(defaults, path),
    description: schema.description ?? s.description ?? ''
  })
}

let leaves: readonly ConfigLeaf[] | undefined

/** Every settable key, in schema order. */
export function configLeaves (): readonly ConfigLeaf[] {
  if (leaves === undefined) {
    const out: ConfigLeaf[] = []
    collect(configSchema, [], configSchema.parse({}), out)
    leaves = Object.freeze(out)
  }
  return leaves
}
