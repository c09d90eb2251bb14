/**
 * The sync layer's view of a group database, and what a session reports.
 */

/** One live record as the sync layer sees it: records are opaque here. */
export interface SyncItem {
  /** Record id (16 bytes). */
  id: Uint8Array
  /** Content hash of the signed record (32 bytes); its first 8 bytes are the item's symbol. */
  hash: Uint8Array
  /** When the record leaves the database, in milliseconds since the epoch. */
  expires: number
}

/** What the node gives the sync layer for one group: implemented over its record store. */
export interface SyncSet {
  /** Live items: those with `expires > cutoff` (milliseconds since the epoch). */
  items (cutoff: number): AsyncIterable<SyncItem> | Iterable<SyncItem>
  /** The signed record bytes with this content hash, or undefined if it is gone. */
  get (hash: Uint8Array): Promise<Uint8Array | undefined>
  /** {@link get} for several hashes at once (one read of the store), in order. @default {@link get} for each */
  getMany?: (hashes: readonly Uint8Array[]) => Promise<Array<Uint8Array | undefined>>
  /** Runs the rules module on received records; rejected ones are dropped. */
  apply (records: Uint8Array[]): Promise<ApplyResult>
  /**
   * About how many items {@link items} yields, cheaper than reading them: what the responder tells
   * an empty initiator while it streams the set unindexed (the initiator's progress total).
   * @default read from the items (the set is then indexed first)
   */
  countHint?: (cutoff: number) => Promise<number>
}

/** What {@link SyncSet.apply} made of a batch of records. */
export interface ApplyResult {
  /** Records stored. */
  accepted: number
  /** Records the rules refused (or already held). */
  rejected: number
}

/**
 * How a session reconciled:
 * - `in-sync`: the set digests matched, nothing else was sent;
 * - `pull-all`: the initiator was empty and received every record;
 * - `push-all`: the responder was empty and received every record;
 * - `coded`: rateless IBLT symbols found the difference;
 * - `list`: the difference was too large to code, so the responder sent its symbol list.
 */
export type SyncMode = 'in-sync' | 'pull-all' | 'push-all' | 'coded' | 'list'

/** Progress of the records an initiator receives. */
export interface SyncProgress {
  /** Records received so far. */
  received: number
  /** Records the responder announced for this transfer, when known. */
  total?: number
}

/** What one session did, as its initiator saw it. */
export interface SyncResult {
  /** How the difference was found. */
  mode: SyncMode
  /** Initiator messages that waited for an answer (Hello, each Request, Want). */
  roundTrips: number
  /** Bytes the initiator wrote, length prefixes included. */
  bytesSent: number
  /** Bytes the initiator read, length prefixes included. */
  bytesReceived: number
  /** Symbols received: coded symbols plus listed symbols. */
  symbols: number
  /** Records received from the responder. */
  recordsReceived: number
  /** Records pushed to the responder. */
  recordsSent: number
  /** Received records the local set accepted. */
  accepted: number
  /** Received records the local set refused. */
  rejected: number
  /** Pushed records the responder accepted. */
  remoteAccepted: number
  /** Pushed records the responder refused. */
  remoteRejected: number
  /** Wall time of the session, in milliseconds. */
  durationMs: number
}

/** What one session did, as its responder saw it. */
export interface RespondResult {
  /** How the difference was found (undefined if the session was refused or failed early). */
  mode?: SyncMode
  /** The group, when the Hello was valid. */
  groupId?: string
  /** Bytes the responder wrote, length prefixes included. */
  bytesSent: number
  /** Bytes the responder read, length prefixes included. */
  bytesReceived: number
  /** Symbols sent: coded symbols plus listed symbols. */
  symbols: number
  /** Records sent to the initiator. */
  recordsSent: number
  /** Records the initiator pushed. */
  recordsReceived: number
  /** Pushed records the local set accepted. */
  accepted: number
  /** Pushed records the local set refused. */
  rejected: number
  /** Wall time of the session, in milliseconds. */
  durationMs: number
}

/** Size limits of a session; both roles enforce them on what they read. */
export interface SyncLimits {
  /** Largest message, in bytes. @default 4194304 (4 MiB) */
  maxMessageBytes: number
  /** Most records in one page. @default 1024 */
  maxRecordsPerMessage: number
  /** Size a records page is filled to before it is sent, in bytes. @default 1048576 (1 MiB) */
  pageBytes: number
  /** Most symbols in one Symbols page. @default 65536 */
  maxSymbolsPerMessage: number
}
