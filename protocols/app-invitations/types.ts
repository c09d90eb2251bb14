/**
 * Public types of application invitations: what a sender and a recipient see of an invitation,
 * the launch information of an accepted one, events, options and the service interface.
 */
import type { TypedEventTarget } from '@libp2p/interface'
import type { ErrorCode } from '../common/errors.ts'
import type { PeopleNearMe } from '../collaboration/near.ts'
import type { Collaboration } from '../collaboration/types.ts'
import type { PeerGroups } from '../peer-groups/types.ts'

/** Who may deliver invitations to this node (config `invitations.accept`). */
export type AcceptPolicy = 'contacts' | 'anyone' | 'none'

/**
 * Where an outgoing invitation is: `queued` (kept until the contact is reachable), `sending`,
 * `delivered` (waiting for the answer), then one final state.
 */
export type OutgoingState = 'queued' | 'sending' | 'delivered' | 'accepted' | 'declined' | 'expired' | 'cancelled' | 'error'

/** Where a received invitation is: `pending` until answered, expired or cancelled by its sender. */
export type IncomingState = 'pending' | 'accepted' | 'declined' | 'expired' | 'cancelled'

/** What an invitation carries (Windows `PEER_INVITATION`). */
export interface InvitationContent {
  /** The application's id (UUID or reverse-DNS), at most 255 characters. */
  appId: string
  /** A message for the recipient, at most 255 characters. @default '' */
  message: string
  /** Application data, at most 16 KiB. @default empty */
  data: Uint8Array
}

/** An invitation this node sent. */
export interface OutgoingInvitation extends InvitationContent {
  /** Its id (chosen by this node). */
  id: string
  /** The recipient's PeerId. */
  peerId: string
  /** Whether the recipient was invited as a trusted contact (its PeerId checked against the contact). */
  verified: boolean
  /** Where it is. */
  state: OutgoingState
  /** When it was made, epoch milliseconds. */
  createdAt: number
  /** When it expires, epoch milliseconds. */
  expiresAt: number
  /** The recipient's answer message, once answered. */
  responseMessage?: string
  /** Why it failed (`error` state), or why the last delivery attempt failed (`queued`). */
  error?: ErrorCode
  /** The hosted session it belongs to, if any. */
  session?: string
  /** The fan-out it belongs to (one invitation to several endpoints: the first acceptance wins). */
  fanout?: string
  /** The contact invited, when the invitation went to one of its endpoints (its PeerId; `peerId` is the endpoint). */
  contact?: string
}

/** An invitation this node received. */
export interface IncomingInvitation extends InvitationContent {
  /** Its local id (what `invitation accept ID` takes). */
  id: string
  /** The sender's PeerId (proven by the connection): its endpoint, where the answer goes. */
  from: string
  /** The identity the sender proved (a contact's PeerId): `from`, unless the sender runs as an endpoint of an identity imported onto it. */
  contact: string
  /** The sender's nickname when it is a contact, else ''. */
  nickname: string
  /** The sender is a trusted contact of this node and invited this node as its contact. */
  verified: boolean
  /** Where it is. */
  state: IncomingState
  /** When it arrived, epoch milliseconds. */
  receivedAt: number
  /** When it expires, epoch milliseconds (this node's clock). */
  expiresAt: number
  /** The invitation is for a hosted session: accepting with `join` joins its group. */
  session: boolean
}

/** What a launched application (or an `invitation:accepted` listener) learns (Windows `PEER_APP_LAUNCH_INFO`). */
export interface LaunchInfo {
  /** The sender as a contact of this node, when it is one. */
  contact?: { peerId: string, nickname: string, displayName: string }
  /** The sender's endpoint. */
  endpoint: { peerId: string, addresses: string[] }
  /** The invitation. */
  invitation: { id: string, appId: string, message: string, data: string, verified: boolean }
  /** The sender's PeerId. */
  sender: string
}

