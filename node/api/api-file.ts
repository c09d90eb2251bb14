/**
 * `api.json` in the data directory: where the running node's control API listens, so the CLI
 * finds it. Written (mode 0600) once the server listens, removed when it closes.
 */
import { randomBytes } from 'node:crypto'
import { chmod, readFile, rename, unlink, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { PeerhoodError } from '../../protocols/common/errors.ts'
import { API_FILE, PRIVATE_FILE_MODE } from './constants.ts'

/** Contents of `api.json`. */
export interface ApiFile {
  /** Base URL of the API, `http://127.0.0.1:<port>`. */
  url: string
  /** TCP port of the API. */
  port: number
  /** Process id of the node serving it. */
  pid: number
}

/** Writes `<dataDir>/api.json` atomically (temporary file, then rename) with mode 0600. */
export async function writeApiFile (dataDir: string, info: ApiFile): Promise<void> {
  const file = join(dataDir, API_FILE)
  const tmp = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`
  try {
    await writeFile(tmp, JSON.stringify(info, null, 2) + '\n', { mode: PRIVATE_FILE_MODE, flag: 'wx' })
    await chmod(tmp, PRIVATE_FILE_MODE)
    await rename(tmp, file)
  } catch (err) {
    await unlink(tmp).catch(() => {})
    throw new PeerhoodError('DATA_DIR_UNWRITABLE', `cannot write ${file}`, { cause: err, details: { path: file } })
  }
}

/** Removes `<dataDir>/api.json` if it is there. */
export async function removeApiFile (dataDir: string): Promise<void> {
  await unlink(join(dataDir, API_FILE)).catch((err: NodeJS.ErrnoException) => {
    if (err.code !== 'ENOENT') throw err
  })
}

/**
 * Reads `<dataDir>/api.json`. Throws `NODE_NOT_RUNNING` when it is missing or malformed, or when
 * the process it names is gone (a node that was killed leaves the file behind).
 */
export async function readApiFile (dataDir: string): Promise<ApiFile> {
  const file = join(dataDir, API_FILE)
  let info: unknown
  try {
    info = JSON.parse(await readFile(file, 'utf8'))
  } catch (err) {
    throw new PeerhoodError('NODE_NOT_RUNNING', `no running node found (cannot read ${file})`, { cause: err, details: { path: file } })
  }
  if (!isApiFile(info)) {
    throw new PeerhoodError('NODE_NOT_RUNNING', `no running node found (${file} is malformed)`, { details: { path: file } })
  }
  if (!processExists(info.pid)) {
    throw new PeerhoodError('NODE_NOT_RUNNING', `no running node found (process ${info.pid} is gone)`, { details: { path: file, pid: info.pid } })
  }
  return info
}

function isApiFile (value: unknown): value is ApiFile {
  if (typeof value !== 'object' || value === null) return false
  const { url, port, pid } = value as Record<string, unknown>
  return typeof url === 'string' && URL.canParse(url) && Number.isInteger(port) && Number.isInteger(pid)
}

function processExists (pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (err) {
    // EPERM: it exists but belongs to someone else
    return (err as NodeJS.ErrnoException).code !== 'ESRCH'
  }
}
