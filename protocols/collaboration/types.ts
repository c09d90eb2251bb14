/**
 * Public types of the collaboration service: scopes, presence, objects, applications, endpoint
 * data, events, options and the service interface.
 */
import type { PrivateKey, TypedEventTarget } from '@libp2p/interface'
import type { ErrorCode } from '../common/errors.ts'
import type { Contact, ContactCard, ContactNames, ContactPatch, MeContact } from '../contacts/types.ts'
import type { PeopleNearMe } from './near.ts'
import type { NearTrustChangedDetail, NearTrustInit } from './near-trust.ts'
import type { ReconnectBackoff } from '../peer-groups/reconnect-schedule.ts'

/** A scope one signs in to or publishes in (Windows `PEER_SIGNIN_FLAGS`, .NET `PeerScope`). */
export type Scope = 'near' | 'internet' | 'all'

/** The scopes signed in to, by name (`none`: signed out). */
export type ScopeName = 'none' | Scope

/** Signed in to each scope or not. */
export interface ScopeSet {
  /** People Near Me (the local network). */
  near: boolean
  /** Contacts wherever they are reachable. */
  internet: boolean
}

/** Presence status (Windows `PEER_PRESENCE_STATUS`). */
export type PresenceStatus = 'offline' | 'out-to-lunch' | 'away' | 'be-right-back' | 'idle' | 'busy' | 'on-the-phone' | 'online'

/** Presence: a status and a text of at most 255 characters. */
export interface PresenceInfo {
  /** The status. */
  status: PresenceStatus
  /** Descriptive text. @default '' */
  text: string
}

/** What kind of change an event reports (Windows `PEER_CHANGE_TYPE`). */
export type ChangeType = 'added' | 'updated' | 'deleted'

/** An object this node publishes (Windows `PEER_OBJECT`): run-time, dropped at sign-out of all scopes. */
export interface PublishedObject {
  /** UUID or reverse-DNS id. */
  id: string
  /** 1 byte to 16 KiB. */
  data: Uint8Array
  /** Who may see it (among allowed watchers). @default 'all' */
  scope: Scope
}

/** What an application advertises (Windows `PEER_APPLICATION`). */
export interface ApplicationInfo {
  /** UUID or reverse-DNS id. */
  id: string
  /** At most 255 characters. */
  description: string
  /** At most 16 KiB. */
  data: Uint8Array
}

/** A registered application: what it advertises plus what stays local (Windows `PEER_APPLICATION_REGISTRATION_INFO`). */
export interface ApplicationRegistration extends ApplicationInfo {
  /** Command to launch it; local only, never sent. @default '' */
  launch: string
  /** Its arguments; local only, never sent. @default [] */
  args: string[]
  /** Who may see it (among allowed watchers). @default 'internet' */
  scope: Scope
}

/** An object as a watched endpoint published it. */
export interface EndpointObject {
  /** Its id. */
  id: string
  /** Its data. */
  data: Uint8Array
}

/** What this node holds of a remote endpoint (Windows endpoint data). */
export interface EndpointData {
  /** The endpoint's PeerId. */
  peerId: string
  /** The identity it proved (the contact's PeerId; its own PeerId when it runs on its identity's key). */
  contact: string
  /** Its endpoint name. */
  endpointName: string
  /** Its presence (`offline` once its subscription ended). */
  presence: PresenceInfo
  /** Its objects I may see. */
  objects: EndpointObject[]
  /** Its applications I may see. */
  applications: ApplicationInfo[]
  /** Where the data comes from: a live subscription (precedence) or a refresh. */
  source: 'subscription' | 'refresh'
  /** Whether a subscription to it is open now. */
  subscribed: boolean
  /** When the data last changed, epoch milliseconds. */
  updatedAt: number
}

/** One endpoint of a contact (`endpoint list`). */
export interface EndpointSummary {
  /** The endpoint's PeerId. */
  peerId: string
  /** Its endpoint name, when known. */
  endpointName: string
  /** Its presence, when known. */
  presence: PresenceInfo
  /** Addresses it is connected on now, or those its card gave. */
  addresses: string[]
  /** Whether a subscription to it is open now. */
  subscribed: boolean
}

/** Sign-in state. */
export interface SigninStatus {
  /** The scopes signed in to, by name. */
  scope: ScopeName
  /** Signed in to near. */
  near: boolean
  /** Signed in to internet. */
  internet: boolean
}

