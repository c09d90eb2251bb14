/**
 * The errors of a datastore that cannot be opened, each naming the path and the way out.
 */
import { dirname } from 'node:path'
import { PeerhoodError } from '../../protocols/common/errors.ts'

/** The data directory of a datastore folder (`<dataDir>/datastore`). */
function dataDirOf (datastore: string): string {
  return dirname(datastore)
}

/** `DATASTORE_CORRUPT`: `file` of the datastore at `datastore` is damaged (or missing) for `reason`. */
export function corrupt (datastore: string, file: string, reason: string, cause?: unknown): PeerhoodError {
  return new PeerhoodError('DATASTORE_CORRUPT',
    `the datastore is damaged: ${file}: ${reason}. Nothing was changed. Stop every node on it and run "peerhood repair --data ${dataDirOf(datastore)}": ` +
    'it keeps every record that still verifies and the groups send back the rest',
    { ...(cause === undefined ? {} : { cause }), details: { path: file, datastore, reason } })
}

/** `DATASTORE_LOCKED`: another process (or another open in this one) has the LevelDB open. */
export function locked (datastore: string, lockFile: string, pid?: number): PeerhoodError {
  const holder = pid === undefined ? 'another process' : pid === process.pid ? 'this process (opened twice)' : `process ${pid}`
  return new PeerhoodError('DATASTORE_LOCKED',
    `the datastore ${datastore} is open in ${holder}, which holds ${lockFile}; stop it first (node.lock may have been removed by hand)`,
    { details: { path: lockFile, datastore, ...(pid === undefined ? {} : { pid }) } })
}

/** `DATA_DIR_READ_ONLY`: `path` cannot be written (read-only file system, or no write permission). */
export function readOnly (path: string, cause?: unknown): PeerhoodError {
  const errno = (cause as NodeJS.ErrnoException | undefined)?.code
  return new PeerhoodError('DATA_DIR_READ_ONLY',
    `${path} is read-only${errno === undefined ? '' : ` (${errno})`}: a node must write its datastore and lock; make it writable or use another --data`,
    { ...(cause === undefined ? {} : { cause }), details: { path, ...(errno === undefined ? {} : { errno }) } })
}

/** Errno codes that mean "this place cannot be written", as opposed to a failing disk. */
export const READ_ONLY_ERRNOS: ReadonlySet<string> = new Set(['EROFS', 'EACCES', 'EPERM'])
