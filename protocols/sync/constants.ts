/**
 * Constants of the sync-on-connect protocol: its id, wire sizes and the defaults of
 * {@link SyncInit}. Durations are in milliseconds, sizes in bytes.
 */

/** Protocol id of sync-on-connect. */
export const SYNC_PROTOCOL = '/peerhood/sync/1.0.0'

/** Bytes of a record content hash. */
export const HASH_BYTES = 32

/** Bytes of a symbol on the wire (the first bytes of a content hash, big-endian). */
export const SYMBOL_BYTES = 8

/** Bytes of a set digest (SHA-256). */
export const DIGEST_BYTES = 32

/** Longest group id accepted in a Hello, in bytes of UTF-8. */
export const MAX_GROUP_ID_BYTES = 1024

/** Largest set size a peer may announce (items). */
export const MAX_SET_SIZE = 10_000_000

/** Default largest message, either way, in bytes (4 MiB). */
export const DEFAULT_MAX_MESSAGE_BYTES = 4 * 1024 * 1024

/** Default most records in one Records page. */
export const DEFAULT_MAX_RECORDS_PER_MESSAGE = 1024

/** Default size a Records page is filled to before it is sent, in bytes (1 MiB). */
export const DEFAULT_PAGE_BYTES = 1024 * 1024

/** Default most coded symbols in one Symbols page (≈ 17 bytes each). */
export const DEFAULT_MAX_SYMBOLS_PER_MESSAGE = 65_536

/** Default pages (records or symbols) a sender may have sent but not seen acknowledged. */
export const DEFAULT_WINDOW_PAGES = 4

/** Default time allowed for each message read, in milliseconds. */
export const DEFAULT_MESSAGE_TIMEOUT_MS = 30_000

/** Default time allowed for a whole session, in milliseconds. */
export const DEFAULT_SESSION_TIMEOUT_MS = 600_000

/** Default sessions one connection may open to us at once. */
export const DEFAULT_MAX_INBOUND_STREAMS = 2

/** Default sessions we may open on one connection at once. */
export const DEFAULT_MAX_OUTBOUND_STREAMS = 2

/** Fewest coded symbols the responder sends first when the sets differ. */
export const MIN_INITIAL_SYMBOLS = 64

/**
 * Coded symbols asked for per estimated difference. Rateless IBLT decodes after ≈ 1.35 per
 * difference; the rest covers the spread of the estimate (§10 of the libp2p guide).
 */
export const SYMBOLS_PER_DIFFERENCE = 2.2

/** Most cells the difference estimator looks at. */
export const MAX_ESTIMATOR_CELLS = 256

/** Approximate wire bytes of one coded symbol (8 + 8 + varint). */
export const CODED_SYMBOL_WIRE_BYTES = 17

/** Fixed allowance of symbols above twice the larger set before reconciliation gives up on coding. */
export const SYMBOL_ALLOWANCE = 1000

/** How long an initiator refused as busy waits for the crossing session to reach it, in milliseconds. */
export const BUSY_WAIT_MS = 1_000

/** Requests an initiator makes before a busy refusal fails it (`SYNC_BUSY`). */
export const BUSY_ATTEMPTS = 5

/** Clock slack when matching a crossing inbound session to a refused request, in milliseconds. */
export const BUSY_SLACK_MS = 1_000

/**
 * Received pages a side applies at once: the next page's records are checked while the last
 * batches of the one before are still written (one at a time, the thread pool idled at every
 * page boundary). Each page is acknowledged once applied, so the window still bounds memory.
 */
export const APPLYING_PAGES = 2
