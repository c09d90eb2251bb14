/**
 * Constants of application invitations (Windows `PEER_INVITATION`, §4.1 of the behaviour
 * reference). Durations in milliseconds, sizes in bytes.
 */

/** Protocol id of invitations, their answers and their cancellation. */
export const APP_INVITE_PROTOCOL = '/peerhood/app-invite/1.0.0'

/** Largest application data of an invitation (Windows: 16 KB). */
export const MAX_INVITATION_DATA_BYTES = 16 * 1024

/** Longest invitation or response message, in characters (Windows: 255). */
export const MAX_INVITATION_MESSAGE_CHARS = 255

/** Longest application id, in characters. */
export const MAX_APP_ID_CHARS = 255

/** Time an invitation waits for its answer unless told otherwise (Windows: 5 minutes). */
export const DEFAULT_EXPIRY_MS = 5 * 60_000

/** Longest expiry a sender may ask for, and the most a recipient grants (24 hours). */
export const MAX_EXPIRY_MS = 24 * 60 * 60_000

/** Shortest expiry a sender may ask for. */
export const MIN_EXPIRY_MS = 1_000

/** Largest message either way: 16 KiB of data, its id, app id and message, with room to spare. */
export const MAX_WIRE_BYTES = 20 * 1024

/** Time one exchange (a message and its reply) may take. */
export const EXCHANGE_TIMEOUT_MS = 10_000

/** Invitations one sender may deliver in a burst before it is throttled. */
export const SENDER_BURST = 10

/** Invitations one sender may deliver per minute, sustained, once its burst is spent. */
export const SENDER_PER_MINUTE = 10

/** Senders whose throttling state is remembered (the least recently seen is forgotten first). */
export const MAX_TRACKED_SENDERS = 1024

/** Unanswered invitations held from one sender. */
export const MAX_PENDING_PER_SENDER = 8

/** Unanswered invitations held from everyone. */
export const MAX_PENDING_TOTAL = 256

/** Answered, expired or cancelled invitations kept (either side) for `status`. */
export const MAX_FINISHED = 256

/** Outgoing invitations that are not finished (queued, sending or delivered). */
export const MAX_OUTGOING = 1024

/** Bytes of a launched command's output kept per line in the node's log. */
export const MAX_LOG_LINE_CHARS = 1000

/** Name of the environment variable a launched application reads its launch information from. */
export const LAUNCH_INFO_ENV = 'PEERHOOD_LAUNCH_INFO'

/** How often queued invitations are tried again besides when their contact connects. */
export const QUEUE_RETRY_MS = 30_000

/** How long a peer that sent junk (a message that does not decode, is too large, or is invalid) is refused. */
export const PENALTY_MS = 10 * 60_000

/** Most penalised peers remembered (the oldest penalty is forgotten first). */
export const MAX_PENALISED = 1024
