/**
 * The identity export (Windows' PeerIdentityExport): one pasteable line,
 * `peerhood1:identity:<header>.<ciphertext>`, sealed with the project's one password box
 * (`protocols/common/password-box.ts`: scrypt, a password check value, AES-256-GCM with the
 * prefix and header as additional data). The plaintext is JSON `{ key, certificate,
 * displayName }` (libp2p private key protobuf and certificate DER, base64url).
 */

/** What every identity export starts with. */
export const IDENTITY_EXPORT_PREFIX = 'peerhood1:identity:'

/** scrypt cost of identity exports (OWASP's minimum for scrypt: N=2^17, r=8, p=1). */
export const IDENTITY_SCRYPT_N = 2 ** 17

/** Largest export text read, in characters. */
export const MAX_EXPORT_SIZE = 64 * 1024
