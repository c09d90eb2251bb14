/**
 * `exportIdentity`: the data directory's identity as a password-protected text file (Windows'
 * PeerIdentityExport); see `format.ts` for the format.
 */
import { openDataDir } from '../data-dir/open.ts'
import { deriveKeys, freshSaltAndIv, normalizePassword, seal } from './crypto.ts'
import { encodeExport, EXPORT_VERSION, headerBytes, type IdentityExport, KDF_PARAMS } from './format.ts'
import { encodeIdentity } from './plaintext.ts'

/**
 * Exports the identity of the data directory `dir` (key, certificate, display name), encrypted
 * under `password`. Works while a node runs there (no lock is taken). Codes: `INVALID_ARGUMENT`
 * (empty password), `DATA_DIR_NOT_INITIALIZED`, `INVALID_IDENTITY`, `DATA_DIR_UNWRITABLE`.
 */
export async function exportIdentity (dir: string, password: string): Promise<string> {
  normalizePassword(password)
  const data = await openDataDir(dir, { lock: false, create: false })
  const { salt, iv } = freshSaltAndIv()
  const keys = await deriveKeys(password, salt, KDF_PARAMS)
  const header: IdentityExport = { v: EXPORT_VERSION, kdf: 'scrypt', ...KDF_PARAMS, salt, iv, check: keys.check, ciphertext: new Uint8Array(), tag: new Uint8Array() }
  const plaintext = encodeIdentity({ privateKey: data.privateKey, certificate: data.identityCertificate, displayName: data.displayName })
  return encodeExport({ ...header, ...seal(keys.encryptionKey, iv, headerBytes(header), plaintext) })
}
