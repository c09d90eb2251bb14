/**
 * The typed, decoded form of a group record and the membership facts the rules need.
 */

/** The type of an attribute value. */
export type AttributeType = 'string' | 'int' | 'date'

/** A string attribute. */
export interface StringAttribute {
  /** Alphanumeric name, unique within the record. */
  name: string
  type: 'string'
  value: string
}

/** An integer attribute (a safe JavaScript integer). */
export interface IntAttribute {
  /** Alphanumeric name, unique within the record. */
  name: string
  type: 'int'
  value: number
}

/** A date attribute, in milliseconds since the Unix epoch. */
export interface DateAttribute {
  /** Alphanumeric name, unique within the record. */
  name: string
  type: 'date'
  value: number
}

/** A typed record attribute. */
export type RecordAttribute = StringAttribute | IntAttribute | DateAttribute

/** A decoded group record. Times are milliseconds since the Unix epoch. */
export interface GroupRecord {
  /** The group it belongs to. */
  groupId: string
  /** Application-chosen type (`peerhood.*` is reserved for the node). */
  type: string
  /** 16 random bytes chosen by the creator, as 32 lowercase hex characters. */
  id: string
  /** 1 on add, +1 on every update or delete. */
  version: number
  /** PeerId (base58btc) of the creator. */
  creator: string
  /** PeerId (base58btc) of the last modifier, who signed this version. */
  modifier: string
  /** When the record was added. */
  created: number
  /** When this version was made. */
  modified: number
  /** When the record (or its tombstone) leaves the database. */
  expires: number
  /** Typed attributes, searchable. */
  attributes: RecordAttribute[]
  /** Opaque application data. */
  data: Uint8Array
  /** Whether this version is a tombstone left by a delete. */
  deleted: boolean
}

/** A role in a group, from the member's Group Member Certificate. */
export type MemberRole = 'creator' | 'administrator' | 'inviting-member' | 'member'

/** What the rules need to know about a member: the node fills it from verified GMC chains. */
export interface MemberCredential {
  /** PeerId (base58btc) of the member. */
  peerId: string
  /** Roles its credential grants. */
  roles: readonly MemberRole[]
  /** Start of the credential's validity (ms since the epoch). */
  notBefore: number
  /** End of the credential's validity (ms since the epoch). */
  notAfter: number
}

/** Finds the current credential of a member, or undefined if the member is not (yet) known. */
export type LookupMember = (peerId: string) => MemberCredential | undefined
