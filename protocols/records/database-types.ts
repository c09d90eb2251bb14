/**
 * Options and results of a `GroupDatabase`.
 */
import type { PeerId, PrivateKey } from '@libp2p/interface'
import type { AttributeInput } from './attributes.ts'
import type { ReservedTypes } from './reserved.ts'
import type { RecordStore } from './store.ts'
import type { GroupRecord, LookupMember } from './types.ts'

/** Options of a `GroupDatabase`. */
export interface GroupDatabaseInit {
  /** The group. */
  groupId: string
  /** Where records live (shared by every group of the node). */
  store: RecordStore
  /** This member: its Ed25519 key signs local changes. */
  self: { privateKey: PrivateKey, peerId: PeerId | string }
  /** Current credential of a member (from verified GMC chains), or undefined if unknown. */
  lookupMember: LookupMember
  /** When a member was revoked, if it is: its later versions are refused (issue 15). @default nobody is revoked */
  revokedAt?: (peerId: string) => number | undefined
  /** Largest encoded record, in bytes. @default 1048576 (`DEFAULT_MAX_RECORD_SIZE`) */
  maxRecordSize?: number
  /** Most records parked for deferred validation. @default 1024 (`DEFAULT_MAX_DEFERRED`) */
  maxDeferred?: number
  /** The clock, ms since the epoch. @default Date.now */
  now?: () => number
  /** Source of record ids. @default node:crypto randomBytes */
  randomBytes?: (length: number) => Uint8Array
  /**
   * The reserved (`peerhood.*`) types this database takes, with their rules (the node passes
   * `reservedRecordTypes()` from `peer-groups/reserved-types.ts`).
   * @default none (`NO_RESERVED_TYPES`): every reserved record is refused
   */
  reserved?: ReservedTypes
}

/** What {@link GroupDatabase.writeReserved} writes: the new data, attributes and expiry. */
export interface ReservedWrite {
  /** The data, or a function of the version's modification time (for data that states it). */
  data: Uint8Array | ((modified: number) => Uint8Array)
  /** The attributes. @default none */
  attributes?: AttributeInput[]
  /** When it expires, ms since the epoch; never earlier than a stored version's expiry. */
  expires: number
  /** The subject of a `per-subject` type's record (its id is this member's about that subject). @default none: `per-creator` */
  subject?: string
}

/** Options of a local change. */
export interface LocalChangeOptions {
  /** The node writes its own reserved `peerhood.*` records. @default false */
  system?: boolean
}

/** A local change: the new version and its signed bytes, to publish. */
export interface PublishedRecord {
  /** The new version. */
  record: GroupRecord
  /** The encoded SignedRecord. */
  bytes: Uint8Array
  /** Its record hash (the gossip message id). */
  hash: Uint8Array
}