/** Events of the invitation service; the node forwards them to its bus. */
export interface AppInvitationsEvents {
  /** An invitation arrived (only from senders `invitations.accept` allows). */
  'invitation:received': CustomEvent<IncomingInvitation>
  /** The sender withdrew an invitation this node had not answered; it left the list. */
  'invitation:cancelled': CustomEvent<{ id: string, from: string }>
  /** An invitation expired unanswered (either side). */
  'invitation:expired': CustomEvent<{ id: string, side: 'sender' | 'recipient' }>
  /** An outgoing invitation changed state (queued, delivered, answered, expired, cancelled, error). */
  'invitation:response': CustomEvent<OutgoingInvitation>
  /** This node accepted an invitation for an application registered without a launch command. */
  'invitation:accepted': CustomEvent<LaunchInfo>
  /** A hosted session's invitee changed (the host's side). */
  'session:progress': CustomEvent<SessionInvitee & { groupId: string }>
  /** This node joined a hosted session's group after accepting its invitation. */
  'session:joined': CustomEvent<{ id: string, groupId: string }>
  /** This node started an application's launch command for an accepted invitation. */
  'invitation:launched': CustomEvent<{ id: string, appId: string, pid: number }>
}

/** Options of {@link AppInvitations.invite}. */
export interface InviteOptions {
  /** The application's id. */
  appId: string
  /** Message, at most 255 characters. @default '' */
  message?: string
  /** Data, at most 16 KiB. @default empty */
  data?: Uint8Array
  /** Time to answer, in milliseconds (1 s to 24 h). @default 300000 */
  expiresInMs?: number
  /** Aborts the delivery (not the invitation: cancel it for that). @default undefined */
  signal?: AbortSignal
  /** The hosted session it belongs to (set by `hostSession`). @default undefined */
  session?: string
  /** The fan-out it belongs to (set by `inviteEach`). @default undefined */
  fanout?: string
}

/** One invitee of a hosted session and how it went. */
export interface SessionInvitee {
  /** The target as given (contact, PeerId, address or `@near-id`). */
  target: string
  /** Its PeerId ('' when it could not be resolved). */
  peerId: string
  /** The invitation's id ('' when none was sent). */
  invitationId: string
  /** `joined` (accepted and a connected member of the group), `accepted` (not connected by the timeout), or how the invitation ended. */
  outcome: 'pending' | 'joined' | 'accepted' | 'declined' | 'expired' | 'cancelled' | 'error'
  /** The error code of an `error` outcome. */
  error?: ErrorCode
}

/** Options of {@link AppInvitations.hostSession}. */
export interface HostSessionOptions {
  /** The application's id. */
  appId: string
  /** Contacts, PeerIds, addresses or `@near-id`s to invite. */
  invite: string[]
  /** Message of the invitations. @default '' */
  message?: string
  /** Data of the invitations, at most 16 KiB. @default empty */
  data?: Uint8Array
  /** Time to wait for answers and joins, in milliseconds. @default 300000 */
  timeoutMs?: number
  /** Friendly name of the group created for the session. @default '<appId> session' */
  groupName?: string
  /** An existing group to bring the acceptors into instead of a new one. @default a new group */
  groupId?: string
  /** Called at each invitee's change. @default none */
  onProgress?: (invitee: SessionInvitee & { groupId: string }) => void
}

/** The end of a hosted session. */
export interface SessionResult {
  /** The session's group. */
  groupId: string
  /** Every invitee, in the order given. */
  invitees: SessionInvitee[]
  /** Every acceptor is a connected member of the group. */
  complete: boolean
}

/** Options of the invitation service. */
export interface AppInvitationsInit {
  /** Who may deliver invitations. @default 'contacts' */
  accept?: AcceptPolicy
  /** Accepting a hosted session's invitation joins its group even without `join`. @default false */
  autoJoinSessions?: boolean
  /** How long a peer that sent junk is refused, in milliseconds. @default 600000 */
  penaltyMs?: number
  /** Invitations one sender may deliver in a burst. @default 10 */
  senderBurst?: number
  /** Invitations one sender may deliver per minute once its burst is spent. @default 10 */
  senderPerMinute?: number
  /** How often queued invitations are tried again besides when their contact connects, in milliseconds (0: never). @default 30000 */
  queueRetryMs?: number
  /** Time one exchange may take, in milliseconds. @default 10000 */
  exchangeTimeoutMs?: number
  /** Where a launched command's output lines go. @default the service's logger */
  launchLog?: (line: string) => void
  /** Clock, epoch milliseconds. @default Date.now */
  now?: () => number
  /** The peer groups service (hosted sessions). @default the `groups` libp2p service */
  groups?: () => PeerGroups | undefined
  /** The collaboration service (contacts, applications). @default the `collaboration` libp2p service */
  collaboration?: () => Collaboration | undefined
  /** The People Near Me service (`@id` targets). @default the `peopleNearMe` libp2p service, when there is one */
  peopleNearMe?: () => PeopleNearMe | undefined
  /** The protocol id. @default '/peerhood/app-invite/1.0.0' */
  protocol?: string
}

