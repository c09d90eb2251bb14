/**
 * Opening a data directory for a node: initialise it if asked, take its lock, read the identity.
 */
import { join, resolve } from 'node:path'
import type { PrivateKey } from '@libp2p/interface'
import { peerIdFromPrivateKey } from '@libp2p/peer-id'
import { parseConfig } from '../../config/parse.ts'
import { PeerhoodError } from '../../protocols/common/errors.ts'
import { readCollabIdentity } from './collab-identity.ts'
import { configuredDisplayName } from './config-file.ts'
import { ensureDir, readOptional } from './fs.ts'
import { ensureCertificate, type IdentityFiles, readKeyFile, restrictKeyMode } from './identity-files.ts'
import { initIdentity } from './init.ts'
import { CONFIG_FILE, IDENTITY_KEY_FILE } from './layout.ts'
import { acquireLock } from './lock.ts'

/** Options of {@link openDataDir}. */
export interface OpenDataDirOptions {
  /** Take the directory's exclusive lock (`node.lock`) until `release()`. @default true */
  lock?: boolean
  /** Initialise the directory first when it is not (see `initDataDir`). @default true */
  create?: boolean
  /** Display name the node runs with; the certificate is re-issued when it names another. @default the one in `config.json` */
  displayName?: string
}

/** An open data directory. */
export interface DataDir {
  /** Absolute path of the directory. */
  readonly path: string
  /** The node's private key (its PeerId). */
  readonly privateKey: PrivateKey
  /** The PeerId, base58btc. */
  readonly peerId: string
  /** The identity certificate, DER. */
  readonly identityCertificate: Uint8Array
  /** Display name in the identity certificate. */
  readonly displayName: string
  /** The Collaboration identity imported as an endpoint (`collab-identity.key`), when there is one. */
  readonly collabIdentity?: IdentityFiles
  /** Path of `config.json`. */
  readonly configFile: string
  /** Releases the lock if this call took it and still holds it. Idempotent. */
  release (): Promise<void>
}

function notInitialized (path: string): PeerhoodError {
  return new PeerhoodError('DATA_DIR_NOT_INITIALIZED', `${path} holds no identity (run "peerhood init")`, { details: { path } })
}

async function readIdentity (path: string, displayName: string | undefined): Promise<IdentityFiles> {
  const privateKey = await readKeyFile(path)
  if (privateKey === undefined) throw notInitialized(path)
  const identity = await ensureCertificate(path, privateKey, displayName ?? await configuredDisplayName(path), parseConfig({}).displayName)
  await restrictKeyMode(path)
  return identity
}

/**
 * Opens the data directory `dir`. Restarting gives the same PeerId. Codes:
 * `DATA_DIR_NOT_INITIALIZED` (with `create: false`), `DATA_DIR_LOCKED` (details: `path`, `pid`),
 * `DATA_DIR_UNWRITABLE` (details: `path`), `INVALID_IDENTITY` (a damaged key file, or a certificate
 * of another PeerId; nothing is written then).
 */
export async function openDataDir (dir: string, options: OpenDataDirOptions = {}): Promise<DataDir> {
  const path = resolve(dir)
  const create = options.create ?? true
  if (create) await ensureDir(path)
  else if (await readOptional(join(path, IDENTITY_KEY_FILE)) === undefined) throw notInitialized(path)
  const release = (options.lock ?? true) ? await acquireLock(path) : async () => {}
  try {
    const identity = create
      ? await initIdentity(path, options.displayName === undefined ? {} : { displayName: options.displayName }, options.displayName)
      : await readIdentity(path, options.displayName)
    const collabIdentity = await readCollabIdentity(path)
    return {
      ...(collabIdentity === undefined ? {} : { collabIdentity }),
      path,
      privateKey: identity.privateKey,
      peerId: peerIdFromPrivateKey(identity.privateKey).toString(),
      identityCertificate: identity.certificate,
      displayName: identity.displayName,
      configFile: join(path, CONFIG_FILE),
      release
    }
  } catch (err) {
    await release()
    throw err
  }
}
