/** Protocol id of the membership handshake (2: group tags instead of blinded ids, issue 9). */
export const MEMBERSHIP_PROTOCOL = '/peerhood/membership/2.0.0'

/** Bytes of each side's nonce. */
export const NONCE_BYTES = 32

/** Largest handshake message, in bytes (25 certificates of ~600 B per group, 64 groups). */
export const MAX_MESSAGE_BYTES = 2 * 1024 * 1024

/** An offer's tags come in multiples of this many (random tags pad it), hiding the exact number of groups. */
export const OFFER_PADDING = 8

/** Most groups one side may offer. */
export const MAX_OFFERED_GROUPS = 1024

/** Most certificates in one presented chain (a GRC and 24 GMCs). */
export const MAX_CHAIN_CERTIFICATES = 25

/** Time a whole handshake may take, in milliseconds. */
export const HANDSHAKE_TIMEOUT_MS = 10_000

/** Concurrent inbound handshakes per connection. */
export const MAX_INBOUND_STREAMS = 4
