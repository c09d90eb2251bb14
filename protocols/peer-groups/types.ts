/**
 * The public face of the peer-groups service: groups this node is a member of, their records,
 * members and status, and the events it emits.
 */
import type { RecordPage, RecordPageOptions } from '../records/page.ts'
import type { TypedEventEmitter } from '@libp2p/interface'
import type { LifetimeMs } from '../certificates/constants.ts'
import type { MemberInfo } from '../certificates/chain-result.ts'
import type { DirectConnectionInfo } from '../direct-data/types.ts'
import type { InvitationInfo } from '../invitations/types.ts'
import type { Role } from '../certificates/roles.ts'
import type { GroupProperties } from '../groups/properties.ts'
import type { GroupPropertiesPatch } from '../groups/update-properties.ts'
import type { AttributeInput } from '../records/attributes.ts'
import type { SearchQuery } from '../records/search/index.ts'
import type { GroupRecord, RecordChangeType } from '../records/index.ts'
import type { ReconnectProgress } from './reconnector.ts'
import type { RecordConflict } from '../records/events.ts'
import type { Revocation } from '../revocation/types.ts'
import type { RevokeOptions, RevokeResult } from './revocations.ts'

/** Windows' group status flags, plus synchronisation (which Windows kept at graph level). */
export interface GroupStatus {
  /** The group is open on a running node and accepts member connections. */
  listening: boolean
  /** At least one proven member is connected. */
  hasConnections: boolean
  /** The database has synchronised with a member at least once (always true for the creator). */
  synchronized: boolean
}

/** A group as `list()` and `get()` report it. */
export interface GroupSummary {
  /** The group id. */
  groupId: string
  /** The group's properties. */
  properties: GroupProperties
  /** This node's roles. */
  roles: Role[]
  /** This node's membership, as its chain proves it. */
  member: MemberInfo
  /** Whether this node holds the group root key. */
  owner: boolean
  /** Status flags. */
  status: GroupStatus
  /** Proven members connected now. */
  connectedMembers: number
}

/** Options of `create()`. */
export interface CreateGroupOptions {
  /** Display name of the group, 1 to 255 characters. */
  friendlyName: string
  /** Classifier appended to the group id. @default none */
  classifier?: string
  /** Comment, at most 255 characters. @default '' */
  comment?: string
  /** Presence record lifetime in seconds (≥ 300). @default 300 */
  presenceLifetimeS?: number
  /** Member data lifetime in seconds. @default 2419200 */
  memberDataLifetimeS?: number
  /** Largest record in bytes. @default 1048576 */
  maxRecordSize?: number
  /** Role granted to password joiners (enables the password scheme with a password). @default 'member' */
  passwordRole?: 'administrator' | 'inviting-member' | 'member'
  /** Behaviour flags. @default all false */
  flags?: Partial<GroupProperties['flags']>
}

/** Options of `issue()`. */
export interface IssueCredentialsOptions {
  /** The subject: an Ed25519 PeerId (it carries its key). */
  peerId: string
  /** Roles to grant. @default ['member'] */
  roles?: Role[]
  /** Lifetime in milliseconds, or `'infinite'`: as long as the issuer's own certificate. @default `'infinite'` */
  lifetimeMs?: LifetimeMs
  /** Publish the new GMC in the group database so its subject adopts it at its next connect. @default false */
  store?: boolean
  /** Display name for the certificate. @default the PeerId */
  displayName?: string
}

/** A record change as an event (`record:changed`). */
export interface RecordChangedEvent {
  groupId: string
  changeType: RecordChangeType
  recordId: string
  recordType: string
}

/** A member change (`member:changed`). */
export interface MemberChangedEvent {
  groupId: string
  changeType: 'joined' | 'connected' | 'disconnected' | 'updated' | 'revoked' | 'lifted'
  peerId: string
  roles?: Role[]
  /** For `updated` from a presence record: whether the member is online. */
  present?: boolean
}

