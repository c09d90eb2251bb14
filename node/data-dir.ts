/**
 * The data directory (`--data`, `PEERHOOD_DATA`, default `~/.peerhood`): the node's identity, its
 * certificate, `config.json`, the LevelDB datastore, the lock of the running node and the control
 * API's connection files.
 *
 * ```
 * identity.key   libp2p private key (protobuf), 0600
 * identity.crt   identity certificate (PEM)
 * config.json    configuration, every default written out
 * datastore/     LevelDB
 * node.lock      { pid, startedAt } of the running node
 * api.json       where the control API listens
 * api-token      control API bearer token, 0600
 * ```
 */
import { homedir } from 'node:os'
import { join, resolve } from 'node:path'
import { DATA_DIR_ENV, DEFAULT_DATA_DIR_NAME } from './data-dir/layout.ts'

export { initDataDir, type InitDataDirOptions, type InitDataDirResult } from './data-dir/init.ts'
export * from './data-dir/layout.ts'
export { isProcessAlive, type LockInfo } from './data-dir/lock.ts'
export { type DataDir, type OpenDataDirOptions, openDataDir } from './data-dir/open.ts'

/** Options of {@link resolveDataDir}. */
export interface ResolveDataDirOptions {
  /** Value of the `--data` flag. @default undefined */
  flag?: string
  /** Environment to read `PEERHOOD_DATA` from. @default process.env */
  env?: NodeJS.ProcessEnv
}

function expandHome (path: string): string {
  return path === '~' || path.startsWith('~/') ? join(homedir(), path.slice(1)) : path
}

/** The data directory, absolute: the `--data` flag, else `PEERHOOD_DATA`, else `~/.peerhood`. */
export function resolveDataDir (options: ResolveDataDirOptions = {}): string {
  const fromEnv = (options.env ?? process.env)[DATA_DIR_ENV]
  const chosen = options.flag !== undefined && options.flag !== '' ? options.flag : fromEnv !== undefined && fromEnv !== '' ? fromEnv : join(homedir(), DEFAULT_DATA_DIR_NAME)
  return resolve(expandHome(chosen))
}
