/**
 * Constants of the group database: wire domain, limits and storage layout.
 */

/** Domain separation prefix of every record signature: `utf8('peerhood/record/v1\n') || body`. */
export const RECORD_SIGNATURE_DOMAIN = 'peerhood/record/v1\n'

/** Record types starting with this prefix are reserved for the node (membership, presence...). */
export const RESERVED_TYPE_PREFIX = 'peerhood.'

/**
 * Largest reserved (`peerhood.*`) record, in bytes, whatever the group's limit: a membership or
 * credentials record carries a chain of up to 25 certificates, which a small group limit
 * (1 KiB at least) must not lock out.
 */
export const SYSTEM_RECORD_MAX_SIZE = 64 * 1024

/** Attribute names starting with this prefix are reserved for the synthesised search attributes. */
export const RESERVED_ATTRIBUTE_PREFIX = 'peer'

/** Most attributes one record may carry. */
export const MAX_ATTRIBUTES = 64

/** Longest attribute name, in characters. */
export const MAX_ATTRIBUTE_NAME_LENGTH = 64

/** Longest record type, in characters. */
export const MAX_TYPE_LENGTH = 128

/** Bytes of a record id. */
export const RECORD_ID_BYTES = 16

/** Largest encoded record unless the group says otherwise (the group property's default), in bytes. */
export { DEFAULT_MAX_RECORD_SIZE } from '../groups/constants.ts'

/** Default number of records parked while their signer's membership is unknown. */
export const DEFAULT_MAX_DEFERRED = 1024

/** Longest accepted search query text, in characters (64 KiB). */
export const MAX_QUERY_LENGTH = 64 * 1024

/** Deepest nesting of `and` / `or` in a search query. */
export const MAX_QUERY_DEPTH = 32

/** Datastore key prefix of every group database. */
export const STORE_PREFIX = '/peerhood/records'

/** Digits of the zero-padded expiry time in expiry index keys (milliseconds). */
export const EXPIRY_KEY_DIGITS = 16
