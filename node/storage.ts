/**
 * Storage for a node: LevelDB in the data directory (the embedded default), or memory for tests
 * and embedding. Everything libp2p keeps (peer store, DHT records) and every Peerhood protocol
 * store lives in this one datastore.
 *
 * An existing LevelDB is checked before it is opened (`storage/check.ts`) and opened with
 * `createIfMissing: false`, so damage stops the node with `DATASTORE_CORRUPT` rather than
 * starting it empty; each way an open can fail has its own code naming the path.
 */
import { join } from 'node:path'
import { MemoryDatastore } from 'datastore-core'
import { LevelDatastore } from 'datastore-level'
import type { Datastore } from 'interface-datastore'
import { PeerhoodError } from '../protocols/common/errors.ts'
import { DATASTORE_DIR } from './data-dir/layout.ts'
import { checkDatastore } from './storage/check.ts'
import { corrupt, locked, READ_ONLY_ERRNOS, readOnly } from './storage/errors.ts'
import { lockHolder } from './storage/lock-holder.ts'

/** Where a node keeps its data. */
export type StorageKind = 'level' | 'memory'

/** An opened datastore and how to close it. */
export interface OpenStorage {
  /** The datastore to hand to libp2p and the services. */
  datastore: Datastore
  /** Closes the datastore (libp2p does not close one it was given). */
  close (): Promise<void>
}

/** Options of {@link openLevelDatastore}. */
export interface OpenLevelOptions {
  /** Check the files before opening (see `checkDatastore`). @default true */
  check?: boolean
}

/** classic-level's error for a failed open: its cause carries LevelDB's status. */
function openFailure (path: string, err: unknown): PeerhoodError {
  const cause = (err as { cause?: { code?: string, message?: string } }).cause ?? (err as { code?: string, message?: string })
  const text = `${cause.message ?? ''}`
  if (cause.code === 'LEVEL_LOCKED' || /\block\b.*(temporarily unavailable|already held)/i.test(text)) return locked(path, join(path, 'LOCK'))
  if (cause.code === 'LEVEL_CORRUPTION' || text.startsWith('Corruption')) return corrupt(path, path, text, err)
  if (/Permission denied|Read-only file system|Operation not permitted/i.test(text)) return readOnly(path, err)
  return new PeerhoodError('DATA_DIR_UNWRITABLE', `cannot open the datastore at ${path}: ${text}`, { cause: err, details: { path } })
}

/**
 * Opens (creating it when there is none) the LevelDB datastore in folder `path`. Codes:
 * `DATASTORE_CORRUPT` (details: `path` of the damaged file), `DATASTORE_LOCKED` (details:
 * `path` of LevelDB's LOCK, `pid` when known), `DATA_DIR_READ_ONLY`, `DATA_DIR_UNWRITABLE`.
 * A refused open changes no file.
 */
export async function openLevelDatastore (path: string, options: OpenLevelOptions = {}): Promise<LevelDatastore> {
  const lockFile = join(path, 'LOCK')
  const holder = await lockHolder(lockFile)
  if (holder !== undefined) throw locked(path, lockFile, holder)
  const state = options.check === false ? 'intact' : await checkDatastore(path)
  const datastore = new LevelDatastore(path)
  try {
    // the database's own open, not LevelDatastore.open(), which keeps only the message of its error
    await datastore.db.open({ createIfMissing: state === 'new', compression: false })
  } catch (err) {
    const errno = (err as NodeJS.ErrnoException).code
    throw errno !== undefined && READ_ONLY_ERRNOS.has(errno) ? readOnly(path, err) : openFailure(path, err)
  }
  return datastore
}

/** Opens the datastore: LevelDB under `<dataDir>/datastore`, or memory. */
export async function openStorage (kind: StorageKind, dataDir?: string): Promise<OpenStorage> {
  if (kind === 'memory') {
    return { datastore: new MemoryDatastore(), close: async () => {} }
  }
  if (dataDir === undefined) throw new PeerhoodError('INVALID_ARGUMENT', 'LevelDB storage needs a data directory')
  const datastore = await openLevelDatastore(join(dataDir, DATASTORE_DIR))
  return { datastore, close: async () => { await datastore.close() } }
}
