/**
 * File-system helpers of the data directory: atomic writes, optional reads, and every I/O failure
 * turned into `DATA_DIR_READ_ONLY` or `DATA_DIR_UNWRITABLE` naming the path.
 */
import { randomBytes } from 'node:crypto'
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises'
import { dirname } from 'node:path'
import { PeerhoodError } from '../../protocols/common/errors.ts'
import { READ_ONLY_ERRNOS } from '../storage/errors.ts'
import { DATA_DIR_MODE } from './layout.ts'

/**
 * The error for a data directory (or a file in it) that cannot be written or read:
 * `DATA_DIR_READ_ONLY` when the place is read-only or not ours to write (EROFS, EACCES, EPERM),
 * `DATA_DIR_UNWRITABLE` for any other failure (a full or failing disk, a file in the way).
 */
export function unwritable (path: string, err: unknown, verb = 'write'): PeerhoodError {
  const code = (err as NodeJS.ErrnoException).code
  const readOnly = code !== undefined && READ_ONLY_ERRNOS.has(code)
  return new PeerhoodError(readOnly ? 'DATA_DIR_READ_ONLY' : 'DATA_DIR_UNWRITABLE', `cannot ${verb} ${path}${readOnly ? ' (read-only)' : ''}: ${(err as Error).message}`, {
    cause: err,
    details: { path, ...(code === undefined ? {} : { errno: code }) }
  })
}

/** Creates `dir` (and its parents) with mode 0700 unless it exists. */
export async function ensureDir (dir: string): Promise<void> {
  try {
    await mkdir(dir, { recursive: true, mode: DATA_DIR_MODE })
  } catch (err) {
    throw unwritable(dir, err, 'create')
  }
}

/** The file's bytes, or undefined when it does not exist. */
export async function readOptional (path: string): Promise<Buffer | undefined> {
  try {
    return await readFile(path)
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw unwritable(path, err, 'read')
  }
}

/** Syncs a directory so a rename in it survives a crash; not every platform allows it. */
async function syncDir (dir: string): Promise<void> {
  try {
    const handle = await open(dir, 'r')
    try { await handle.sync() } finally { await handle.close() }
  } catch {}
}

/**
 * Writes `data` to `path` atomically: a temporary file with `mode` in the same folder, synced,
 * then renamed over `path`. A crash leaves the old file or the new one, never half of one.
 */
export async function writeFileAtomic (path: string, data: string | Uint8Array, mode: number): Promise<void> {
  const temp = `${path}.${randomBytes(6).toString('hex')}.tmp`
  try {
    const handle = await open(temp, 'wx', mode)
    try {
      await handle.writeFile(data)
      await handle.sync()
    } finally {
      await handle.close()
    }
    await rename(temp, path)
  } catch (err) {
    await rm(temp, { force: true }).catch(() => {})
    throw unwritable(path, err)
  }
  await syncDir(dirname(path))
}
