/**
 * Storage for a node: LevelDB in the data directory (the embedded default), or memory for tests
 * and embedding. Everything libp2p keeps (peer store, DHT records) and every Peerhood protocol
 * store lives in this one datastore.
 */
import { join } from 'node:path'
import { MemoryDatastore } from 'datastore-core'
import { LevelDatastore } from 'datastore-level'
import type { Datastore } from 'interface-datastore'
import { PeerhoodError } from '../protocols/common/errors.ts'
import { DATASTORE_DIR } from './data-dir/layout.ts'

/** Where a node keeps its data. */
export type StorageKind = 'level' | 'memory'

/** An opened datastore and how to close it. */
export interface OpenStorage {
  /** The datastore to hand to libp2p and the services. */
  datastore: Datastore
  /** Closes the datastore (libp2p does not close one it was given). */
  close (): Promise<void>
}

/** Opens the datastore: LevelDB under `<dataDir>/datastore`, or memory. */
export async function openStorage (kind: StorageKind, dataDir?: string): Promise<OpenStorage> {
  if (kind === 'memory') {
    return { datastore: new MemoryDatastore(), close: async () => {} }
  }
  if (dataDir === undefined) throw new PeerhoodError('INVALID_ARGUMENT', 'LevelDB storage needs a data directory')
  const path = join(dataDir, DATASTORE_DIR)
  const datastore = new LevelDatastore(path)
  try {
    await datastore.open()
  } catch (err) {
    throw new PeerhoodError('DATA_DIR_UNWRITABLE', `cannot open the datastore at ${path}`, { cause: err, details: { path } })
  }
  return { datastore, close: async () => { await datastore.close() } }
}
