/**
 * The one configuration schema: every key, its default, what it allows, and a line of
 * documentation (the configuration table in `docs/configuration.md` is generated from the
 * `describe()` texts and checked against them by a test). Every object is strict: an unknown key is
 * an error, not silently dropped.
 */
import { z } from 'zod'

/** A multiaddr in text form; checked for syntax when the node starts. */
const multiaddrText = z.string().min(1).startsWith('/', { message: 'a multiaddr starts with "/"' })

/** A peer's multiaddr: without `/p2p/<id>` the node could not tell whom it reached. */
const peerMultiaddrText = multiaddrText.includes('/p2p/', { message: 'a peer multiaddr contains /p2p/<id>' })

/** Schema of `config.json` after merging file, environment and flags. */
export const configSchema = z.object({
  /** Name shown to other people (identity certificate subject, People Near Me). @default "peerhood" */
  displayName: z.string().min(1).max(255).default('peerhood')
    .describe('Name shown to other people: the identity certificate subject and People Near Me.'),

  /** Multiaddrs to listen on. @default ["/ip4/0.0.0.0/tcp/3587"] (3587 is the Windows grouping port) */
  listen: z.array(multiaddrText).default(['/ip4/0.0.0.0/tcp/3587'])
    .describe('Multiaddrs to listen on (`--listen`, repeatable; env: comma-separated).'),

  /**
   * Extra addresses this node is reachable at and advertises beside its own (identify, presence
   * records, invitations): the outside address of a port forwarded to it, e.g.
   * `/ip4/203.0.113.7/tcp/3587`. libp2p does not learn a forwarded TCP port by itself (it ignores
   * observed TCP addresses). @default []
   */
  announce: z.array(multiaddrText).default([])
    .describe('Extra addresses to advertise (`--announce`, repeatable): the outside address of a port forwarded to this node; libp2p cannot learn it by itself.'),

  /** Multiaddrs (with `/p2p/<id>`) dialled at start and kept connected. @default [] (contact nobody) */
  bootstrap: z.array(peerMultiaddrText).default([])
    .describe('Peers (multiaddrs with /p2p/) to dial at start and keep connected; empty contacts nobody.'),

  mdns: z.object({
    /** Discover and announce on the local network (People Near Me). @default true */
    enabled: z.boolean().default(true).describe('Discover and announce peers on the local network by mDNS (`--no-mdns`).'),
    /** Query period in milliseconds. @default 10000 */
    interval: z.number().int().min(250).max(3_600_000).default(10_000).describe('mDNS query period, in milliseconds.'),
    /** DNS-SD service tag; only nodes with the same tag see each other. @default "_peerhood._udp.local" */
    serviceTag: z.string().min(1).default('_peerhood._udp.local').describe('mDNS service tag; only nodes with the same tag see each other.')
  }).strict().prefault({}).describe('Local network discovery.'),

  dht: z.object({
    /** Run the Kademlia DHT. @default true */
    enabled: z.boolean().default(true).describe('Run the Kademlia DHT (rendezvous for groups beyond the LAN).'),
    /** `client` never serves, `server` always serves (bootstrap nodes), `auto` serves once AutoNAT confirms a public address. @default "auto" */
    mode: z.enum(['client', 'server', 'auto']).default('auto').describe('DHT mode: client never serves; server always (bootstrap nodes); auto serves once AutoNAT confirms a public address.'),
    /** DHT protocol id: a private DHT, not the IPFS one. @default "/peerhood/kad/1.0.0" */
    protocol: z.string().startsWith('/').default('/peerhood/kad/1.0.0').describe('DHT protocol id (a private DHT, not the public IPFS one).')
  }).strict().prefault({}).describe('Kademlia DHT.'),

  api: z.object({
    /** Serve the control API on 127.0.0.1. @default true */
    enabled: z.boolean().default(true).describe('Serve the control API (HTTP + JSON on 127.0.0.1).'),
    /** TCP port of the control API; 0 picks a free one and writes it to `api.json` in the data directory. @default 0 */
    port: z.number().int().min(0).max(65_535).default(0).describe('Control API port on 127.0.0.1; 0 picks a free port (written to api.json).'),
    /** Most open API connections (event streams included); more are closed on accept. @default 64 */
    maxConnections: z.number().int().min(1).max(10_000).default(64).describe('Most open control API connections (event streams included); more are closed on accept.'),
    /** Time a client has to send a request's headers, in milliseconds; idle and slow-header sockets are closed after it. @default 10000 */
    headersTimeout: z.number().int().min(100).max(300_000).default(10_000).describe('Time a client has to send request headers, in milliseconds; idle and slow-header sockets are closed after it.')
  }).strict().prefault({}).describe('Control API.'),

  connections: z.object({
    /** Most open connections. @default 300 */
    maxConnections: z.number().int().min(1).max(100_000).default(300).describe('Most open connections.'),
    /** Inbound connections accepted per second from one host. @default 5 */
    inboundConnectionThreshold: z.number().int().min(1).max(100_000).default(5).describe('Inbound connections accepted per second from one remote host.'),
    /** Time an inbound connection has for its handshake (encryption and muxer), in milliseconds. @default 5000 (libp2p: 10000) */
    inboundUpgradeTimeout: z.number().int().min(100).max(300_000).default(5_000).describe('Time an inbound connection has for its handshake (encryption and muxer), in milliseconds.'),
    /** Most inbound connections in their handshake at once, from all hosts. @default 32 (libp2p: 10) */
    maxIncomingPendingConnections: z.number().int().min(1).max(100_000).default(32).describe('Most inbound connections in their handshake at once, from all hosts.'),
    /** Most inbound connections in their handshake at once from one remote IPv4 address or IPv6 /64, so one host cannot fill the global limit (slow-loris). @default 4 */
    maxPendingPerHost: z.number().int().min(1).max(100_000).default(4).describe('Most inbound connections in their handshake at once from one IPv4 address or IPv6 /64 (slow-loris guard).'),
    /** Networks (`/ip4/10.0.0.0/ipcidr/8`, `/ip6/…`) exempt from the inbound limits. @default [] */
    allow: z.array(multiaddrText).default([]).describe('Networks (e.g. /ip4/10.0.0.0/ipcidr/8) whose inbound connections skip every inbound limit.'),
    /** Networks whose inbound connections are refused. @default [] */
    deny: z.array(multiaddrText).default([]).describe('Networks (e.g. /ip4/203.0.113.0/ipcidr/24) whose inbound connections are refused.'),
    /** Dial timeout in milliseconds. @default 10000 */
    dialTimeout: z.number().int().min(100).max(300_000).default(10_000).describe('Dial timeout, in milliseconds.'),
    /**
     * Time one address of a dial has, from the TCP connect to the end of the handshake, in milliseconds
     * (a peer with several addresses gets this for each, within `dialTimeout`). @default 6000 (libp2p's)
     */
    addressDialTimeout: z.number().int().min(100).max(300_000).default(6_000).describe('Time one address of a dial has for its connect and handshake, in milliseconds (each address of a peer gets this, within dialTimeout).'),
    /** Close a connection whose keep-alive ping fails or times out (libp2p's connection monitor). @default true */
    abortOnPingFailure: z.boolean().default(true).describe('Close a connection whose keep-alive ping fails; clusters under heavy load in one process turn it off.'),
    /**
     * Time between keep-alive pings on each connection, in milliseconds (libp2p's connection monitor:
     * it measures round-trip times and, with `abortOnPingFailure`, finds dead connections). Each ping
     * is a new stream, about 1 ms of CPU for both ends; a process cluster's nodes, whose loopback
     * connections cannot die silently, ping every 60 s. @default 10000 (libp2p's)
     */
    pingInterval: z.number().int().min(1_000).max(3_600_000).default(10_000).describe('Time between keep-alive pings on each connection, in milliseconds.')
  }).strict().prefault({}).describe('Connection manager limits.'),

  groups: z.object({
    /** Ask a connected administrator to renew this node's GMCs before they expire. @default true */
    autoRenew: z.boolean().default(true).describe('Ask a connected administrator to renew this node\'s GMCs before they expire.'),
    /** How often expired records are swept and presence refreshed, in milliseconds. @default 10000 */
    sweepInterval: z.number().int().min(100).max(3_600_000).default(10_000).describe('How often expired records are swept, presence refreshed and renewals checked, in milliseconds.'),
    /** How often each open group reconciles with one connected member besides the sync on connect, in milliseconds; 0 never. @default 300000 */
    resyncInterval: z.number().int().min(0).max(3_600_000).default(300_000).describe('How often each synchronised group reconciles with one connected member besides the sync on connect (repairs records gossip dropped), in milliseconds; 0: never.'),
    /** Redial a group's members (last known addresses, then the DHT) while none is connected. @default true */
    reconnect: z.boolean().default(true).describe('Redial a group\'s members (presence addresses, peer store, DHT) while none is connected, with capped exponential backoff.'),
    /** Longest wait between two reconnection attempts, in milliseconds. @default 60000 */
    reconnectMaxDelay: z.number().int().min(100).max(3_600_000).default(60_000).describe('Longest wait between two reconnection attempts, in milliseconds (the first waits 1 s, then doubling).')
  }).strict().prefault({}).describe('Peer groups.'),

  collab: z.object({
    /** Scope signed in to at every start besides the persisted sign-in state; `off` signs in to nothing new. @default "off" */
    autoSignin: z.enum(['off', 'near', 'internet', 'all']).default('off').describe('Scope signed in to at every start (besides the persisted sign-in state, which always survives a restart); `off` keeps a fresh node signed out.'),
    /** This endpoint's name until one is set with `peerhood me set --endpoint-name`; empty means the host name. @default "" */
    endpointName: z.string().max(255).default('').describe('Endpoint name until one is set with `peerhood me set --endpoint-name`; empty: the host name.'),
    /** Subscribe, unsubscribe and refresh time-out, in milliseconds (Windows: 30 s). @default 30000 */
    requestTimeout: z.number().int().min(100).max(300_000).default(30_000).describe('Subscribe, unsubscribe and refresh time-out, in milliseconds.')
  }).strict().prefault({}).describe('Peer Collaboration (sign-in, contacts, watching).'),

  relay: z.object({
    /** Serve as a circuit relay v2 for other peers (`--relay-server`). @default false */
    server: z.boolean().default(false).describe('Serve as a circuit relay v2 for other peers (`--relay-server`); meant for public nodes.'),
    /** Hold reservations on relays and advertise `/p2p-circuit` addresses (for nodes behind NAT). @default false */
    reserve: z.boolean().default(false).describe('Hold relay reservations and advertise /p2p-circuit addresses (`--relay-reserve`); for nodes behind NAT.'),
    /** Relays to reserve on (multiaddrs with /p2p/); empty picks relays among connected peers (e.g. the bootstrap nodes). @default [] */
    relays: z.array(multiaddrText).default([]).describe('Relays to reserve on (multiaddrs with /p2p/); empty: any connected peer that serves as relay, e.g. a bootstrap node.'),
    /** Most reservations a relay server holds at once. @default 15 */
    maxReservations: z.number().int().min(1).max(10_000).default(15).describe('Relay server: most reservations held at once.'),
    /** Lifetime of a reservation, in milliseconds. @default 7200000 (2 h) */
    reservationTtl: z.number().int().min(1000).max(86_400_000).default(7_200_000).describe('Relay server: lifetime of a reservation, in milliseconds.'),
    /** Bytes a relayed connection may carry (each way) before the relay closes it. @default 131072 */
    dataLimit: z.number().int().min(1000).max(1_073_741_824).default(131_072).describe('Relay server: bytes one relayed connection may carry per direction before it is closed.'),
    /** How long a relayed connection may last, in milliseconds. @default 120000 */
    durationLimit: z.number().int().min(1000).max(86_400_000).default(120_000).describe('Relay server: how long one relayed connection may last, in milliseconds.'),
    /** Upgrade relayed connections to direct ones by hole punching (DCUtR). @default true */
    holePunching: z.boolean().default(true).describe('Upgrade relayed connections to direct ones by hole punching (DCUtR).'),
    /** Ask peers to dial back to learn whether this node is publicly reachable, and answer such requests (AutoNAT). @default true */
    autonat: z.boolean().default(true).describe('Learn whether this node is publicly reachable by asking connected peers to dial back (AutoNAT), and answer them.')
  }).strict().prefault({}).describe('Relays, hole punching and reachability.'),

  invitations: z.object({
    /** Who may deliver application invitations: `contacts` (trusted contacts only), `anyone`, or `none`. @default "contacts" */
    accept: z.enum(['contacts', 'anyone', 'none']).default('contacts').describe('Who may deliver application invitations: `contacts` (trusted contacts only), `anyone`, or `none`; refused senders get NOT_AUTHORIZED and nothing is shown.'),
    /** Accepting a hosted session\'s invitation joins its group without `--join`. @default false */
    autoJoinSessions: z.boolean().default(false).describe('Accepting a hosted session\'s invitation joins the session\'s group without `--join`.')
  }).strict().prefault({}).describe('Application invitations.'),

  /** Log level of the node's own lines on stderr. @default "info" */
  logLevel: z.enum(['error', 'warn', 'info', 'debug']).default('info').describe('Log level of the node\'s own lines on stderr.')
}).strict()

/** The configuration with every default resolved. */
export type PeerhoodConfig = z.output<typeof configSchema>

/** Configuration as a user may write it: every key optional. */
export type PeerhoodConfigInput = z.input<typeof configSchema>