/** Events of the service (all carry `groupId`). */
export interface PeerGroupsEvents {
  /** Status flags changed, or (with `reconnect`) a step of reconnecting a group that has no member connected. */
  'group:status': CustomEvent<{ groupId: string, status: GroupStatus, reconnect?: ReconnectProgress }>
  'property:changed': CustomEvent<{ groupId: string, properties: GroupProperties }>
  'record:changed': CustomEvent<RecordChangedEvent>
  /** This node's version of a record lost a race to another member's (issue 15). */
  'record:conflict': CustomEvent<RecordConflict>
  'member:changed': CustomEvent<MemberChangedEvent>
  'membership:refused': CustomEvent<{ groupId: string, peerId: string, code: string, reason: string }>
  'sync:progress': CustomEvent<{ groupId: string, peerId: string, received: number, total?: number }>
  'sync:completed': CustomEvent<{ groupId: string, peerId: string, recordsReceived: number, recordsSent: number, roundTrips: number, bytes: number }>
  'credentials:adopted': CustomEvent<{ groupId: string, member: MemberInfo }>
  'group:connection-failed': CustomEvent<{ groupId: string, code: 'NO_MEMBERS_FOUND' }>
  'credentials:expiring': CustomEvent<{ groupId: string, notAfter: number }>
}

/** A member as `members()` lists it (Windows' PEER_MEMBER). */
export interface GroupMember extends MemberInfo {
  /** This node. */
  self: boolean
  /** Proven on a connection to this node now. */
  connected: boolean
  /** Online: its presence record is live (always true for this node while presence is published). */
  present: boolean
  /** Addresses from its presence record (none when it publishes no presence). */
  addresses: string[]
}

/** A neighbour (a proven member connected now) or a direct connection. */
export type GroupConnection =
  | { kind: 'neighbour', connectionId: string, peerId: string }
  | ({ kind: 'direct' } & DirectConnectionInfo)

/** Input of `addRecord()`. */
export interface AddRecordOptions {
  /** Record type (application-chosen; `peerhood.*` is reserved). */
  type: string
  /** Payload. @default empty */
  data?: Uint8Array
  /** Typed attributes. @default [] */
  attributes?: AttributeInput[]
  /** Expiry, epoch milliseconds. @default now + 1 day */
  expires?: number
}

/** Input of `updateRecord()`. */
export interface UpdateRecordOptions {
  data?: Uint8Array
  attributes?: AttributeInput[]
  /** New expiry (may only stay or grow). */
  expires?: number
}

