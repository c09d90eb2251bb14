/**
 * Constants of the credential renewal protocol. Durations in milliseconds, sizes in bytes.
 */

/** Protocol id. */
export const CREDENTIALS_PROTOCOL = '/peerhood/credentials/1.0.0'

/** Largest message either way (a 25-certificate chain is about 15 KB). */
export const MAX_MESSAGE_BYTES = 64 * 1024

/** Most certificates in a chain on the wire (a GRC and 24 GMCs). */
export const MAX_CHAIN_CERTIFICATES = 25

/** Longest group id accepted, in UTF-8 bytes. */
export const MAX_GROUP_ID_BYTES = 512

/** Default time one exchange may take. */
export const DEFAULT_TIMEOUT_MS = 10_000

/** Default concurrent inbound exchanges per connection. */
export const DEFAULT_MAX_INBOUND_STREAMS = 2

/** Default: renew when less than this share of the lifetime remains (10 %). */
export const DEFAULT_RENEW_FRACTION = 0.1

/** Default: renew when less than this remains, if smaller than the share above (24 h). */
export const DEFAULT_RENEW_BEFORE_MS = 24 * 3600 * 1000

/**
 * How far back a renewed GMC's validity starts, in milliseconds (bounded by the current GMC's
 * start and the issuer's): a member whose clock is a little behind the administrator's can use
 * its new chain at once instead of finding it "not yet valid".
 */
export const CLOCK_SKEW_ALLOWANCE_MS = 60_000
