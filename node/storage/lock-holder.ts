/**
 * Who holds a LevelDB `LOCK` file, asked before opening: LevelDB renames its `LOG` to
 * `LOG.old` before it tries the lock, so a failed open would change files. The kernel lists
 * POSIX locks in `/proc/locks` (Linux); elsewhere this answers undefined and LevelDB's own
 * refusal is reported instead.
 */
import { readFile, stat } from 'node:fs/promises'

/** The pid holding a POSIX lock on `lockFile`, or undefined (none, or not knowable here). */
export async function lockHolder (lockFile: string): Promise<number | undefined> {
  if (process.platform !== 'linux') return undefined
  let info: { dev: number, ino: number }
  let table: string
  try {
    info = await stat(lockFile)
    table = await readFile('/proc/locks', 'latin1')
  } catch {
    return undefined
  }
  // dev_t as Linux encodes it: major in bits 8-19 (and 32+), minor in bits 0-7 (and 20-31)
  const major = ((info.dev >>> 8) & 0xfff) | (Math.floor(info.dev / 2 ** 32) & ~0xfff)
  const minor = (info.dev & 0xff) | ((info.dev >>> 12) & ~0xff)
  for (const line of table.split('\n')) {
    // "1: POSIX  ADVISORY  WRITE 13051 fe:00:2146448 0 EOF"
    const fields = line.trim().split(/\s+/)
    const id = fields[5]?.split(':')
    if (fields[1] !== 'POSIX' || id?.length !== 3) continue
    if (Number.parseInt(id[0]!, 16) === major && Number.parseInt(id[1]!, 16) === minor && Number(id[2]) === info.ino) return Number(fields[4])
  }
  return undefined
}
