/**
 * How a CLI command finds its data directory and the API of the node running on it.
 */
import { ApiClient } from '../api/client.ts'
import { resolveDataDir } from '../data-dir.ts'
import { type CommandContext, flagString } from './command.ts'

/** The data directory: `--data-dir` (or `--data`, see `dataDirFlag`), else `PEERHOOD_DATA`, else `~/.peerhood`. */
export function dataDirOf (ctx: CommandContext): string {
  const flag = flagString(ctx.flags, 'data-dir')
  return resolveDataDir({ ...(flag === undefined ? {} : { flag }), env: ctx.env })
}

/** A client of the node running on the data directory. Code: NODE_NOT_RUNNING. */
export async function clientOf (ctx: CommandContext): Promise<ApiClient> {
  return ApiClient.fromDataDir(dataDirOf(ctx))
}
