/**
 * Identity export and import (Windows' PeerIdentityExport / PeerIdentityImport): a node's
 * identity as a password-protected text file, restored into an empty data directory.
 */
export { exportIdentity } from './export.ts'
export { EXPORT_MAGIC, EXPORT_VERSION, KDF_PARAMS } from './format.ts'
export { decryptIdentityExport, importIdentity } from './import.ts'
export { readPasswordFromFile } from './password.ts'
