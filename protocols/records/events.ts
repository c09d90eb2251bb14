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

/** Events a {@link GroupDatabase} dispatches. */
export interface GroupDatabaseEvents {
  /** A record was added, updated, deleted (locally or by another member) or expired. */
  'record:changed': CustomEvent<RecordChange>
}

/** The change type of storing `next` over `previous`, or undefined when nothing visible changed. */
export function changeTypeOf (next: { deleted: boolean }, previous: { deleted: boolean } | undefined): RecordChangeType | undefined {
  const wasLive = previous !== undefined && !previous.deleted
  if (next.deleted) return wasLive ? 'deleted' : undefined
  return wasLive ? 'updated' : 'added'
}
