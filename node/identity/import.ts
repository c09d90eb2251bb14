/**
 * `importIdentity`: restores an exported identity into a data directory that has none (Windows'
 * PeerIdentityImport). Everything is decrypted and verified before the first byte is written.
 */
import { join, resolve } from 'node:path'
import { generateKeyPair } from '@libp2p/crypto/keys'
import { peerIdFromPrivateKey } from '@libp2p/peer-id'
import { parseConfig } from '../../config/parse.ts'
import { PeerhoodError } from '../../protocols/common/errors.ts'
import { hasCollabIdentity, writeCollabIdentity } from '../data-dir/collab-identity.ts'
import { writeConfigIfMissing } from '../data-dir/config-file.ts'
import { ensureDir, readOptional } from '../data-dir/fs.ts'
import { type IdentityFiles, readKeyFile, writeCertFile, writeKeyFile } from '../data-dir/identity-files.ts'
import { IDENTITY_KEY_FILE } from '../data-dir/layout.ts'
import { acquireLock } from '../data-dir/lock.ts'
import { openWithPassword } from '../../protocols/common/password-box.ts'
import { IDENTITY_EXPORT_PREFIX, MAX_EXPORT_SIZE } from './format.ts'
import { decodeIdentity } from './plaintext.ts'

function normalizePassword (password: string): void {
  if (password.length === 0) throw new PeerhoodError('INVALID_ARGUMENT', 'the password must not be empty')
}

/**
 * Decrypts and verifies an export file without writing anything. Codes: `INVALID_ARGUMENT`
 * (empty password), `BAD_PASSWORD`, `INVALID_EXPORT` (damaged or changed).
 */
export async function decryptIdentityExport (content: string, password: string): Promise<IdentityFiles> {
  normalizePassword(password)
  if (content.length > MAX_EXPORT_SIZE) throw new PeerhoodError('INVALID_EXPORT', 'too long for an identity export')
  return decodeIdentity(await openWithPassword(content, password, IDENTITY_EXPORT_PREFIX))
}

function alreadyExists (path: string): PeerhoodError {
  return new PeerhoodError('ALREADY_EXISTS', `${path} already holds an identity`, { details: { path } })
}

async function hasIdentity (path: string): Promise<boolean> {
  return await readOptional(join(path, IDENTITY_KEY_FILE)) !== undefined
}

/**
 * Restores an identity exported by `exportIdentity` into `dir`, which must hold no identity (it
 * may not exist yet). Writes `identity.key` (0600), `identity.crt` and, unless there is one,
 * `config.json` with every default and the imported display name. On any failure the directory
 * is left as it was. Codes: `ALREADY_EXISTS`, `INVALID_ARGUMENT`, `BAD_PASSWORD`,
 * `INVALID_EXPORT`, `DATA_DIR_LOCKED`, `DATA_DIR_UNWRITABLE`.
 */
export async function importIdentity (dir: string, content: string, password: string, options: ImportOptions = {}): Promise<ImportResult> {
  normalizePassword(password)
  const path = resolve(dir)
  if (options.asEndpoint === true) return await importAsEndpoint(path, content, password)
  if (await hasIdentity(path)) throw alreadyExists(path)
  const identity = await decryptIdentityExport(content, password)
  await ensureDir(path)
  const release = await acquireLock(path)
  try {
    if (await hasIdentity(path)) throw alreadyExists(path)
    await writeKeyFile(path, identity.privateKey)
    await writeCertFile(path, identity.certificate)
    await writeConfigIfMissing(path, parseConfig({ displayName: identity.displayName }))
  } finally {
    await release()
  }
  return { peerId: peerIdFromPrivateKey(identity.privateKey).toString() }
}

/** Options of {@link importIdentity}. */
export interface ImportOptions {
  /**
   * Import the identity as the Collaboration identity of this node, which keeps (or gets) its own
   * key and PeerId: one more endpoint of a person who runs several nodes. @default false
   */
  asEndpoint?: boolean
}

/** What an import made. */
export interface ImportResult {
  /** The node's PeerId (its libp2p key). */
  peerId: string
  /** The identity's PeerId (what contacts know the person by), when imported as an endpoint (else it is `peerId`). */
  identity?: string
}

/**
 * Imports `content` as the separate Collaboration identity of the node in `path` (which keeps its
 * own key, or gets a new one). Codes: `ALREADY_EXISTS` (it has a Collaboration identity already),
 * `INVALID_ARGUMENT` (the identity is the node's own key), those of the decryption.
 */
async function importAsEndpoint (path: string, content: string, password: string): Promise<ImportResult> {
  if (await hasCollabIdentity(path)) throw alreadyExists(path)
  const identity = await decryptIdentityExport(content, password)
  await ensureDir(path)
  const release = await acquireLock(path)
  try {
    if (await hasCollabIdentity(path)) throw alreadyExists(path)
    let nodeKey = await readKeyFile(path)
    if (nodeKey?.equals(identity.privateKey) === true) throw new PeerhoodError('INVALID_ARGUMENT', 'that identity is already this node\'s own key', { details: { path } })
    if (nodeKey === undefined) {
      // a new endpoint: its own key, so its PeerId is not the identity's nor another endpoint's
      nodeKey = await generateKeyPair('Ed25519')
      await writeKeyFile(path, nodeKey)
    }
    await writeCollabIdentity(path, identity)
    await writeConfigIfMissing(path, parseConfig({ displayName: identity.displayName }))
    return { peerId: peerIdFromPrivateKey(nodeKey).toString(), identity: peerIdFromPrivateKey(identity.privateKey).toString() }
  } finally {
    await release()
  }
}
