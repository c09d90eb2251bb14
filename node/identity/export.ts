/**
 * `exportIdentity`: the data directory's identity as a password-protected line of text (Windows'
 * PeerIdentityExport); see `format.ts` for the format.
 */
import { sealWithPassword } from '../../protocols/common/password-box.ts'
import { PeerhoodError } from '../../protocols/common/errors.ts'
import { readCollabIdentity } from '../data-dir/collab-identity.ts'
import { openDataDir } from '../data-dir/open.ts'
import { IDENTITY_EXPORT_PREFIX, IDENTITY_SCRYPT_N } from './format.ts'
import { encodeIdentity } from './plaintext.ts'

/**
 * Exports the identity of the data directory `dir` (key, certificate, display name), encrypted
 * under `password`: its Collaboration identity when one was imported as an endpoint (the person's,
 * for one more endpoint), else the node's own key. Works while a node runs there (no lock is taken). Codes: `INVALID_ARGUMENT`
 * (empty password), `DATA_DIR_NOT_INITIALIZED`, `INVALID_IDENTITY`, `DATA_DIR_UNWRITABLE`.
 */
export async function exportIdentity (dir: string, password: string): Promise<string> {
  if (password.length === 0) throw new PeerhoodError('INVALID_ARGUMENT', 'the password must not be empty')
  const data = await openDataDir(dir, { lock: false, create: false })
  const collab = await readCollabIdentity(data.path)
  const plaintext = encodeIdentity(collab ?? { privateKey: data.privateKey, certificate: data.identityCertificate, displayName: data.displayName })
  return `${await sealWithPassword(plaintext, password, IDENTITY_EXPORT_PREFIX, { scryptN: IDENTITY_SCRYPT_N })}\n`
}
