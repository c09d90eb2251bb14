/**
 * The data directory's exclusive lock, so two nodes never share one identity and one LevelDB.
 * `node.lock` holds `{ pid, startedAt }`; it appears with its content in one step (a hard link
 * of a complete temporary file), and a lock whose process is gone is taken over.
 */
import { randomBytes } from 'node:crypto'
import { link, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { PeerhoodError } from '../../protocols/common/errors.ts'
import { readOptional, unwritable } from './fs.ts'
import { LOCK_FILE, PUBLIC_FILE_MODE } from './layout.ts'

/** Content of `node.lock`. */
export interface LockInfo {
  /** Process id of the node holding the lock. */
  pid: number
  /** When it took the lock (ISO 8601). */
  startedAt: string
}

const ATTEMPTS = 5

function parseLock (text: string): LockInfo | undefined {
  try {
    const info = JSON.parse(text) as Partial<LockInfo>
    return Number.isInteger(info.pid) && (info.pid as number) > 0 ? info as LockInfo : undefined
  } catch {
    return undefined
  }
}

/** Whether a process with this id exists (EPERM: it exists but belongs to someone else). */
export function isProcessAlive (pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/** Creates `path` with `content` unless it exists; false when it exists. */
async function createExclusive (path: string, content: string): Promise<boolean> {
  const temp = `${path}.${randomBytes(6).toString('hex')}.tmp`
  try {
    await writeFile(temp, content, { flag: 'wx', mode: PUBLIC_FILE_MODE })
    await link(temp, path)
    return true
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false
    throw unwritable(path, err)
  } finally {
    await rm(temp, { force: true }).catch(() => {})
  }
}

/**
 * Takes the lock of `dir` (which must exist); returns the function that releases it. Codes:
 * `DATA_DIR_LOCKED` (details: `path`, `pid`) while a live process holds it, `DATA_DIR_UNWRITABLE`.
 */
export async function acquireLock (dir: string): Promise<() => Promise<void>> {
  const path = join(dir, LOCK_FILE)
  const content = JSON.stringify({ pid: process.pid, startedAt: new Date().toISOString() } satisfies LockInfo) + '\n'
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    if (await createExclusive(path, content)) return releaser(path, content)
    const seen = (await readOptional(path))?.toString('utf8')
    if (seen === undefined) continue
    const holder = parseLock(seen)
    if (holder !== undefined && isProcessAlive(holder.pid)) {
      throw new PeerhoodError('DATA_DIR_LOCKED', `data directory is in use by process ${holder.pid} (remove ${path} if no node runs)`, { details: { path, pid: holder.pid } })
    }
    // stale: remove it, unless another process has just replaced it with its own
    if ((await readOptional(path))?.toString('utf8') === seen) await rm(path, { force: true })
  }
  throw new PeerhoodError('DATA_DIR_LOCKED', `could not take the lock ${path}: other processes keep taking it`, { details: { path } })
}

function releaser (path: string, content: string): () => Promise<void> {
  let released = false
  return async () => {
    if (released) return
    released = true
    if ((await readOptional(path).catch(() => undefined))?.toString('utf8') === content) await rm(path, { force: true })
  }
}
