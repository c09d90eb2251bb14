/**
 * Files the CLI reads and writes for the user: inputs fail with `INVALID_ARGUMENT`, outputs are
 * never overwritten (`ALREADY_EXISTS`).
 */
import { lstat, readFile, writeFile } from 'node:fs/promises'
import { PeerhoodError } from '../../protocols/common/errors.ts'

/** Reads a file the user named. Code: `INVALID_ARGUMENT` when it cannot be read. */
export async function readInputFile (path: string): Promise<Buffer> {
  return await readFile(path).catch((err: unknown) => {
    throw new PeerhoodError('INVALID_ARGUMENT', `cannot read ${path}`, { cause: err, details: { path } })
  })
}

/**
 * Writes a new file (`mode` applies to it, e.g. 0o600 for secrets). Codes: `ALREADY_EXISTS` when
 * the path exists (it is left alone), `INVALID_ARGUMENT` when it cannot be written.
 */
export async function writeNewFile (path: string, data: string | Uint8Array, mode = 0o644): Promise<void> {
  await writeFile(path, data, { mode, flag: 'wx' }).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'EEXIST') throw new PeerhoodError('ALREADY_EXISTS', `${path} exists; not overwritten`, { details: { path } })
    throw new PeerhoodError('INVALID_ARGUMENT', `cannot write ${path}: ${err.message}`, { cause: err, details: { path } })
  })
}

/** Fails with `ALREADY_EXISTS` when `path` exists (checked before asking for a password, say). */
export async function assertAbsent (path: string): Promise<void> {
  const exists = await lstat(path).then(() => true, () => false)
  if (exists) throw new PeerhoodError('ALREADY_EXISTS', `${path} exists; not overwritten`, { details: { path } })
}
