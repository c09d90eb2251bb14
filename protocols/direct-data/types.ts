/**
 * The public face of direct connections and typed data: options, records and events.
 */
import type { AbortOptions, PeerId, TypedEventEmitter } from '@libp2p/interface'

/** Options of the direct-data service. */
export interface DirectDataInit {
  /**
   * Whether `peerId` is a proven member of `groupId` now (the orchestrator answers it from the
   * membership handshake). Asked on open, on every inbound request and on every data frame.
   */
  isMember: (groupId: string, peerId: string) => boolean
  /** Whether this node is a member of `groupId` now. */
  isLocalMember: (groupId: string) => boolean
  /** Direct connections this node keeps at once, inbound and outbound. @default 64 */
  maxConnections?: number
  /** Largest `data` of one message, in bytes; the receiver enforces its own. @default 65536 */
  maxDataBytes?: number
  /** Time the open handshake or one neighbour exchange may take, in milliseconds. @default 10000 */
  openTimeoutMs?: number
  /** Time a send may wait for the stream to drain, in milliseconds. @default 30000 */
  sendTimeoutMs?: number
  /** Time a graceful close may take before the stream is reset, in milliseconds. @default 5000 */
  closeTimeoutMs?: number
  /** Interval of keep-alive frames on an idle direct connection, in milliseconds; 0 turns them off. @default 30000 */
  keepAliveMs?: number
  /** Time source, in epoch milliseconds. @default Date.now */
  now?: () => number
}

/** Which side opened a direct connection. */
export type DirectDirection = 'inbound' | 'outbound'

/** A direct connection, as `list()` reports it (Windows' `PEER_CONNECTION_INFO`, DIRECT). */
export interface DirectConnectionInfo {
  /**
   * This node's handle of the connection: 16 hex digits (a random 64-bit number, Windows'
   * `ullConnectionId`). Each end has its own id for the same connection.
   */
  connectionId: string
  /** The group both ends proved membership of. */
  groupId: string
  /** The peer at the other end. */
  peerId: string
  /** Who opened it. */
  direction: DirectDirection
  /** When it was connected, in epoch milliseconds. */
  openedAt: number
}

/** A typed message: a type id and opaque bytes. */
export interface DirectMessage {
  /** The data type: 1 to 128 of `A-Z a-z 0-9 . _ : -`, or a braced GUID (`{xxxxxxxx-…}`). */
  type: string
  /** The payload, at most `maxDataBytes` (64 KiB by default). */
  data: Uint8Array
}

/**
 * Why a direct connection changed: for `failed`, the refusal code the peer sent (`NOT_A_MEMBER`,
 * `MAX_CONNECTIONS_EXCEEDED`, `INVALID_MESSAGE`), `TIMEOUT`, `ABORTED` (the caller's signal),
 * `UNREACHABLE` (dial or protocol negotiation failed), `PROTOCOL_ERROR` (the handshake broke) or
 * `STOPPED` (the service stopped meanwhile); for `disconnected`, see {@link DirectEndReason}.
 */
export type DirectChangeReason = string

/**
 * Why a direct connection ended: `local-close` (`close()`), `remote-close` (the peer closed it),
 * `reset` (the stream was reset), `connection-lost` (the libp2p connection dropped), `revoked`
 * (the peer is no longer a proven member), `stopped` (this service stopped), `protocol-error`
 * (the peer sent a malformed or oversized frame).
 */
export type DirectEndReason = 'local-close' | 'remote-close' | 'reset' | 'connection-lost' | 'revoked' | 'stopped' | 'protocol-error'

/** A direct connection connected, disconnected or failed (`direct:changed`, Windows' DIRECT_CONNECTION). */
export interface DirectChangedEvent {
  groupId: string
  connectionId: string
  peerId: string
  direction: DirectDirection
  status: 'connected' | 'disconnected' | 'failed'
  /** Why, for `disconnected` and `failed`. */
  reason?: DirectChangeReason
}

/**
 * Typed data arrived (`data:incoming`, Windows' INCOMING_DATA). Over a neighbour connection
 * `connectionId` is `neighbour:<peerId>`. Filtering by type is the listener's job.
 */
export interface DataIncomingEvent {
  groupId: string
  connectionId: string
  peerId: string
  type: string
  data: Uint8Array
}

/** Events of the direct-data service. */
export interface DirectDataEvents {
  'direct:changed': CustomEvent<DirectChangedEvent>
  'data:incoming': CustomEvent<DataIncomingEvent>
}

/** Direct connections and typed data between proven members of a group. */
export interface DirectData extends TypedEventEmitter<DirectDataEvents> {
  /**
   * Opens a direct connection to a member and resolves once it is connected (after the
   * `connected` event). Codes: `CONNECT_SELF`, `NOT_A_MEMBER` (either end is not a proven member
   * locally), `MAX_CONNECTIONS_EXCEEDED`, `INVALID_PEER_ID`, `NOT_STARTED`; `CONNECTION_FAILED`
   * after a `failed` event (refused, unreachable, timed out).
   */
  open: (groupId: string, peerId: PeerId | string, options?: AbortOptions) => Promise<DirectConnectionInfo>
  /**
   * Sends one typed message on a direct connection, in order; resolves once the stream accepted
   * it (waiting for drain when the transport is saturated). Codes: `CONNECTION_NOT_FOUND`,
   * `INVALID_ARGUMENT` (bad type), `MAX_DATA_SIZE_EXCEEDED`, `NOT_A_MEMBER` (revoked; the
   * connection is closed), `TIMEOUT`.
   */
  send: (groupId: string, connectionId: string, message: DirectMessage, options?: AbortOptions) => Promise<void>
  /**
   * Sends one typed message over the existing libp2p connection to a member, without opening a
   * direct connection; resolves once the peer delivered it. Codes: `CONNECT_SELF`, `NOT_A_MEMBER`,
   * `CONNECTION_NOT_FOUND` (not connected), `INVALID_ARGUMENT`, `MAX_DATA_SIZE_EXCEEDED`,
   * `CONNECTION_FAILED` (refused by the peer; its code in `details.reason`), `TIMEOUT`.
   */
  sendToNeighbour: (groupId: string, peerId: PeerId | string, message: DirectMessage, options?: AbortOptions) => Promise<void>
  /** Closes a direct connection; both ends emit `disconnected`. Codes: `CONNECTION_NOT_FOUND`. */
  close: (groupId: string, connectionId: string) => Promise<void>
  /** Direct connections, of one group or all (neighbours are listed by the orchestrator). */
  list: (groupId?: string) => DirectConnectionInfo[]
  /**
   * Closes the direct connections to `peerId` in `groupId` (every peer's, without `peerId`),
   * because it is no longer a proven member or this node left the group: their streams are reset
   * at once (nothing queued is sent; the peer reports `reset`), and this side reports `revoked`.
   * Returns how many. Frames from, and sends to, a peer that `isMember` no longer accepts close
   * its connection the same way even without a call.
   */
  revoke: (groupId: string, peerId?: string) => number
}
