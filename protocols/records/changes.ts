/**
 * Building the next version of a record for a local add, update or delete: pure, with the time,
 * the id and the local member passed in. The infrastructure fills id, creator, modifier, times
 * and version, as Windows does.
 */
import { PeerhoodError } from '../common/errors.ts'
import { type AttributeInput, normalizeAttributes } from './attributes.ts'
import type { GroupRecord } from './types.ts'

/** What an application gives to add a record. */
export interface AddRecordInit {
  /** Record type (`peerhood.*` only with `system`). */
  type: string
  /** Opaque data. @default empty */
  data?: Uint8Array
  /** Typed attributes. @default none */
  attributes?: AttributeInput[]
  /** When the record expires, ms since the epoch (required, within this member's credential). */
  expires: number
}

/** What an application may change in an update (anything omitted stays). */
export interface UpdateRecordInit {
  /** New data. @default unchanged */
  data?: Uint8Array
  /** New attributes (replacing all of them). @default unchanged */
  attributes?: AttributeInput[]
  /** New expiry, not earlier than the current one, ms since the epoch. @default unchanged */
  expires?: number
}

function checkExpires (expires: unknown): number {
  if (typeof expires !== 'number' || !Number.isSafeInteger(expires) || expires < 0) {
    throw new PeerhoodError('INVALID_RECORD_EXPIRATION', 'expires is a time in milliseconds since the epoch')
  }
  return expires
}

/** The first version of a new record. */
export function newRecord (groupId: string, id: string, self: string, now: number, init: AddRecordInit): GroupRecord {
  return {
    groupId,
    type: init.type,
    id,
    version: 1,
    creator: self,
    modifier: self,
    created: now,
    modified: now,
    expires: checkExpires(init.expires),
    attributes: normalizeAttributes(init.attributes ?? []),
    data: init.data ?? new Uint8Array(0),
    deleted: false
  }
}

/** The next version of `current` with `patch` applied, made by `self` at `now`. */
export function updatedRecord (current: GroupRecord, self: string, now: number, patch: UpdateRecordInit): GroupRecord {
  return {
    ...current,
    version: current.version + 1,
    modifier: self,
    // never before the version it replaces, even if the clock went back
    modified: Math.max(now, current.modified),
    expires: patch.expires === undefined ? current.expires : checkExpires(patch.expires),
    attributes: patch.attributes === undefined ? current.attributes : normalizeAttributes(patch.attributes),
    data: patch.data ?? current.data
  }
}

/**
 * The tombstone of `current`, deleted by `self` at `now`: no data or attributes, living exactly as
 * long as the version it deletes. It is not capped by the deleter's credential: a tombstone that
 * left before the version it deleted would let anyone holding that version replay it, live again
 * everywhere (issue 9, defect 4). Carrying nothing, it may outlive its signer (`lifetime.ts`).
 */
export function tombstoneRecord (current: GroupRecord, self: string, now: number): GroupRecord {
  return {
    ...updatedRecord(current, self, now, {}),
    expires: current.expires,
    attributes: [],
    data: new Uint8Array(0),
    deleted: true
  }
}
