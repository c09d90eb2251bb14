/**
 * Keeping groups connected: the reconnector (members redialled while none is connected) and the
 * direct upgrade (members reached through a relay dialled at their own addresses), built from
 * what the peer-groups service knows of its groups.
 */
import type { ComponentLogger, PeerId, PeerRouting, PeerStore } from '@libp2p/interface'
import type { ConnectionManager } from '@libp2p/interface-internal'
import { peerIdFromString } from '@libp2p/peer-id'
import type { MemberInfo } from '../certificates/chain-result.ts'
import type { Membership } from '../membership/membership.ts'
import type { GroupRecord } from '../records/types.ts'
import { DirectUpgrade } from './direct-upgrade.ts'
import { presenceAddresses } from './presence.ts'
import type { ReconnectBackoff } from './reconnect-schedule.ts'
import { lastKnownMembers, type ReconnectProgress, Reconnector } from './reconnector.ts'

/** What {@link connectivity} reads from the service. */
export interface ConnectivityInit {
  components: { peerId: PeerId, connectionManager: ConnectionManager, logger: ComponentLogger, peerRouting?: PeerRouting, peerStore?: PeerStore }
  membership: () => Membership
  /** Open groups. */
  groupIds: () => string[]
  /** A group's presence records. */
  presence: (groupId: string) => AsyncIterable<GroupRecord>
  /** Members the credential registry knows in a group. */
  members: (groupId: string) => MemberInfo[]
  /** Dials the providers of a group's DHT rendezvous. */
  findProviders: (groupId: string, signal: AbortSignal) => Promise<number>
  /** Reports a reconnection step (as `group:status`). */
  onProgress: (groupId: string, progress: ReconnectProgress) => void
  /** Backoff, or `false` for no reconnector. */
  reconnect?: Partial<ReconnectBackoff> | false
}

/** The reconnector (unless turned off) and the direct upgrade. */
export function connectivity (init: ConnectivityInit): { reconnector?: Reconnector, upgrade: DirectUpgrade } {
  const { components } = init
  const upgrade = new DirectUpgrade({
    connectionManager: components.connectionManager,
    logger: components.logger,
    addressesOf: async peerId => [
      ...(await Promise.all(init.groupIds().map(async g => presenceAddresses(init.presence(g), peerId)))).flat(),
      ...((await components.peerStore?.get(peerIdFromString(peerId)).catch(() => undefined))?.addresses.map(a => a.multiaddr.toString()) ?? [])
    ]
  })
  if (init.reconnect === false) return { upgrade }
  const reconnector = new Reconnector({
    peerId: components.peerId,
    connectionManager: components.connectionManager,
    ...(components.peerRouting === undefined ? {} : { peerRouting: components.peerRouting }),
    logger: components.logger,
    membership: init.membership,
    knownMembers: async groupId => init.groupIds().includes(groupId) ? lastKnownMembers(init.presence(groupId), init.members(groupId)) : [],
    findProviders: init.findProviders,
    onProgress: init.onProgress,
    ...(init.reconnect === undefined ? {} : { backoff: init.reconnect })
  })
  return { reconnector, upgrade }
}
