/**
 * Loading the configuration: the config file, then the environment, then command-line flags, later
 * sources winning, validated by the schema.
 */
import { readFile } from 'node:fs/promises'
import { PeerhoodError } from '../protocols/common/errors.ts'
import { configFromEnv } from './env.ts'
import { mergeConfig } from './merge.ts'
import { parseConfig } from './parse.ts'
import type { PeerhoodConfig, PeerhoodConfigInput } from './schema.ts'

export { configFromEnv } from './env.ts'
export { mergeConfig } from './merge.ts'
export { type ConfigIssue, type ConfigSource, type ParseConfigOptions, parseConfig } from './parse.ts'

/** Options of {@link loadConfig}. */
export interface LoadConfigInit {
  /** JSON config file (usually `config.json` in the data directory); a missing file is empty. @default undefined (no file) */
  file?: string
  /** Environment to read `PEERHOOD_*` variables from. @default process.env */
  env?: NodeJS.ProcessEnv
  /** Values from command-line flags, the strongest source. @default {} */
  flags?: PeerhoodConfigInput
  /** The flag that sets a key, named in errors about flags. @default undefined ("from the command line") */
  flagOf?: (key: string) => string | undefined
}

/**
 * Reads a JSON config file. A missing (or blank) file is `{}`.
 *
 * @throws PeerhoodError `INVALID_CONFIG` (details: `file`) when it cannot be read, is not JSON or
 * not a JSON object
 */
export async function readConfigFile (path: string): Promise<PeerhoodConfigInput> {
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (err) {
    // ENOTDIR: a parent is a file, so there is no config file (the data directory check reports it)
    const code = (err as NodeJS.ErrnoException).code
    if (code === 'ENOENT' || code === 'ENOTDIR') return {}
    throw new PeerhoodError('INVALID_CONFIG', `cannot read config file ${path}: ${(err as Error).message}`, { cause: err, details: { file: path } })
  }
  if (text.trim() === '') return {}
  let value: unknown
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ''))
  } catch (err) {
    throw new PeerhoodError('INVALID_CONFIG', `config file ${path} is not valid JSON: ${(err as Error).message}`, { cause: err, details: { file: path } })
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new PeerhoodError('INVALID_CONFIG', `config file ${path} must hold a JSON object`, { details: { file: path, key: '', value } })
  }
  return value as PeerhoodConfigInput
}

/**
 * Loads the configuration: file ← environment ← flags. Each source is checked alone first, so an
 * error names where the bad value came from (`details.source`: `file`, `env` or `flags`).
 *
 * @throws PeerhoodError `INVALID_CONFIG`
 */
export async function loadConfig (init: LoadConfigInit = {}): Promise<PeerhoodConfig> {
  const file = init.file === undefined ? {} : await readConfigFile(init.file)
  const env = configFromEnv(init.env ?? process.env)
  const flags = init.flags ?? {}
  parseConfig(file, { source: 'file', ...(init.file === undefined ? {} : { file: init.file }) })
  parseConfig(env, { source: 'env' })
  parseConfig(flags, { source: 'flags', ...(init.flagOf === undefined ? {} : { flagOf: init.flagOf }) })
  return parseConfig(mergeConfig(file, env, flags))
}