/** Me as `collaboration.me()` reports it: the names, the endpoint name and the sign-in state. */
export interface MeInfo extends MeContact {
  /** This node's own PeerId: `peerId` (the identity) unless an identity was imported onto a node that has its own key. */
  endpointPeerId: string
  /** This endpoint's name (defaults to the machine's host name; persists once set). */
  endpointName: string
}

/** Changes to Me. */
export interface MePatch extends Partial<ContactNames> {
  /** New endpoint name. */
  endpointName?: string
}

/** The outcome of a subscribe, unsubscribe or refresh. */
export interface RequestStatus {
  /** The endpoint. */
  peerId: string
  /** Which request. */
  operation: 'subscribe' | 'unsubscribe' | 'refresh'
  /** `OK` or the failure's code. */
  status: 'OK' | ErrorCode
}

/** Events of the collaboration service (Windows `PEER_COLLAB_EVENT_TYPE`); the node forwards them to its bus. */
export interface CollaborationEvents {
  /** Signed in to or out of a scope; one event for a sign-out of everything (no per-object events). */
  'signin:changed': CustomEvent<SigninStatus & { change: 'signed-in' | 'signed-out' }>
  /** My presence changed. */
  'my:presence-changed': CustomEvent<{ presence: PresenceInfo }>
  /** My endpoint name or nickname changed. */
  'my:endpoint-changed': CustomEvent<{ endpointName: string, nickname: string }>
  /** One of my objects was set or deleted. */
  'my:object-changed': CustomEvent<{ change: ChangeType, object: { id: string, size: number, scope: Scope } }>
  /** One of my applications was registered, changed or unregistered. */
  'my:application-changed': CustomEvent<{ change: ChangeType, application: { id: string, description: string, size: number, scope: Scope } }>
  /** A watched endpoint's presence changed (offline when its subscription ended); `contact` is the identity it proved. */
  'endpoint:presence-changed': CustomEvent<{ peerId: string, contact: string, endpointName: string, change: ChangeType, presence: PresenceInfo }>
  /** A watched endpoint's name changed. */
  'endpoint:changed': CustomEvent<{ peerId: string, contact: string, endpointName: string }>
  /** A watched endpoint's object changed. */
  'endpoint:object-changed': CustomEvent<{ peerId: string, contact: string, change: ChangeType, object: EndpointObject }>
  /** A watched endpoint's application changed. */
  'endpoint:application-changed': CustomEvent<{ peerId: string, contact: string, change: ChangeType, application: ApplicationInfo }>
  /** A contact started or stopped being watched (or a watched one was deleted). */
  'watchlist:changed': CustomEvent<{ peerId: string, change: 'added' | 'deleted' }>
  /** A contact was added, updated or deleted. */
  'contact:changed': CustomEvent<{ peerId: string, change: ChangeType }>
  /** The outcome of a subscribe, unsubscribe or refresh. */
  'request:status': CustomEvent<RequestStatus>
  /**
   * A People Near Me entry's trusted mark changed (its PeerId proved to be an endpoint of a
   * trusted contact's identity, or that proof lapsed or the contact went); People Near Me's own
   * `near:changed` reports the entries themselves.
   */
  'near:changed': CustomEvent<NearTrustChangedDetail>
  /**
   * An endpoint was revoked: by this node (`endpoint revoke`) or by a trusted contact's identity
   * (received from one of its endpoints). Its certificate is refused from now on.
   */
  'endpoint:revoked': CustomEvent<EndpointRevocationInfo>
}

/** An endpoint revocation held: `identity` revoked its endpoint `endpoint` for good. */
export interface EndpointRevocationInfo {
  /** The identity (contact PeerId) whose key signed it. */
  identity: string
  /** The revoked endpoint's PeerId. */
  endpoint: string
  /** When, epoch milliseconds. */
  revokedAt: number
  /** Why, for people (may be empty). */
  reason: string
}

