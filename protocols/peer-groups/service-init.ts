/**
 * What the peer-groups service is built from: its sibling services, the libp2p components it uses
 * and its options (re-exported by `peer-groups.ts`, where the public API has always named them).
 */
import type { ComponentLogger, ContentRouting, PeerId, PeerRouting, PeerStore, PrivateKey } from '@libp2p/interface'
import type { ConnectionManager } from '@libp2p/interface-internal'
import type { Datastore } from 'interface-datastore'
import type { ChainCache } from '../certificates/chain-cache.ts'
import type { Credentials } from '../credentials/types.ts'
import type { DirectData } from '../direct-data/index.ts'
import type { GroupGossip } from '../group-gossip/index.ts'
import type { MembershipService } from '../membership/membership.ts'
import type { PasswordJoin } from '../password-join/types.ts'
import type { Sync } from '../sync/service-types.ts'
import type { ReconnectBackoff } from './reconnect-schedule.ts'

/** The services the peer-groups service works with (filled in by `groupServices()`). */
export interface SharedServices {
  pubsub?: GroupGossip
  membership?: MembershipService
  sync?: Sync
  direct?: DirectData
  passwordJoin?: PasswordJoin
  credentials?: Credentials
}

/** Components the service uses. */
export interface PeerGroupsComponents {
  addressManager: { getAddresses (): Array<{ toString (): string }> }
  contentRouting: ContentRouting
  /** Peer routing (the DHT), used to find members that moved. */
  peerRouting?: PeerRouting
  /** The peer store: members' addresses learnt by identify. */
  peerStore?: PeerStore
  connectionManager: ConnectionManager
  peerId: PeerId
  privateKey: PrivateKey
  datastore: Datastore
  logger: ComponentLogger
}

/** Options of the peer-groups service. */
export interface PeerGroupsInit {
  /** The sibling services. */
  shared: SharedServices
  /** Chain validation cache shared with the membership handshake. */
  cache: ChainCache
  /** Display name written into certificates this node creates. @default the PeerId */
  displayName?: string
  /** Clock, epoch milliseconds. @default Date.now */
  now?: () => number
  /** Period of the expiry sweep, in milliseconds. @default 10000 */
  expiryIntervalMs?: number
  /** Ask a connected administrator to renew this node's GMCs before they expire. @default true */
  autoRenew?: boolean
  /** Size a gossip bundle is filled up to, in bytes (records published in one burst share one message). @default 65536 */
  bundleBytes?: number
  /** How often each synchronised group reconciles with one connected member besides the sync on connect (repairs what gossip dropped), in milliseconds; `0` never. @default 300000 */
  resyncIntervalMs?: number
  /** Redial a group's members while none is connected (backoff settings), or `false` to leave it to the application. @default {} (on, default backoff) */
  reconnect?: Partial<ReconnectBackoff> | false
}
