/**
 * The five libp2p services a Peerhood group member runs, made together because they share one
 * state: `pubsub` (gossipsub gated by membership), `membership` (the handshake on connect),
 * `sync` (reconciliation), `direct` (direct connections and typed data between members) and
 * `groups` (groups, records, members). Call it once per node.
 */
import type { GossipSubComponents } from '@libp2p/gossipsub'
import { ChainCache } from '../certificates/chain-cache.ts'
import { credentials, type Credentials, type CredentialsComponents } from '../credentials/index.ts'
import { directData, type DirectData, type DirectDataComponents, type DirectDataInit } from '../direct-data/index.ts'
import { passwordJoin, type PasswordJoin, type PasswordJoinComponents } from '../password-join/index.ts'
import { validateChain } from '../certificates/chain-validator.ts'
import { groupGossip, type GroupGossip, type GroupGossipInit } from '../group-gossip/index.ts'
import { type MembershipComponents, MembershipService } from '../membership/membership.ts'
import { syncService } from '../sync/index.ts'
import type { Sync, SyncInit } from '../sync/service-types.ts'
import type { SyncComponents } from '../sync/sync.ts'
import { type PeerGroupsComponents, type PeerGroupsInit, PeerGroupsService, type SharedServices } from './peer-groups.ts'

/** Options of {@link groupServices}. */
export interface GroupServicesInit {
  /** Display name written into certificates this node creates. @default the PeerId */
  displayName?: string
  /** Clock, epoch milliseconds. @default Date.now */
  now?: () => number
  /** Penalise many proven members behind one IP in gossip scoring (off for loopback clusters); non-members never count. @default true */
  ipColocation?: boolean
  /** Further gossipsub options. @default {} */
  gossipsub?: GroupGossipInit['gossipsub']
  /** Sync tuning. @default the sync protocol's defaults */
  sync?: Omit<SyncInit, 'resolveSet'>
  /** Period of the expiry sweep, in milliseconds. @default 10000 */
  expiryIntervalMs?: number
  /** Ask a connected administrator to renew GMCs before they expire. @default true */
  autoRenew?: boolean
  /** Period of the time-based solicitation (one reconciliation per group with one member), in milliseconds; `0` never. @default 300000 */
  resyncIntervalMs?: number
  /** Redial members while none of a group's is connected (backoff), or `false`. @default {} (on) */
  reconnect?: PeerGroupsInit['reconnect']
  /** Direct connection limits. @default the direct-data protocol's defaults */
  direct?: Omit<DirectDataInit, 'isMember' | 'isLocalMember'>
}

/** The service factories, keyed by the names libp2p gives them. */
export interface GroupServiceFactories {
  pubsub: (components: GossipSubComponents) => GroupGossip
  membership: (components: MembershipComponents) => MembershipService
  sync: (components: SyncComponents) => Sync
  direct: (components: DirectDataComponents) => DirectData
  passwordJoin: (components: PasswordJoinComponents) => PasswordJoin
  credentials: (components: CredentialsComponents) => Credentials
  groups: (components: PeerGroupsComponents) => PeerGroupsService
}

/** Makes the group services of one node. */
export function groupServices (init: GroupServicesInit = {}): GroupServiceFactories {
  const shared: SharedServices = {}
  const cache = new ChainCache()
  let groups: PeerGroupsService | undefined
  const now = init.now ?? Date.now
  return {
    pubsub: (components) => {
      shared.pubsub = groupGossip({
        allows: (peerId, topic) => groups?.allowsTopic(peerId, topic) ?? false,
        isMember: (peerId) => (shared.membership?.groupsOf(peerId).length ?? 0) > 0,
        ...(init.ipColocation === undefined ? {} : { ipColocation: init.ipColocation }),
        ...(init.gossipsub === undefined ? {} : { gossipsub: init.gossipsub })
      })(components)
      return shared.pubsub
    },
    membership: (components) => {
      shared.membership = new MembershipService(components, {
        localMemberships: () => groups?.localMemberships() ?? [],
        // the chain validator, then the group's revocations (issue 15)
        verifyChain: (groupId, chain, at) => groups?.revocations.verifyChain(groupId, chain, at) ?? validateChain(groupId, chain, at, cache),
        now
      })
      return shared.membership
    },
    sync: (components) => {
      // sync is paged: a session cut at a relay's data limit keeps what it applied (docs/relay.md)
      shared.sync = syncService({ runOnLimitedConnection: true, ...init.sync, now, resolveSet: (groupId, peer) => groups?.resolveSet(groupId, peer) })(components)
      return shared.sync
    },
    direct: (components) => {
      shared.direct = directData({
        ...init.direct,
        isMember: (groupId, peerId) => shared.membership?.isProven(groupId, peerId) ?? false,
        isLocalMember: (groupId) => groups?.isLocalMember(groupId) ?? false
      })(components)
      return shared.direct
    },
    passwordJoin: (components) => {
      shared.passwordJoin = passwordJoin({
        runOnLimitedConnection: true,
        cache,
        now,
        authorityFor: async (groupId) => groups?.joining.authorityFor(groupId),
        // a revoked PeerId gets no certificate by password (NOT_AUTHORIZED, issue 15)
        onIssued: (groupId, peerId) => { groups?.revocations.assertNotRevoked(groupId, peerId.toString()) }
      })(components)
      return shared.passwordJoin
    },
    credentials: (components) => {
      shared.credentials = credentials({
        runOnLimitedConnection: true,
        cache,
        now,
        issuerFor: (groupId) => groups?.joining.issuerFor(groupId),
        currentChain: async (groupId) => groups?.isLocalMember(groupId) === true ? groups.chain(groupId) : undefined,
        onIssued: async (groupId, peerId, chain) => { await groups?.storeIssuedCredentials(groupId, peerId.toString(), chain) }
      })(components)
      return shared.credentials
    },
    groups: (components) => {
      groups = new PeerGroupsService(components, {
        shared,
        cache,
        now,
        ...(init.displayName === undefined ? {} : { displayName: init.displayName }),
        ...(init.expiryIntervalMs === undefined ? {} : { expiryIntervalMs: init.expiryIntervalMs }),
        ...(init.autoRenew === undefined ? {} : { autoRenew: init.autoRenew }),
        ...(init.resyncIntervalMs === undefined ? {} : { resyncIntervalMs: init.resyncIntervalMs }),
        ...(init.reconnect === undefined ? {} : { reconnect: init.reconnect })
      })
      return groups
    }
  }
}
