/**
 * Constants of password join. Durations in milliseconds, sizes in bytes.
 */

/** Protocol id. */
export const PASSWORD_JOIN_PROTOCOL = '/peerhood/password-join/1.0.0'

/** Bytes of each side's nonce. */
export const NONCE_BYTES = 32

/** Bytes of a verifier salt. */
export const SALT_BYTES = 16

/** Bytes of a verifier key and of each MAC. */
export const KEY_BYTES = 32

/** Domain of the transcript MACs. */
export const MAC_DOMAIN = 'peerhood/password-join/v1'

/** Shortest group password, in characters (after Unicode NFC). */
export const MIN_PASSWORD_LENGTH = 8

/** Longest group password, in characters. */
export const MAX_PASSWORD_LENGTH = 1024

/**
 * Default scrypt cost N of a new verifier: 2^17 with r = 8, p = 1 (128 MiB, about 0.3–0.5 s),
 * OWASP's minimum for scrypt. Every password guess against a captured MAC or a stolen verifier
 * costs one such scrypt.
 */
export const DEFAULT_SCRYPT_N = 1 << 17

/** Smallest N a verifier may use (2^10, for tests only; see `createPasswordVerifier`). */
export const MIN_SCRYPT_N = 1 << 10

/** Largest N a joiner agrees to compute (2^18: 256 MiB), whatever an administrator asks. */
export const MAX_SCRYPT_N = 1 << 18

/** scrypt block size r. */
export const SCRYPT_R = 8

/** scrypt parallelisation p. */
export const SCRYPT_P = 1

/** Largest message either way (a 25-certificate chain is about 15 KB). */
export const MAX_MESSAGE_BYTES = 64 * 1024

/** Longest group id accepted, in UTF-8 bytes. */
export const MAX_GROUP_ID_BYTES = 512

/** Default time a whole exchange may take (the joiner's scrypt runs inside it). */
export const DEFAULT_TIMEOUT_MS = 30_000

/** Default concurrent inbound exchanges per connection. */
export const DEFAULT_MAX_INBOUND_STREAMS = 1

/**
 * How far back an issued GMC's validity starts, in milliseconds (never before the issuer's): a
 * joiner whose clock is a little behind the administrator's can use its chain at once.
 */
export const CLOCK_SKEW_ALLOWANCE_MS = 60_000
