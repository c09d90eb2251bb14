/**
 * Configuration from environment variables: every key `a.bC` is set by `PEERHOOD_A_B_C`, the value
 * read according to the key's type. The mapping is derived from the schema.
 */
import { PeerhoodError } from '../protocols/common/errors.ts'
import { describeAllowed } from './allowed.ts'
import { type ConfigLeaf, configLeaves, RESERVED_ENV } from './leaves.ts'
import type { PeerhoodConfigInput } from './schema.ts'

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i
const TRUE = new Set(['true', '1'])
const FALSE = new Set(['false', '0'])

function invalid (leaf: ConfigLeaf, raw: string): PeerhoodError {
  const allowed = describeAllowed(leaf.schema)
  return new PeerhoodError('INVALID_CONFIG', `${leaf.key}: ${JSON.stringify(raw)} is not allowed (${allowed}), from ${leaf.env}`, {
    details: { key: leaf.key, value: raw, allowed, env: leaf.env, source: 'env' }
  })
}

/** Reads one variable's text as the leaf's type; undefined means "not set". */
function coerce (leaf: ConfigLeaf, raw: string): unknown {
  const text = raw.trim()
  switch (leaf.kind) {
    case 'string[]': return text.split(',').map(s => s.trim()).filter(s => s !== '')
    case 'string': return raw === '' ? undefined : raw
    case 'other': return text === '' ? undefined : text
  }
  if (text === '') return undefined
  if (leaf.kind === 'number') {
    if (!NUMBER.test(text)) throw invalid(leaf, raw)
    return Number(text)
  }
  if (leaf.kind === 'boolean') {
    const lower = text.toLowerCase()
    if (TRUE.has(lower)) return true
    if (FALSE.has(lower)) return false
    throw invalid(leaf, raw)
  }
  return text // enum: checked with the rest by parseConfig
}

function setAt (target: Record<string, unknown>, path: readonly string[], value: unknown): void {
  let node = target
  for (const segment of path.slice(0, -1)) node = (node[segment] ??= {}) as Record<string, unknown>
  node[path[path.length - 1]!] = value
}

/**
 * The configuration set by `env`: `PEERHOOD_<PATH>` in SCREAMING_SNAKE for every key
 * (`api.port` → `PEERHOOD_API_PORT`). Numbers are decimal; booleans `true`/`false`/`1`/`0`; lists
 * comma-separated (empty means an empty list). An empty value leaves any other key unset.
 * Variables that name no key, and `PEERHOOD_DATA` (the data directory), are ignored.
 *
 * @throws PeerhoodError `INVALID_CONFIG` when a number or boolean cannot be read
 */
export function configFromEnv (env: NodeJS.ProcessEnv): PeerhoodConfigInput {
  const out: Record<string, unknown> = {}
  for (const leaf of configLeaves()) {
    if ((RESERVED_ENV as readonly string[]).includes(leaf.env)) continue
    const raw = env[leaf.env]
    if (raw === undefined) continue
    const value = coerce(leaf, raw)
    if (value !== undefined) setAt(out, leaf.path, value)
  }
  return out as PeerhoodConfigInput
}