/** Options of the collaboration service. */
export interface CollaborationInit {
  /** The node's identity certificate, DER. @default one made from the node's key and stored in the datastore */
  identityCertificate?: Uint8Array
  /**
   * The identity this node signs in as when it is not the node's own key (an identity exported
   * from another node and imported as an endpoint): contacts know it by this key's PeerId, and
   * the node proves it with an endpoint certificate the key issues for the node's PeerId.
   * @default the node's own key (PeerId = identity)
   */
  identity?: { privateKey: PrivateKey, certificate: Uint8Array }
  /** Default nickname and display name of Me. @default the PeerId */
  displayName?: string
  /** Default endpoint name. @default the machine's host name */
  endpointName?: string
  /** Scope signed in to at every start, besides the persisted sign-in state. @default 'off' */
  autoSignin?: 'off' | Scope
  /** Subscribe, unsubscribe and refresh time-out, in milliseconds. @default 30000 */
  requestTimeoutMs?: number
  /** Time an inbound exchange may take to send its request, in milliseconds. @default 10000 */
  inboundTimeoutMs?: number
  /** Period of the subscription keep-alive, in milliseconds. @default 30000 */
  keepAliveMs?: number
  /** How often watched contacts that are not subscribed are tried again, in milliseconds (0: never). @default 30000 */
  watchRetryMs?: number
  /**
   * How often, signed in to `internet`, the node checks which watched contacts to look for (peer
   * store, card addresses, then the DHT), in milliseconds (0: never). @default 1000
   */
  findTickMs?: number
  /**
   * How long a watched endpoint whose subscription over a relayed connection broke (a relay closes
   * circuits at its limits) keeps its data before it shows offline, in milliseconds (0: at once).
   * @default 30000
   */
  relayGraceMs?: number
  /** Backoff between two searches for one contact. @default `{ minDelayMs: 2000, maxDelayMs: 300000, factor: 2, jitter: 0.2 }` */
  findBackoff?: ReconnectBackoff
  /** How long a peer that pushed junk is refused, in milliseconds. @default 600000 */
  penaltyMs?: number
  /** Pacing of the People Near Me trusted marks (tests shorten it). @default `{ proofTtlMs: 3600000, tickMs: 10000, timeoutMs: 30000 }` */
  nearTrust?: NearTrustInit
  /** The People Near Me service. @default the `peopleNearMe` libp2p service, when there is one */
  peopleNearMe?: () => PeopleNearMe | undefined
  /** Clock, epoch milliseconds. @default Date.now */
  now?: () => number
  /** The protocol id. @default '/peerhood/collab/1.0.0' */
  protocol?: string
}

/** Options of a request to a remote endpoint. */
export interface CollabRequestOptions {
  /** Aborts it. @default undefined */
  signal?: AbortSignal
}