/** The peer-groups service. Codes: `INVALID_GROUP` for an unknown group id, `GROUP_NOT_READY` before the first sync. */
export interface PeerGroups extends TypedEventEmitter<PeerGroupsEvents> {
  /** Creates a group with this node as creator and owner. */
  create (options: CreateGroupOptions): Promise<GroupSummary>
  /** Every group this node is a member of. */
  list (): Promise<GroupSummary[]>
  /** One group. */
  get (groupId: string): Promise<GroupSummary>
  /** Forgets a group's local data (membership, records); other members are not affected. */
  delete (groupId: string): Promise<void>
  /** Changes properties (creator only). */
  setProperties (groupId: string, patch: GroupPropertiesPatch): Promise<GroupProperties>
  /** This node's chain `[GRC, …, own GMC]`, DER. */
  chain (groupId: string): Promise<Uint8Array[]>
  /**
   * Revokes a member (administrator or creator; `NOT_AUTHORIZED` otherwise), or with `lift`
   * restores it: a signed `peerhood.revocation` record. Returns the members whose chains pass
   * through the revoked peer.
   */
  revoke (groupId: string, peerId: string, options?: RevokeOptions): Promise<RevokeResult>
  /** The revocations in force in a group, oldest first. */
  revocationsOf (groupId: string): Revocation[]
  /** Issues (or renews) a GMC for another identity; with `store` it is published in the database. */
  issue (groupId: string, options: IssueCredentialsOptions): Promise<{ chain: Uint8Array[], member: MemberInfo }>
  /** Password-encrypted membership export (owner may include the root key). */
  exportMembership (groupId: string, password: string, options?: { includeRootKey?: boolean }): Promise<string>
  /** Imports an exported membership of this identity. Codes: `BAD_PASSWORD`, `INVALID_EXPORT`, `NOT_AUTHORIZED`, `ALREADY_EXISTS`. */
  importMembership (text: string, password: string): Promise<GroupSummary>
  /** Adds a record. */
  addRecord (groupId: string, options: AddRecordOptions): Promise<GroupRecord>
  /**
   * Adds many records in one durable write (bulk import), all or nothing: the first that breaks a
   * rule fails the call with its code and `details.index`, and none is stored.
   */
  addRecords (groupId: string, records: readonly AddRecordOptions[]): Promise<GroupRecord[]>
  /** Updates a record (its creator or an administrator). */
  updateRecord (groupId: string, recordId: string, options: UpdateRecordOptions): Promise<GroupRecord>
  /** Deletes a record (its creator or an administrator). */
  deleteRecord (groupId: string, recordId: string): Promise<void>
  /** One live record. Code: `RECORD_NOT_FOUND`. */
  getRecord (groupId: string, recordId: string): Promise<GroupRecord>
  /** Live records, optionally of one type (reserved `peerhood.*` types included only when asked). */
  listRecords (groupId: string, options?: { type?: string }): Promise<GroupRecord[]>
  /** One page of the live records and their total, without reading the others (see `pageRecords`). */
  pageRecords (groupId: string, options?: RecordPageOptions): Promise<RecordPage>
  /** Records matching a query (JSON object, JSON text or `<peersearch>` XML). Code: `INVALID_SEARCH`. */
  searchRecords (groupId: string, query: SearchQuery): Promise<GroupRecord[]>
  /** Proven members connected now. */
  connectedMembers (groupId: string): MemberInfo[]
  /** Members known from membership records and connections, the local node first; `present` keeps online ones only. */
  members (groupId: string, options?: { present?: boolean }): Promise<GroupMember[]>
  /** Status flags of a group. */
  status (groupId: string): Promise<GroupStatus & { records: number, deferred: number }>
  /** Opens a direct connection to a proven member. Codes: `CONNECT_SELF`, `NOT_A_MEMBER`, `CONNECTION_FAILED`. */
  openConnection (groupId: string, peerId: string, options?: { signal?: AbortSignal }): Promise<DirectConnectionInfo>
  /** Closes a direct connection. Code: `CONNECTION_NOT_FOUND`. */
  closeConnection (groupId: string, connectionId: string): Promise<void>
  /** Neighbour connections (proven members connected now) and direct connections. */
  connections (groupId: string): GroupConnection[]
  /**
   * Sends typed data (up to 64 KiB) on a direct connection (`connectionId`), a neighbour
   * connection (`neighbour:<peerId>`), or to a connected member by PeerId. Codes:
   * `CONNECTION_NOT_FOUND`, `CONNECT_SELF`, `MAX_DATA_SIZE_EXCEEDED`, `CONNECTION_FAILED`.
   */
  sendData (groupId: string, to: { connectionId: string } | { peerId: string }, message: { type: string, data: Uint8Array }, options?: { signal?: AbortSignal }): Promise<void>
  /** An invitation bound to one invitee (its PeerId), with roles and an expiry; `addresses` (default: this node's) tell the joiner where to connect. Codes: `NOT_AUTHORIZED`, `INVALID_TIME_PERIOD`, `CHAIN_TOO_LONG`. */
  createInvitation (groupId: string, options: { peerId: string, roles?: Role[], expiresAt?: LifetimeMs, displayName?: string, addresses?: string[] }): Promise<string>
  /** A password invitation (administrators; the group must have a password). Codes: `NOT_AUTHORIZED`, `PASSWORD_NOT_SET`. */
  createPasswordInvitation (groupId: string, options?: { expiresAt?: LifetimeMs, addresses?: string[] }): Promise<string>
  /** Decodes and verifies an invitation offline. Codes: `INVITATION_NOT_TRUSTED`, `INVALID_TIME_PERIOD`. */
  parseInvitation (token: string): InvitationInfo
  /**
   * Joins with an invitation (and the password for a password invitation), stores the group and
   * goes looking for members in the background. Codes: `INVITATION_NOT_TRUSTED`,
   * `INVALID_TIME_PERIOD`, `ALREADY_A_MEMBER`, `AUTHENTICATION_FAILED`, `THROTTLED`, `NO_MEMBERS_FOUND`.
   */
  join (token: string, options?: { password?: string, timeoutMs?: number, signal?: AbortSignal }): Promise<GroupSummary>
  /** Sets the group password and the role it grants (creator). Codes: `NOT_AUTHORIZED`, `PASSWORD_DOES_NOT_MEET_POLICY`. */
  setPassword (groupId: string, password: string, options?: { role?: GroupProperties['passwordRole'] }): Promise<GroupProperties>
  /** Asks a connected administrator to renew this node's GMC; adopts it. Code: `NO_MEMBERS_FOUND`. */
  renew (groupId: string, options?: { peerId?: string, signal?: AbortSignal }): Promise<MemberInfo>
  /** Looks for members (addresses, DHT rendezvous, mDNS); rejects with `NO_MEMBERS_FOUND` after the timeout (default 30 s). */
  connectGroup (groupId: string, options?: { addresses?: string[], timeoutMs?: number, signal?: AbortSignal }): Promise<MemberInfo[]>
  /** Synchronises a group with a connected proven member now. */
  syncWith (groupId: string, peerId: string, options?: { signal?: AbortSignal }): Promise<void>
}
