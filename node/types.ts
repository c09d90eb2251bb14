/**
 * The public face of a running node, as the control API, the CLI and embedding apps see it.
 */
import type { PeerhoodConfig } from '../config/schema.ts'
import type { EventBus } from './events.ts'
import type { Libp2p, PeerId } from '@libp2p/interface'
import type { PeerGroups } from '../protocols/peer-groups/types.ts'
import type { Collaboration } from '../protocols/collaboration/types.ts'
import type { AppInvitations } from '../protocols/app-invitations/types.ts'

/** What `GET /v1/status` and `peerhood status` report. */
export interface NodeStatus {
  /** The node's PeerId (base58btc). */
  peerId: string
  /** Display name from the config. */
  displayName: string
  /** Peerhood version. */
  version: string
  /** Addresses others can dial, each ending in `/p2p/<peerId>`. */
  addresses: string[]
  /** Number of open connections. */
  connections: number
  /** Number of distinct connected peers. */
  peers: number
  /** Milliseconds since the node started. */
  uptimeMs: number
  /** Data directory, or undefined for a memory node. */
  dataDir?: string
  /** Whether mDNS is running. */
  mdns: boolean
  /** DHT mode, or `off`. */
  dht: 'client' | 'server' | 'off'
  /** Whether the node is reachable from the internet, as AutoNAT found (`public`, `private`, `unknown`). */
  reachability?: 'public' | 'private' | 'unknown'
  /** Relays: whether this node serves as one, and the relays (PeerIds) it holds reservations on. */
  relay?: { server: boolean, reservations: string[] }
  /** Open connections that are direct, and relayed (limited) through a circuit relay. */
  connectionKinds?: { direct: number, relayed: number }
  /** Open subscriptions to the whole event stream (API event streams included). */
  eventSubscribers: number
}

/** One connected peer, as `GET /v1/peers` and `peerhood peers` report it. */
export interface PeerSummary {
  /** The remote PeerId. */
  peerId: string
  /** Remote addresses of the open connections. */
  addresses: string[]
  /** `inbound` or `outbound` for each open connection, in the same order. */
  directions: Array<'inbound' | 'outbound'>
  /** Protocols the peer announced through identify (may be empty right after connecting). */
  protocols: string[]
  /** Agent version announced through identify, if known. */
  agentVersion?: string
}

/** Result of a ping. */
export interface PingResult {
  /** The peer that answered. */
  peerId: string
  /** Round-trip time in milliseconds. */
  rttMs: number
}

/** A running (or stopped) Peerhood node. */
export interface PeerhoodNode {
  /** The node's PeerId. */
  readonly peerId: PeerId
  /** The resolved configuration the node runs with. */
  readonly config: PeerhoodConfig
  /** Data directory, or undefined for a memory node. */
  readonly dataDir?: string
  /** The underlying libp2p node (for embedding apps that need more). */
  readonly libp2p: Libp2p
  /** Every event the node emits (in-process listeners and the API's event stream). */
  readonly events: EventBus
  /** Peer groups: membership, certificates, records (the `groups` libp2p service). */
  readonly groups: PeerGroups
  /** Peer Collaboration: sign-in, Me, contacts, watching, presence, objects, applications (the `collaboration` libp2p service). */
  readonly collaboration: Collaboration
  /** Application invitations: invite, answer, cancel, launch (the `appInvitations` libp2p service). */
  readonly invitations: AppInvitations
  /** Base URL of the control API (`http://127.0.0.1:<port>`) once it is listening, else undefined. */
  readonly apiUrl?: string
  /** Starts libp2p (and the control API when enabled). Idempotent. */
  start (): Promise<void>
  /** Stops the API, libp2p and closes storage. Idempotent. */
  stop (): Promise<void>
  /** A snapshot of the node's state. */
  status (): NodeStatus
  /** The connected peers. */
  peers (): Promise<PeerSummary[]>
  /** Dials a multiaddr (with `/p2p/<id>`) and waits for the connection. Codes: `INVALID_MULTIADDR`, `CONNECTION_FAILED`, `CONNECT_SELF`. */
  connect (multiaddr: string, options?: { signal?: AbortSignal }): Promise<PeerSummary>
  /** Pings a peer by PeerId (must be known or connected) or multiaddr. Codes: `INVALID_PEER_ID`, `CONNECTION_FAILED`, `TIMEOUT`. */
  ping (peer: string, options?: { signal?: AbortSignal }): Promise<PingResult>
  /** Prometheus text exposition of libp2p's and the node's metrics. */
  metrics (): Promise<string>
}
