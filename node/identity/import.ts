/**
 * `importIdentity`: restores an exported identity into a data directory that has none (Windows'
 * PeerIdentityImport). Everything is decrypted and verified before the first byte is written.
 */
import { join, resolve } from 'node:path'
import { peerIdFromPrivateKey } from '@libp2p/peer-id'
import { parseConfig } from '../../config/parse.ts'
import { PeerhoodError } from '../../protocols/common/errors.ts'
import { writeConfigIfMissing } from '../data-dir/config-file.ts'
import { ensureDir, readOptional } from '../data-dir/fs.ts'
import { type IdentityFiles, writeCertFile, writeKeyFile } from '../data-dir/identity-files.ts'
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
export async function importIdentity (dir: string, content: string, password: string): Promise<{ peerId: string }> {
  normalizePassword(password)
  const path = resolve(dir)
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
