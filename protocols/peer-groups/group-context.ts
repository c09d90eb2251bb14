/**
 * The state the parts of the peer-groups service share: the open groups, the credential registry,
 * the stores, the sibling services and the parts that act on groups. One object per service; the
 * modules beside `peer-groups.ts` are functions that take it, so this state lives in one place.
 */
import type { Logger, TypedEventEmitter } from '@libp2p/interface'
import { PeerhoodError } from '../common/errors.ts'
import type { GossipOutbox } from '../group-gossip/outbox.ts'
import type { DatastoreMembershipStore } from '../groups/membership-store.ts'
import type { GroupRecord } from '../records/types.ts'
import type { ReservedTypes } from '../records/reserved.ts'
import type { RecordStore } from '../records/store.ts'
import type { CredentialRegistry } from './credential-registry.ts'
import type { DirectUpgrade } from './direct-upgrade.ts'
import type { GossipIngress } from './gossip-ingress.ts'
import type { GroupRuntime } from './group-runtime.ts'
import type { IngressCounters } from './ingress-counters.ts'
import type { Joining } from './joining.ts'
import type { MemberFinder } from './member-finder.ts'
import type { SyncRelay } from './membership-records.ts'
import type { GroupPenalties } from './penalties.ts'
import type { Reconnector } from './reconnector.ts'
import type { Revocations } from './revocations.ts'
import type { Solicitation } from './solicitation.ts'
import type { PeerGroupsComponents, PeerGroupsInit, SharedServices } from './service-init.ts'
import type { PeerGroupsEvents } from './types.ts'
import type { VerifierSharing } from './verifier-sharing.ts'

/** What every part of the peer-groups service shares (see the module comment). */
export interface GroupsContext {
  /** The libp2p components the service was given. */
  readonly components: PeerGroupsComponents
  /** The service's options. */
  readonly init: PeerGroupsInit
  /** The service's logger (`peerhood:groups`). */
  readonly log: Logger
  /** Where the service's events are dispatched (the service itself). */
  readonly events: TypedEventEmitter<PeerGroupsEvents>
  /** The groups open on this node, by group id. */
  readonly groups: Map<string, GroupRuntime>
  /** Group id of each open group's gossip topic. */
  readonly byTopic: Map<string, string>
  /** Credentials of every member seen, per group. */
  readonly registry: CredentialRegistry
  /** Revocations of every open group (issue 15). */
  readonly revocations: Revocations
  /** Ingress outcomes by reason, for metrics. */
  readonly counters: IngressCounters
  /** The reserved record types and their checks. */
  readonly reservedTypes: ReservedTypes
  /** Gossip bundles waiting to leave. */
  readonly outbox: GossipOutbox
  /** Records arriving by gossip. */
  readonly gossip: GossipIngress
  /** Finds and dials members (DHT rendezvous, addresses). */
  readonly finder: MemberFinder
  /** Redials a group's members while none is connected (undefined when turned off). */
  readonly reconnector?: Reconnector | undefined
  /** Dials members reached only through a relay at their own addresses. */
  readonly upgrade: DirectUpgrade
  /** Penalties of members whose records were rejected. */
  readonly penalties: GroupPenalties
  /** Reconciles each synchronised group with one member every interval. */
  readonly solicitation: Solicitation
  /** Invitations, joins, the group password and renewal. */
  readonly joining: Joining
  /** The password verifier's travels between administrators. */
  readonly sharing: VerifierSharing
  /** Gossips on the membership and presence records first stored from a sync. */
  readonly relay: SyncRelay
  /** Groups whose auto-renewal is under way. */
  readonly renewing: Set<string>
  /** Memberships stored on disk (made at start). */
  memberships: DatastoreMembershipStore
  /** Records of every group (made at start). */
  records: RecordStore
  /** Whether the service runs. */
  started: boolean
  /** Clock, epoch milliseconds. */
  now (): number
  /** The sibling services (throws NOT_STARTED when `groupServices()` did not make them). */
  services (): Required<SharedServices>
  /** Applies a record this node wrote and queues it for gossip. */
  publish (rt: GroupRuntime, published: { bytes: Uint8Array, record: GroupRecord }): Promise<void>
}

/** The sibling services, all of them (throws NOT_STARTED when one is missing). */
export function siblingServices (shared: SharedServices): Required<SharedServices> {
  const { pubsub, membership, sync, direct, passwordJoin, credentials } = shared
  if (pubsub === undefined || membership === undefined || sync === undefined || direct === undefined || passwordJoin === undefined || credentials === undefined) {
    throw new PeerhoodError('NOT_STARTED', 'the peer-groups service needs the sibling services of groupServices()')
  }
  return { pubsub, membership, sync, direct, passwordJoin, credentials }
}

/** Throws NOT_STARTED unless the service runs. */
export function assertStarted (ctx: Pick<GroupsContext, 'started'>): void {
  if (!ctx.started) throw new PeerhoodError('NOT_STARTED', 'the node is not running')
}

/** An open group (throws NOT_STARTED, or INVALID_GROUP when this node is not a member). */
export function runtimeOf (ctx: Pick<GroupsContext, 'started' | 'groups'>, groupId: string): GroupRuntime {
  assertStarted(ctx)
  const rt = ctx.groups.get(groupId)
  if (rt === undefined) throw new PeerhoodError('INVALID_GROUP', 'this node is not a member of that group', { details: { groupId } })
  return rt
}

/** Throws GROUP_NOT_READY until the group has synchronised with a member once (as in Windows). */
export function requireReady (rt: GroupRuntime): void {
  if (!rt.synchronized) throw new PeerhoodError('GROUP_NOT_READY', 'the group has not synchronised with a member yet', { details: { groupId: rt.groupId } })
}

/**
 * Whether gossip on `topic` reaches anyone: asked when a record is queued and again when its
 * bundle leaves. With no proven member subscribed there is nobody to flood to: members that
 * connect later reconcile by sync, and gossipsub need not cache the message and its id.
 */
export function gossipReaches (ctx: Pick<GroupsContext, 'started' | 'services'>, topic: string): boolean {
  return ctx.started && ctx.services().pubsub.getSubscribers(topic).length > 0
}
