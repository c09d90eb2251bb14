/**
 * `createPeerhood()`: a whole node from a data directory (or memory) and a config. It assembles
 * storage, libp2p, the control API, events and metrics; protocol rules live in `protocols/`.
 */
import { join } from 'node:path'
import { generateKeyPair } from '@libp2p/crypto/keys'
import type { Libp2p, PrivateKey, Transport } from '@libp2p/interface'
import { peerIdFromPrivateKey } from '@libp2p/peer-id'
import { mergeConfig, parseConfig, readConfigFile } from '../config/index.ts'
import type { PeerhoodConfig, PeerhoodConfigInput } from '../config/schema.ts'
import { PeerhoodError } from '../protocols/common/errors.ts'
import { collaborationServices } from '../protocols/collaboration/index.ts'
import { appInvitations } from '../protocols/app-invitations/index.ts'
import type { AppInvitations, AppInvitationsInit } from '../protocols/app-invitations/types.ts'
import type { Collaboration, CollaborationInit } from '../protocols/collaboration/types.ts'
import { groupServices, type GroupServicesInit } from '../protocols/peer-groups/services.ts'
import type { PeerGroups } from '../protocols/peer-groups/types.ts'
import { type ApiServer, type ApiServerInit, startApiServer } from './api/server.ts'
import { generateToken, loadOrCreateToken } from './api/token.ts'
import { CONFIG_FILE, type DataDir, openDataDir } from './data-dir.ts'
import { EventBus } from './events.ts'
import { buildLibp2p } from './libp2p.ts'
import { startMemoryRelief } from './network/memory-relief.ts'
import { createNodeLog, logEvents, type NodeLog, routeLibp2pLogs, SILENT_LOG } from './log.ts'
import { NodeMetrics } from './metrics.ts'
import { connectTo, pingPeer, summarizePeers } from './peer-ops.ts'
import { type OpenStorage, openStorage, type StorageKind } from './storage.ts'
import type { NodeStatus, PeerhoodNode, PeerSummary, PingResult } from './types.ts'
import { PEERHOOD_VERSION } from './version.ts'
import { wireLibp2pEvents } from './wire-events.ts'
import { beyondStatus } from './reachability.ts'

/** Options of {@link createPeerhood}. */
export interface PeerhoodInit {
  /** Data directory (identity, config.json, LevelDB). Required for `level` storage. */
  dataDir?: string
  /** Where records and the peer store live. @default 'level' with a dataDir, else 'memory' */
  storage?: StorageKind
  /** Configuration merged over `config.json` of the data directory (if any). @default {} */
  config?: PeerhoodConfigInput
  /** Identity for a node without a data directory. @default a new Ed25519 key */
  privateKey?: PrivateKey
  /** libp2p transports. @default [tcp()] */
  transports?: Array<(components: any) => Transport>
  /** Serve the control API. @default config.api.enabled, and only with a data directory */
  api?: boolean
  /** Take the data directory's lock so no second node opens it. @default true */
  lock?: boolean
  /** Extra libp2p services (your own). @default {} */
  services?: Record<string, (components: any) => any>
  /** Options of the group services (gossip scoring, sync tuning, expiry sweep). @default {} */
  groups?: GroupServicesInit
  /** Options of the collaboration service over those the config gives. @default {} */
  collaboration?: CollaborationInit
  /** Where the node's log lines go (JSON, one per call, filtered by `config.logLevel`); `peerhood start` writes them to stderr. @default undefined (no log) */
  logSink?: (line: string) => void
  /** Options of the application invitation service over those the config gives. @default {} */
  invitations?: AppInvitationsInit
}

/**
 * Creates a node; call `start()` on it. Codes: `INVALID_CONFIG`, `DATA_DIR_LOCKED`,
 * `DATA_DIR_READ_ONLY`, `DATA_DIR_UNWRITABLE`, `INVALID_IDENTITY` (a damaged key, or one that is
 * not the PeerId of `identity.crt`), `DATASTORE_CORRUPT` (details: `path` of the damaged file;
 * `peerhood repair` is the way out), `DATASTORE_LOCKED`. A refused start changes no file.
 */
