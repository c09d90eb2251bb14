/** Protocol id of direct connections and neighbour data. */
export const DIRECT_PROTOCOL = '/peerhood/direct/1.0.0'

/**
 * Largest `data` of one typed message, in bytes (64 KiB). Bigger sends are refused with
 * `MAX_DATA_SIZE_EXCEEDED` before anything is written; a peer that sends more is reset.
 */
export const MAX_DATA_BYTES = 64 * 1024

/** Longest data type id, in characters. */
export const MAX_TYPE_LENGTH = 128

/** Longest group id accepted in `Open` / `Neighbor`, in UTF-8 bytes. */
export const MAX_GROUP_ID_BYTES = 1024

/** Room for the type, the group id and protobuf tags on top of the data, in bytes. */
export const FRAME_OVERHEAD_BYTES = MAX_GROUP_ID_BYTES + 256

/** Direct connections one node keeps at once (inbound and outbound together). */
export const DEFAULT_MAX_CONNECTIONS = 64

/** Concurrent neighbour-data streams per libp2p connection, on top of the direct connections. */
export const MAX_NEIGHBOUR_STREAMS = 16

/** Time the open handshake (dial, `Open`, `Answer`) or one neighbour exchange may take, in milliseconds. */
export const OPEN_TIMEOUT_MS = 10_000

/** Time a send may wait for the stream to drain, in milliseconds. */
export const SEND_TIMEOUT_MS = 30_000

/** Time a graceful close may take before the stream is reset, in milliseconds. */
export const CLOSE_TIMEOUT_MS = 5_000

/**
 * Interval of keep-alive frames on an idle direct connection, in milliseconds. A keep-alive is one
 * zero-length frame (an empty `Data`), never delivered, and keeps the stream under libp2p's stream
 * inactivity timeout (120 s by default).
 */
export const KEEP_ALIVE_MS = 30_000

/** Prefix of the `connectionId` of data received over a neighbour connection: `neighbour:<peerId>`. */
export const NEIGHBOUR_PREFIX = 'neighbour:'
