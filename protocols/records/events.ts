/**
 * Events of a group database.
 */

/** Windows' `PEER_RECORD_CHANGE_TYPE`. */
export type RecordChangeType = 'added' | 'updated' | 'deleted' | 'expired'

/** Detail of a `record:changed` event: like Windows, only ids and the kind of change. */
export interface RecordChange {
  /** What happened. */
  changeType: RecordChangeType
  /** The group. */
  groupId: string
  /** The record id (32 hex). */
  recordId: string
  /** The record type. */
  recordType: string
}

/** One side of a race: who made the version, which version, when. */
export interface ConflictVersion {
  /** PeerId of the modifier who signed it. */
  modifier: string
  /** Its version number. */
  version: number
  /** Its modification time, epoch ms. */
  modified: number
}

/**
 * Detail of a `record:conflict` event (issue 15): two updates of one record raced (the same
 * version number, different content), and the conflict order replaced this node's version.
 */
export interface RecordConflict {
  /** The group. */
  groupId: string
  /** The record id (32 hex). */
  recordId: string
  /** The record type. */
  recordType: string
  /** The version kept (now stored everywhere). */
  kept: ConflictVersion
  /** The version this node had, which lost. */
  lost: ConflictVersion
}

/** Events a {@link GroupDatabase} dispatches. */
export interface GroupDatabaseEvents {
  /** A record was added, updated, deleted (locally or by another member) or expired. */
  'record:changed': CustomEvent<RecordChange>
  /** This node's version of a record lost a race to another member's. */
  'record:conflict': CustomEvent<RecordConflict>
}

/** The modifier, version and time of a record version. */
export function versionOf (record: { modifier: string, version: number, modified: number }): ConflictVersion {
  return { modifier: record.modifier, version: record.version, modified: record.modified }
}

/**
 * Whether storing `next` over `stored` ends a race: both are the same version number (each made
 * from the same predecessor by someone who had not seen the other), so one update is lost.
 */
export function isRace (stored: { version: number }, next: { version: number }): boolean {
  return stored.version === next.version
}

/** The change type of storing `next` over `previous`, or undefined when nothing visible changed. */
export function changeTypeOf (next: { deleted: boolean }, previous: { deleted: boolean } | undefined): RecordChangeType | undefined {
  const wasLive = previous !== undefined && !previous.deleted
  if (next.deleted) return wasLive ? 'deleted' : undefined
  return wasLive ? 'updated' : 'added'
}