export async function createPeerhood (init: PeerhoodInit = {}): Promise<PeerhoodNode> {
  const kind: StorageKind = init.storage ?? (init.dataDir === undefined ? 'memory' : 'level')
  // The config comes first: an invalid one stops start-up before anything is written, and the
  // identity certificate is (re)issued with the display name it resolves to.
  const configFile = init.dataDir === undefined ? undefined : join(init.dataDir, CONFIG_FILE)
  const fileConfig = configFile === undefined ? {} : await readConfigFile(configFile)
  // checked alone first, so a bad value in the file is reported (naming the file) even when init.config overrides it
  if (configFile !== undefined) parseConfig(fileConfig, { source: 'file', file: configFile })
  const config = parseConfig(mergeConfig(fileConfig, init.config ?? {}))
  let dir: DataDir | undefined
  if (init.dataDir !== undefined) dir = await openDataDir(init.dataDir, { lock: init.lock ?? true, create: true, displayName: config.displayName })
  try {
    const log = init.logSink === undefined ? SILENT_LOG : createNodeLog(config.logLevel, init.logSink)
    if (init.logSink !== undefined) routeLibp2pLogs(config.logLevel)
    const privateKey = dir?.privateKey ?? init.privateKey ?? await generateKeyPair('Ed25519')
    const storage = await openStorage(kind, dir?.path)
    const metrics = new NodeMetrics({
      connectedPeers: () => node.libp2p.getPeers().length,
      uptimeSeconds: () => node.uptimeMs() / 1000,
      ingress: () => node.libp2p.services.groups?.counters.entries() ?? [],
      penalties: () => {
        const book = node.libp2p.services.pubsub?.penalties
        return { byReason: book?.penalties() ?? [], tracked: book?.size ?? 0, coolingDown: book?.coolingDownCount() ?? 0 }
      },
      gateHeld: () => node.libp2p.services.pubsub?.gate.heldCount ?? 0,
      gossipReceipts: () => node.libp2p.services.pubsub?.receipts
    })
    const libp2p = await buildLibp2p({
      privateKey,
      datastore: storage.datastore,
      config,
      metrics: true,
      onRefused: (host, pending) => { log.write('debug', 'connection:refused', { code: 'THROTTLED', host, pending, reason: 'too many handshakes in progress from this host' }) },
      ...(init.transports === undefined ? {} : { transports: init.transports }),
      services: {
        ...groupServices({
          displayName: config.displayName,
          autoRenew: config.groups.autoRenew,
          expiryIntervalMs: config.groups.sweepInterval,
          resyncIntervalMs: config.groups.resyncInterval,
          reconnect: config.groups.reconnect && { maxDelayMs: config.groups.reconnectMaxDelay },
          ...init.groups
        }),
        ...collaborationServices({
          displayName: config.displayName,
          autoSignin: config.collab.autoSignin,
          requestTimeoutMs: config.collab.requestTimeout,
          ...(config.collab.endpointName === '' ? {} : { endpointName: config.collab.endpointName }),
          ...(dir === undefined ? {} : { identityCertificate: dir.identityCertificate }),
          ...(dir?.collabIdentity === undefined ? {} : { identity: dir.collabIdentity }),
          ...init.collaboration
        }),
        appInvitations: appInvitations({
          accept: config.invitations.accept,
          autoJoinSessions: config.invitations.autoJoinSessions,
          // a launched application's output is part of the node's log (stderr)
          launchLog: (line) => { process.stderr.write(`${line}\n`) },
          ...init.invitations
        }),
        ...init.services
      }
    })
    const node: PeerhoodNodeImpl = new PeerhoodNodeImpl({ config, libp2p, storage, metrics, privateKey, dir, log, api: init.api ?? (config.api.enabled && dir !== undefined) })
    return node
  } catch (err) {
    await dir?.release()
    throw err
  }
}

interface NodeParts {
  config: PeerhoodConfig
  libp2p: Libp2p<any>
  storage: OpenStorage
  metrics: NodeMetrics
  privateKey: PrivateKey
  dir: DataDir | undefined
  log: NodeLog
  api: boolean
}

class PeerhoodNodeImpl implements PeerhoodNode {
  readonly config: PeerhoodConfig
  readonly libp2p: Libp2p<any>
  readonly events = new EventBus()
  readonly dataDir?: string
  private readonly parts: NodeParts
  private apiServer?: ApiServer
  private startedAt = 0
  private state: 'stopped' | 'starting' | 'started' | 'stopping' = 'stopped'
  private unwire?: () => void

  constructor (parts: NodeParts) {
    this.parts = parts
    this.config = parts.config
    this.libp2p = parts.libp2p
    if (parts.dir !== undefined) this.dataDir = parts.dir.path
    this.events.subscribe({}, e => { parts.metrics.countEvent(e.type) })
    logEvents(this.events, parts.log)
  }

  get peerId () { return peerIdFromPrivateKey(this.parts.privateKey) }
  get groups (): PeerGroups { return this.libp2p.services.groups as PeerGroups }
  get collaboration (): Collaboration { return this.libp2p.services.collaboration as Collaboration }
  get invitations (): AppInvitations { return this.libp2p.services.appInvitations as AppInvitations }
  get apiUrl (): string | undefined { return this.apiServer?.url }

  uptimeMs (): number { return this.startedAt === 0 ? 0 : Date.now() - this.startedAt }

