/**
 * Builds the libp2p node from the resolved configuration. No protocol rule lives here: it only
 * chooses transports, encryption, muxing, discovery and the services Peerhood runs on.
 */
import { noise } from '@chainsafe/libp2p-noise'
import { yamux } from '@chainsafe/libp2p-yamux'
import { bootstrap } from '@libp2p/bootstrap'
import { identify } from '@libp2p/identify'
import { kadDHT, passthroughMapper } from '@libp2p/kad-dht'
import { mdns } from '@libp2p/mdns'
import { ping } from '@libp2p/ping'
import { prometheusMetrics } from '@libp2p/prometheus-metrics'
import { tcp } from '@libp2p/tcp'
import { createLibp2p, type Libp2pOptions } from 'libp2p'
import { peopleNearMe } from '../protocols/people-near-me/index.ts'
import type { Datastore } from 'interface-datastore'
import type { PrivateKey, Transport } from '@libp2p/interface'
import type { PeerhoodConfig } from '../config/schema.ts'
import { checkNetworks } from './network/networks.ts'
import { type PendingGateInit, pendingPerHostGate } from './network/pending-gate.ts'
import { AGENT_VERSION } from './version.ts'

/** What {@link buildLibp2p} needs besides the config. */
export interface Libp2pInit {
  /** The node's identity key. */
  privateKey: PrivateKey
  /** The datastore (peer store, DHT, protocol stores). */
  datastore: Datastore
  /** Resolved configuration. */
  config: PeerhoodConfig
  /** Transports to use. @default [tcp()] */
  transports?: Array<(components: any) => Transport>
  /** Collect libp2p's metrics (in prom-client's global registry). @default false */
  metrics?: boolean
  /** Told about every inbound connection refused by the per-host handshake limit. @default undefined */
  onRefused?: PendingGateInit['onRefused']
  /** Extra services (the Peerhood protocol services) merged into the defaults. */
  services?: Record<string, (components: any) => any>
}

let processMetricsRegistered = false

/** How often the process metrics sample event-loop delay, in milliseconds (prom-client's default: 10). */
const EVENT_LOOP_SAMPLE_MS = 1_000

/**
 * Base services of every Peerhood libp2p node (mdns and dht only when enabled); the group services
 * come on top. People Near Me is always there, riding on the mdns service when it runs (it sees
 * and shows nothing without it) and silent until told to advertise.
 */
export function defaultServices (config: PeerhoodConfig): Record<string, (components: any) => any> {
  const services: Record<string, (components: any) => any> = {
    identify: identify(),
    ping: ping()
  }
  if (config.mdns.enabled) {
    services.mdns = mdns({ interval: config.mdns.interval, serviceTag: config.mdns.serviceTag })
  }
  // it finds the mdns service's socket by name once libp2p has started, so the order does not matter
  services.peopleNearMe = peopleNearMe({ serviceTag: config.mdns.serviceTag, queryIntervalMs: config.mdns.interval })
  if (config.dht.enabled) {
    services.dht = kadDHT({
      protocol: config.dht.protocol,
      clientMode: config.dht.mode === 'client' ? true : config.dht.mode === 'server' ? false : undefined,
      // LAN and loopback addresses are what a local network uses; keep them.
      peerInfoMapper: passthroughMapper
    })
  }
  return services
}

/** Creates (does not start) the libp2p node. */
export async function buildLibp2p (init: Libp2pInit) {
  const { config } = init
  // loaded when a node is built, not by every CLI client command
  const beyond = (await import('./transports-beyond.ts')).beyondLan(config)
  const options: Libp2pOptions<Record<string, any>> = {
    privateKey: init.privateKey,
    datastore: init.datastore,
    start: false,
    addresses: { listen: [...config.listen, ...beyond.listen], appendAnnounce: config.announce },
    transports: [...(init.transports ?? [tcp()]), ...beyond.transports],
    connectionEncrypters: [noise()],
    streamMuxers: [yamux()],
    connectionManager: {
      maxConnections: config.connections.maxConnections,
      inboundConnectionThreshold: config.connections.inboundConnectionThreshold,
      dialTimeout: config.connections.dialTimeout,
      addressDialTimeout: config.connections.addressDialTimeout,
      inboundUpgradeTimeout: config.connections.inboundUpgradeTimeout,
      maxIncomingPendingConnections: config.connections.maxIncomingPendingConnections,
      allow: checkNetworks('connections.allow', config.connections.allow),
      deny: checkNetworks('connections.deny', config.connections.deny)
    },
    connectionGater: pendingPerHostGate({ maxPendingPerHost: config.connections.maxPendingPerHost, ...(init.onRefused === undefined ? {} : { onRefused: init.onRefused }) }).gater,
    connectionMonitor: { abortConnectionOnPingFailure: config.connections.abortOnPingFailure, pingInterval: config.connections.pingInterval },
    peerDiscovery: config.bootstrap.length > 0
      ? [bootstrap({ list: config.bootstrap, timeout: 100, tagName: 'keep-alive-bootstrap' })]
      : [],
    services: { ...defaultServices(config), ...beyond.services, ...(init.services ?? {}) },
    nodeInfo: { userAgent: AGENT_VERSION }
  }
  if (init.metrics === true) {
    // @libp2p/prometheus-metrics keeps its metric objects in a module-wide map, so every node of a
    // process shares them: keep the global registry, never clear it, and register the process
    // metrics once.
    // prom-client samples event-loop delay with a libuv timer, every 10 ms by default: 100 wake-ups a
    // second cost an idle node ~7.5 ms of CPU a second (0.24 cores for a 32-process cluster on one
    // machine, measured); one sample a second costs ~0.1 ms and still shows a stalled loop.
    options.metrics = prometheusMetrics({ preserveExistingMetrics: true, collectDefaultMetrics: !processMetricsRegistered, defaultMetrics: { eventLoopMonitoringPrecision: EVENT_LOOP_SAMPLE_MS } })
    processMetricsRegistered = true
  }
  return createLibp2p(options)
}
