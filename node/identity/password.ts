/**
 * Reading a password from a file (`--password-file`), for scripts; prompting on a terminal is the
 * CLI's job.
 */
import { readFile } from 'node:fs/promises'
import { PeerhoodError } from '../../protocols/common/errors.ts'

/**
 * The first line of the file at `path`, without its line ending (or a byte-order mark). Codes:
 * `NOT_FOUND` (no such file), `INVALID_ARGUMENT` (unreadable, or the first line is empty).
 */
export async function readPasswordFromFile (path: string): Promise<string> {
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'NOT_FOUND' : 'INVALID_ARGUMENT'
    throw new PeerhoodError(code, `cannot read password file ${path}: ${(err as Error).message}`, { cause: err, details: { path } })
  }
  const password = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? ''
  if (password === '') throw new PeerhoodError('INVALID_ARGUMENT', `password file ${path} starts with an empty line`, { details: { path } })
  return password
}