  async start (): Promise<void> {
    if (this.state !== 'stopped') return
    this.state = 'starting'
    try {
      const unwireEvents = wireLibp2pEvents(this.libp2p, this.events)
      const stopRelief = startMemoryRelief(this.libp2p, { onRelief: (before, after) => { this.parts.log.write('info', 'memory:reduced', { rssBefore: before, rssAfter: after }) } })
      this.unwire = () => { unwireEvents(); stopRelief() }
      await startLibp2p(this.libp2p)
      this.startedAt = Date.now()
      if (this.parts.api) {
        const token = this.dataDir === undefined ? generateToken() : await loadOrCreateToken(this.dataDir)
        this.apiServer = await startApiServer(this, { port: this.config.api.port, token, ...apiLimits(this.config, this.parts.log), ...(this.dataDir === undefined ? {} : { dataDir: this.dataDir }) })
      }
      this.state = 'started'
      this.events.emit('node:ready', { peerId: this.peerId.toString(), addresses: this.status().addresses, ...(this.apiUrl === undefined ? {} : { apiUrl: this.apiUrl }) })
    } catch (err) {
      this.state = 'started'
      await this.stop().catch(() => {})
      throw err
    }
  }

  async stop (): Promise<void> {
    if (this.state === 'stopped' || this.state === 'stopping') return
    this.state = 'stopping'
    this.events.emit('node:stopping', { peerId: this.peerId.toString() })
    try {
      await this.apiServer?.close()
      await this.libp2p.stop()
    } finally {
      this.unwire?.()
      await this.parts.storage.close()
      await this.parts.dir?.release()
      this.state = 'stopped'
    }
  }

  status (): NodeStatus {
    const dht = this.libp2p.services.dht as { getMode?: () => 'client' | 'server' } | undefined
    return {
      peerId: this.peerId.toString(),
      displayName: this.config.displayName,
      version: PEERHOOD_VERSION,
      addresses: this.libp2p.getMultiaddrs().map(ma => ma.toString()),
      connections: this.libp2p.getConnections().length,
      peers: this.libp2p.getPeers().length,
      uptimeMs: this.uptimeMs(),
      ...(this.dataDir === undefined ? {} : { dataDir: this.dataDir }),
      mdns: this.libp2p.services.mdns !== undefined,
      dht: dht?.getMode?.() ?? 'off',
      ...beyondStatus(this.libp2p),
      // minus the node's own metrics subscriber
      eventSubscribers: this.events.subscriberCount - 1
    }
  }

  async peers (): Promise<PeerSummary[]> { return summarizePeers(this.libp2p) }

  async connect (multiaddr: string, options: { signal?: AbortSignal } = {}): Promise<PeerSummary> {
    this.assertStarted()
    return connectTo(this.libp2p, multiaddr, { ...options, timeoutMs: this.config.connections.dialTimeout })
  }

  async ping (peer: string, options: { signal?: AbortSignal } = {}): Promise<PingResult> {
    this.assertStarted()
    return pingPeer(this.libp2p, peer, options)
  }

  async metrics (): Promise<string> { return this.parts.metrics.text() }

  private assertStarted (): void {
    if (this.state !== 'started') throw new PeerhoodError('NOT_STARTED', 'the node is not running')
  }
}

/** The control API's limits from the config, and its refusals and failures written to the log. */
function apiLimits (config: PeerhoodConfig, log: NodeLog): Pick<ApiServerInit, 'maxConnections' | 'headersTimeoutMs' | 'onError' | 'onRefused' | 'onDropped'> {
  // a local process opening sockets in a loop must not flood the log: one line per second at most
  let lastDropLog = 0
  let dropped = 0
  return {
    maxConnections: config.api.maxConnections,
    headersTimeoutMs: config.api.headersTimeout,
    onError: (err, req) => { log.write('error', 'api:error', { code: 'INTERNAL', method: req.method, path: req.path, message: String((err as Error)?.message ?? err) }) },
    onRefused: (code, status, req) => { log.write('debug', 'api:refused', { code, status, method: req.method, path: req.path }) },
    onDropped: (maxConnections, remote) => {
      dropped++
      if (Date.now() - lastDropLog < 1_000) return
      log.write('warn', 'api:dropped', { code: 'MAX_CONNECTIONS_EXCEEDED', maxConnections, dropped, ...remote })
      lastDropLog = Date.now()
      dropped = 0
    }
  }
}

/** Starts libp2p, turning listen failures into coded errors. */
async function startLibp2p (libp2p: Libp2p<any>): Promise<void> {
  try {
    await libp2p.start()
  } catch (err: any) {
    const text = `${err?.message ?? ''} ${err?.cause?.message ?? ''} ${err?.code ?? ''} ${err?.cause?.code ?? ''}`
    if (text.includes('EADDRINUSE')) throw new PeerhoodError('PORT_IN_USE', 'a listen address is already in use', { cause: err })
    if (err?.name === 'UnsupportedListenAddressesError' || text.includes('EADDRNOTAVAIL') || text.includes('EACCES')) {
      throw new PeerhoodError('UNABLE_TO_LISTEN', `cannot listen: ${err?.message ?? err}`, { cause: err })
    }
    throw err
  }
}