/** Windows Peer Collaboration on libp2p: sign-in, Me, contacts, watching, presence, objects, applications. */
export interface Collaboration extends TypedEventTarget<CollaborationEvents> {
  /** Signs in to a scope (near also advertises on People Near Me). Persists. */
  signin (scope: Scope): Promise<SigninStatus>
  /** Signs out of a scope; out of everything drops objects and cached endpoint data. Persists. */
  signout (scope: Scope): Promise<SigninStatus>
  /** The sign-in state. */
  signinStatus (): SigninStatus
  /** Me. */
  me (): MeInfo
  /** Changes Me's nickname, display name, e-mail or endpoint name. Codes: `NAME_TOO_LONG`, `INVALID_ARGUMENT`. */
  setMe (patch: MePatch): Promise<MeInfo>
  /** A card: mine (no peer; needs sign-in: `NOT_SIGNED_IN`) or a stored contact's (`NOT_FOUND`). */
  exportCard (peerId?: string): Promise<ContactCard>
  /** Verifies a card (text or JSON form) without storing it. Codes: `INVALID_CONTACT`, `UNSUPPORTED_VERSION`. */
  parseCard (input: string): ContactCard
  /** Adds (or refreshes) the contact of a verified card. Codes: `INVALID_CONTACT`, `TOO_MANY_CONTACTS`, `INVALID_ARGUMENT` (my own card). */
  addContact (input: string): Promise<Contact>
  /** Fetches the card of a People Near Me entry over the collaboration protocol and adds it. Codes: `NOT_SIGNED_IN`, `NOT_FOUND`, `CONNECTION_FAILED`, `TIMEOUT`, `INVALID_CONTACT`. */
  addContactNear (id: string, options?: CollabRequestOptions): Promise<Contact>
  /** Every contact (Me not included). */
  contacts (): Contact[]
  /** One contact. Code: `NOT_FOUND`. */
  contact (peerId: string): Contact
  /** Changes a contact (names, watch, watcher permission). Codes: `NOT_FOUND`, `NAME_TOO_LONG`. */
  updateContact (peerId: string, patch: ContactPatch): Promise<Contact>
  /** Deletes a contact; its subscription and its watching stop. Code: `NOT_FOUND`. */
  deleteContact (peerId: string): Promise<void>
  /** Whether a peer is a trusted contact (by its PeerId: the identity a contact is known by). */
  isTrustedContact (peerId: string): boolean
  /**
   * The People Near Me trusted mark of a PeerId: whether it proved, over a connection noise
   * authenticated, to be an endpoint of a trusted contact's identity (an announcement alone never does).
   */
  nearTrusted (peerId: string): boolean
  /** My presence, or a remote endpoint's (from its data; a contact's PeerId gives one of its endpoints', online first). Code: `NOT_FOUND`. */
  presence (peerId?: string): PresenceInfo
  /** Sets my presence and pushes it to watchers. Codes: `NOT_SIGNED_IN`, `INVALID_ARGUMENT` (offline), `PRESENCE_TEXT_TOO_LONG`. */
  setPresence (presence: { status: PresenceStatus, text?: string }): Promise<PresenceInfo>
  /** Publishes an object. Codes: `NOT_SIGNED_IN`, `INVALID_OBJECT_ID`, `OBJECT_EMPTY`, `OBJECT_TOO_LARGE`, `TOO_MANY_OBJECTS`. */
  setObject (object: { id: string, data: Uint8Array, scope?: Scope }): Promise<PublishedObject>
  /** Withdraws an object. Codes: `NOT_FOUND`, `INVALID_OBJECT_ID`. */
  deleteObject (id: string): Promise<void>
  /** My objects. */
  objects (): PublishedObject[]
  /** A remote endpoint's objects (from its data). Code: `NOT_FOUND`. */
  endpointObjects (peerId: string): EndpointObject[]
  /** Registers an application (persists). Codes: `INVALID_OBJECT_ID`, `DESCRIPTION_TOO_LONG`, `APPLICATION_DATA_TOO_LARGE`, `TOO_MANY_APPLICATIONS`. */
  registerApplication (app: { id: string, description: string, data?: Uint8Array, launch?: string, args?: string[], scope?: Scope }): Promise<ApplicationRegistration>
  /** Unregisters one. Code: `NOT_FOUND`. */
  unregisterApplication (id: string): Promise<void>
  /** My registered applications (with their local launch command). */
  applications (): ApplicationRegistration[]
  /** A remote endpoint's applications (from its data). Code: `NOT_FOUND`. */
  endpointApplications (peerId: string): ApplicationInfo[]
  /** Subscribes to an endpoint's data (reference-counted); resolves with the first snapshot. Emits `request:status`. */
  subscribe (peerOrAddress: string, options?: CollabRequestOptions): Promise<EndpointData>
  /** Releases one subscription reference. Emits `request:status`. */
  unsubscribe (peerOrAddress: string): Promise<void>
  /** Fetches a one-shot snapshot, cached until `forget`. Emits `request:status`. */
  refresh (peerOrAddress: string, options?: CollabRequestOptions): Promise<EndpointData>
  /** Drops a refreshed snapshot. Code: `NOT_FOUND`. */
  forget (peerId: string): void
  /** What this node holds of an endpoint (a contact's PeerId: of one of its endpoints, online first). Code: `NOT_FOUND`. */
  endpoint (peerId: string): EndpointData
  /** The signed-in endpoints of a contact seen proving its identity (needs sign-in). Codes: `NOT_SIGNED_IN`, `NOT_FOUND`. */
  endpoints (contactPeerId: string): EndpointSummary[]
  /** The identity an endpoint of another identity was seen proving (its certificate verified), if any. */
  endpointOwner (peerId: string): string | undefined
  /**
   * Revokes one endpoint of my identity for good (this node holds the identity key): signs a
   * revocation, keeps it, refuses that PeerId's certificate from now on and pushes it to my
   * watchers, who do the same. Codes: `INVALID_ARGUMENT` (this node, my identity's own PeerId, a
   * reason refused), `INVALID_PEER_ID`, `TOO_MANY_REVOCATIONS` (64 of my identity).
   */
  revokeEndpoint (peerId: string, options?: { reason?: string }): Promise<EndpointRevocationInfo>
  /** The endpoint revocations held (of one identity, or all), oldest first. */
  revokedEndpoints (identity?: string): EndpointRevocationInfo[]
  /** My endpoint certificate, to present on other protocols (empty when my PeerId is my identity). */
  endpointCertificate (): Uint8Array
  /** The identity a peer proves with a certificate for its authenticated PeerId (no certificate: its PeerId). Code: `INVALID_CONTACT`. */
  proveEndpoint (peerId: string, certificate: Uint8Array): string
}
