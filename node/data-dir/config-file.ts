/**
 * `config.json` of a data directory: written once with every default spelled out, so a person can
 * see and edit every key; never overwritten afterwards.
 */
import { join } from 'node:path'
import { readConfigFile } from '../../config/load.ts'
import { parseConfig } from '../../config/parse.ts'
import type { PeerhoodConfig } from '../../config/schema.ts'
import { readOptional, writeFileAtomic } from './fs.ts'
import { CONFIG_FILE, PUBLIC_FILE_MODE } from './layout.ts'

/** Writes `config` (already validated) as pretty JSON unless `config.json` exists; whether it wrote. */
export async function writeConfigIfMissing (dir: string, config: PeerhoodConfig): Promise<boolean> {
  const path = join(dir, CONFIG_FILE)
  if (await readOptional(path) !== undefined) return false
  await writeFileAtomic(path, JSON.stringify(config, null, 2) + '\n', PUBLIC_FILE_MODE)
  return true
}

/**
 * The display name `config.json` gives (the schema default when it names none), or undefined when
 * there is no readable, valid `config.json`.
 */
export async function configuredDisplayName (dir: string): Promise<string | undefined> {
  try {
    const input = await readConfigFile(join(dir, CONFIG_FILE))
    return parseConfig({ displayName: input.displayName }).displayName
  } catch {
    return undefined
  }
}