/** Windows `PeerCollabInviteContact` / `InviteEndpoint` / `CancelInvitation` / `GetAppLaunchInfo` on libp2p. */
export interface AppInvitations extends TypedEventTarget<AppInvitationsEvents> {
  /**
   * Invites a contact (PeerId or nickname: verified), a People Near Me entry (`@id`: unverified) or
   * an endpoint (PeerId or multiaddr: unverified). A contact seen signed in on several endpoints
   * (`endpoint list`) is invited on each, as one fan-out: the first acceptance wins and the others
   * are cancelled; the invitation returned is one of them, and `waitForResponse` on any of them
   * resolves with the fan-out's outcome. Resolves once delivered (or queued for an unreachable
   * trusted contact). Codes: `NOT_AUTHORIZED`, `THROTTLED`, `CONNECTION_FAILED`,
   * `INVITE_CANCELLED`, `INVALID_OBJECT_ID`, `APPLICATION_DATA_TOO_LARGE`, `INVITATION_MESSAGE_TOO_LONG`,
   * `INVALID_TIME_PERIOD`, `NOT_FOUND`.
   */
  invite (to: string, options: InviteOptions): Promise<OutgoingInvitation>
  /**
   * Invites several endpoints of one person at once (the .NET behaviour for a contact signed in
   * on several endpoints): the first acceptance wins and the others are cancelled. Each target
   * as in `invite`; resolves with the invitations delivered (or queued). Codes: those of `invite`
   * when no target could be invited.
   */
  inviteEach (targets: string[], options: InviteOptions): Promise<OutgoingInvitation[]>
  /**
   * Resolves with the invitation once it is final (answered, expired, cancelled or failed); for a
   * fan-out, with the accepted one as soon as one is, else once all are final with the first
   * declined, else expired, else any (the .NET order). Code: `NOT_FOUND`.
   */
  waitForResponse (id: string, options?: { signal?: AbortSignal }): Promise<OutgoingInvitation>
  /** Withdraws an outgoing invitation (every unfinished one of its fan-out): aborted before delivery, recipient told after, no-op once answered. Code: `NOT_FOUND`. */
  cancel (id: string): Promise<OutgoingInvitation>
  /** An outgoing invitation. Code: `NOT_FOUND`. */
  status (id: string): OutgoingInvitation
  /** Outgoing invitations (unfinished, then the most recent finished). */
  sent (): OutgoingInvitation[]
  /** Received invitations still pending. */
  received (): IncomingInvitation[]
  /** A received invitation (pending or finished). Code: `NOT_FOUND`. */
  incoming (id: string): IncomingInvitation
  /** Accepts a received invitation; launches its application or emits `invitation:accepted`. Codes: `NOT_FOUND`, `INVITE_CANCELLED`, `INVITATION_EXPIRED`, `INVITE_RESPONSE_NOT_AVAILABLE`. */
  accept (id: string, options?: { message?: string, join?: boolean }): Promise<IncomingInvitation>
  /** Declines a received invitation. Codes as `accept`. */
  decline (id: string, options?: { message?: string }): Promise<IncomingInvitation>
  /** Who may deliver invitations now. */
  policy (): AcceptPolicy
  /**
   * Hosts a session: invites, collects answers, cancels those that did not answer by the timeout,
   * brings the acceptors into a group (new, or `groupId`) and resolves when every acceptor is a
   * connected member or at the timeout. Emits `session:progress`. Codes: `INVALID_ARGUMENT`, those of `invite`
   * (per invitee, as its outcome), those of group creation.
   */
  hostSession (options: HostSessionOptions): Promise<SessionResult>
}
