/**
 * The control API's bearer token: created once per data directory, kept in a 0600 file, and
 * compared in constant time.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'
import { chmod, link, mkdir, readFile, stat, unlink, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { PRIVATE_FILE_MODE, TOKEN_BYTES, TOKEN_FILE } from './constants.ts'

/** A fresh token: {@link TOKEN_BYTES} random bytes, base64url without padding. */
export function generateToken (): string {
  return randomBytes(TOKEN_BYTES).toString('base64url')
}

/**
 * Returns the token stored in `<dataDir>/api-token`, creating the file (mode 0600) when it is
 * missing or empty. Creation is atomic: the token is written to a private temporary file and
 * hard-linked into place, so a concurrent reader never sees a half-written token and two
 * concurrent creators end up with the same one.
 */
export async function loadOrCreateToken (dataDir: string): Promise<string> {
  const file = join(dataDir, TOKEN_FILE)
  const existing = await readToken(file)
  if (existing !== undefined) return existing

  await mkdir(dataDir, { recursive: true, mode: 0o700 })
  const token = generateToken()
  const tmp = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`
  await writeFile(tmp, token + '\n', { mode: PRIVATE_FILE_MODE, flag: 'wx' })
  try {
    await chmod(tmp, PRIVATE_FILE_MODE)
    await link(tmp, file)
    return token
  } catch (err) {
    // someone else created it first (or it was empty and is still there): theirs wins
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err
    const winner = await readToken(file)
    if (winner !== undefined) return winner
    await writeFile(file, token + '\n', { mode: PRIVATE_FILE_MODE })
    await chmod(file, PRIVATE_FILE_MODE)
    return token
  } finally {
    await unlink(tmp).catch(() => {})
  }
}

/** Reads a token file; undefined when it is missing or empty. Tightens a too-open mode to 0600. */
async function readToken (file: string): Promise<string | undefined> {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw err
  }
  const token = text.trim()
  if (token === '') return undefined
  const { mode } = await stat(file)
  if ((mode & 0o077) !== 0) await chmod(file, PRIVATE_FILE_MODE)
  return token
}

/**
 * Whether an `Authorization` header carries `Bearer <token>`. Both sides are hashed first so
 * `timingSafeEqual` compares equal lengths and the time taken says nothing about the token.
 */
export function isAuthorized (header: string | undefined, token: string): boolean {
  if (header === undefined) return false
  const match = /^Bearer[ ]+(\S+)\s*$/i.exec(header)
  const given = createHash('sha256').update(match?.[1] ?? '').digest()
  const expected = createHash('sha256').update(token).digest()
  return timingSafeEqual(given, expected) && match !== null
}
