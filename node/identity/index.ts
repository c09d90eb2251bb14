/**
 * Identity export and import (Windows' PeerIdentityExport / PeerIdentityImport): a node's
 * identity as a password-protected text file, restored into an empty data directory.
 */
export { exportIdentity } from './export.ts'
export { IDENTITY_EXPORT_PREFIX, IDENTITY_SCRYPT_N } from './format.ts'
export { decryptIdentityExport, importIdentity } from './import.ts'
export type { ImportOptions, ImportResult } from './import.ts'
export { readPasswordFromFile } from './password.ts'
