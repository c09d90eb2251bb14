/**
 * Validates configuration input against the schema and turns zod's issues into one
 * `INVALID_CONFIG` error whose message names the key, the value given and what is allowed.
 */
import type { z } from 'zod'
import { PeerhoodError } from '../protocols/common/errors.ts'
import { describeAllowed } from './allowed.ts'
import { envName, schemaAt } from './leaves.ts'
import { configSchema, type PeerhoodConfig } from './schema.ts'

/** Where a piece of configuration came from. */
export type ConfigSource = 'file' | 'env' | 'flags'

/** Options of {@link parseConfig}. */
export interface ParseConfigOptions {
  /** Where the input came from, named in the message and `details.source`. @default undefined (merged input) */
  source?: ConfigSource
  /** The config file, named in the message when `source` is `file`. @default undefined */
  file?: string
  /** The command-line flag that sets a key (`listen` → `--listen`), named when `source` is `flags`. @default undefined (the message says "from the command line") */
  flagOf?: (key: string) => string | undefined
}

/** One invalid value, as `details` of an `INVALID_CONFIG` error carries it. */
export interface ConfigIssue {
  /** Dotted key, e.g. `api.port` (`''` for the whole configuration). */
  key: string
  /** Index in the key's array, when one item is at fault. */
  index?: number
  /** The value given. */
  value: unknown
  /** What the key allows, in words. */
  allowed: string
}

const MAX_VALUE_TEXT = 80

function valueText (value: unknown): string {
  const text = value === undefined ? 'undefined' : JSON.stringify(value) ?? String(value)
  return text.length > MAX_VALUE_TEXT ? text.slice(0, MAX_VALUE_TEXT - 1) + '…' : text
}

function valueAt (input: unknown, path: readonly PropertyKey[]): unknown {
  return path.reduce<unknown>((v, k) => (typeof v === 'object' && v !== null ? (v as Record<PropertyKey, unknown>)[k] : undefined), input)
}

function toIssue (path: readonly PropertyKey[], input: unknown, allowed: string): ConfigIssue {
  const at = path.findIndex(p => typeof p === 'number')
  const keyPath = at === -1 ? path : path.slice(0, at)
  const issue: ConfigIssue = { key: keyPath.map(String).join('.'), value: valueAt(input, path), allowed }
  if (at !== -1) issue.index = path[at] as number
  return issue
}

function issuesOf (zodIssue: z.core.$ZodIssue, input: unknown): ConfigIssue[] {
  if (zodIssue.code === 'unrecognized_keys') {
    const parent = zodIssue.path.length === 0 ? 'at the top level' : `under ${zodIssue.path.join('.')}`
    const known = describeAllowed(schemaAt(zodIssue.path) ?? configSchema).replace(/^an object with the keys /, '')
    return zodIssue.keys.map(k => toIssue([...zodIssue.path, k], input, `not a known key; the keys ${parent} are ${known}`))
  }
  const schema = schemaAt(zodIssue.path)
  return [toIssue(zodIssue.path, input, schema === undefined ? zodIssue.message : describeAllowed(schema))]
}

function label (issue: ConfigIssue): string {
  const key = issue.key === '' ? 'configuration' : issue.key
  return issue.index === undefined ? key : `${key}[${issue.index}]`
}

function origin (issue: ConfigIssue, options: ParseConfigOptions): string {
  if (options.source === 'file') return options.file === undefined ? ', in the config file' : `, in ${options.file}`
  if (options.source === 'env' && issue.key !== '') return `, from ${envName(issue.key.split('.'))}`
  if (options.source === 'flags') {
    const flag = options.flagOf?.(issue.key)
    return flag === undefined ? ', from the command line' : `, from ${flag}`
  }
  return ''
}

/** `source`, and `file`, `env` or `flag` naming where the first bad value came from. */
function sourceDetails (issue: ConfigIssue | undefined, options: ParseConfigOptions): Record<string, string> {
  const out: Record<string, string> = {}
  if (options.source !== undefined) out.source = options.source
  if (options.file !== undefined) out.file = options.file
  if (issue === undefined || issue.key === '') return out
  if (options.source === 'env') out.env = envName(issue.key.split('.'))
  const flag = options.source === 'flags' ? options.flagOf?.(issue.key) : undefined
  if (flag !== undefined) out.flag = flag
  return out
}

/**
 * Validates `input` and returns the configuration with every default resolved.
 *
 * @throws PeerhoodError `INVALID_CONFIG`, `details` being the first {@link ConfigIssue} plus
 * `issues` (all of them), `source` and `file` when given, `env` (the variable) or `flag` (the flag) naming where
 * the first bad value came from.
 */
export function parseConfig (input: unknown, options: ParseConfigOptions = {}): PeerhoodConfig {
  const result = configSchema.safeParse(input)
  if (result.success) return result.data
  const issues = result.error.issues.flatMap(i => issuesOf(i, input))
  const lines = issues.map(i => `${label(i)}: ${valueText(i.value)} is not allowed (${i.allowed})${origin(i, options)}`)
  throw new PeerhoodError('INVALID_CONFIG', lines.join('; '), {
    cause: result.error,
    details: { ...issues[0], issues, ...sourceDetails(issues[0], options) }
  })
}
