/**
 * The public face of the sync service: its options and methods.
 */
import type { AbortOptions, PeerId } from '@libp2p/interface'
import type { DialTarget } from '@libp2p/interface'
import type { RespondOutcome, ResolveSet } from './responder.ts'
import type { SyncTuning } from './tuning.ts'
import type { SyncProgress, SyncResult } from './types.ts'

/** Whom to sync with: a PeerId, a Multiaddr, or several Multiaddrs. */
export type SyncTarget = DialTarget

/** Options of {@link syncService}. */
export interface SyncInit extends SyncTuning {
  /**
   * Finds the set of a group for a remote peer, on both sides of a session. Undefined means
   * that peer may not sync it: the responder refuses with `NOT_A_MEMBER`, and `sync()` throws it.
   */
  resolveSet: ResolveSet
  /** Protocol id. @default '/peerhood/sync/1.0.0' */
  protocol?: string
  /** Sessions one connection may open to us at once. @default 2 */
  maxInboundStreams?: number
  /** Sessions we may open on one connection at once. @default 2 */
  maxOutboundStreams?: number
  /** Whether sessions may run over limited (relayed) connections. @default false */
  runOnLimitedConnection?: boolean
  /** The clock (ms since the epoch); an initiator's cutoff is its value when a session starts. @default Date.now */
  now?: () => number
  /** Called after each inbound session, with its counts (and `error` if it was refused or failed). */
  onResponded?: (outcome: RespondOutcome & { remotePeer: PeerId }) => void
}

/** Options of {@link Sync.sync}. */
export interface SyncOptions extends AbortOptions {
  /** Called as records arrive, for a progress bar. */
  onProgress?: (progress: SyncProgress) => void
  /**
   * Join a session of this pair and group that is running now (either way) instead of starting
   * another: what members do on connect, so a database crosses the wire once. Without it, a fresh
   * session starts once the running one has ended. @default false
   */
  join?: boolean
  /**
   * Ask for every record as a node that has never synchronised (Windows' `SOLICIT_NEW`): this
   * node's own records are left out of the session, so the peer sends its whole set at once
   * instead of first listing it. The caller offers its own records in a later session. @default false
   */
  solicitNew?: boolean
}

/** The sync service. */
export interface Sync {
  /** The protocol id it speaks. */
  readonly protocol: string
  /**
   * Reconciles a group's set with a peer; resolves once both sides hold the union of their
   * live records (as far as their rules accept them). Throws a PeerhoodError: `NOT_A_MEMBER`,
   * `NOT_STARTED`, `CONNECTION_FAILED`, `TIMEOUT`, `INVALID_MESSAGE`, `MESSAGE_TOO_LARGE`,
   * `SYNC_LIMIT_EXCEEDED` or `INTERNAL`.
   */
  sync (peer: SyncTarget, groupId: string, options?: SyncOptions): Promise<SyncResult>
}
