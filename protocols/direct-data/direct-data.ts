/**
 * The direct-data service: keeps the table of direct connections, checks every call against
 * membership and limits, and turns channel life cycles into `direct:changed` and
 * `data:incoming` events.
 */
import { type AbortOptions, type ComponentLogger, type Connection, type Logger, type PeerId, type Startable, TypedEventEmitter } from '@libp2p/interface'
import type { ConnectionManager, Registrar } from '@libp2p/interface-internal'
import { PeerhoodError } from '../common/errors.ts'
import { Channel } from './channel.ts'
import { DIRECT_PROTOCOL } from './constants.ts'
import { encodeDataFrame } from './frames.ts'
import type { Framed } from './handshake.ts'
import { handleInbound, type InboundCore } from './inbound.ts'
import { OpenFailure, openDirect, sendNeighbour } from './outbound.ts'
import { toPeerId } from './peers.ts'
import { ConnectionRegistry, type RegistryEntry } from './registry.ts'
import { checkMessage } from './rules.ts'
import { type DirectSettings, resolveSettings } from './settings.ts'
import { withTimeout } from '../common/signals.ts'
import type { DirectChangedEvent, DirectConnectionInfo, DirectData, DirectDataEvents, DirectDataInit, DirectMessage } from './types.ts'

/** Components the service uses. */
export interface DirectDataComponents {
  /** This node, to refuse connections to itself. */
  peerId: PeerId
  /** Where the protocol handler is registered. */
  registrar: Registrar
  /** Dials peers and finds existing connections. */
  connectionManager: ConnectionManager
  /** Debug logging (`peerhood:direct-data`). */
  logger: ComponentLogger
}

/** Implementation of {@link DirectData}. */
export class DirectDataService extends TypedEventEmitter<DirectDataEvents> implements DirectData, Startable {
  private readonly settings: DirectSettings
  private readonly log: Logger
  private readonly registry = new ConnectionRegistry<Channel>()
  private readonly core: InboundCore
  private started = false

  constructor (private readonly components: DirectDataComponents, init: DirectDataInit) {
    super()
    this.settings = resolveSettings(init)
    this.log = components.logger.forComponent('peerhood:direct-data')
    this.core = {
      settings: this.settings,
      log: this.log,
      openCount: () => this.registry.size,
      reserve: () => this.registry.reserve(),
      release: (id) => { this.registry.release(id) },
      attach: (framed, connection, info) => { this.attach(framed, connection, info) },
      deliver: (detail) => { this.safeDispatchEvent('data:incoming', { detail }) }
    }
  }

  readonly [Symbol.toStringTag] = '@peerhood/direct-data'

  async start (): Promise<void> {
    await this.components.registrar.handle(DIRECT_PROTOCOL, async (stream, connection) => { await handleInbound(this.core, stream, connection) }, {
      maxInboundStreams: this.settings.maxStreams,
      maxOutboundStreams: this.settings.maxStreams,
      // within the relay's data limit; a direct (DCUtR) connection is preferred once there
      runOnLimitedConnection: true
    })
    this.started = true
  }

  /** Closes every direct connection gracefully while the libp2p connections are still up. */
  async beforeStop (): Promise<void> {
    this.started = false
    await Promise.all(this.registry.all().map(async e => { await e.handle.close('stopped') }))
  }

  async stop (): Promise<void> {
    this.started = false
    await this.components.registrar.unhandle(DIRECT_PROTOCOL)
    // anything that connected meanwhile (an open racing the stop) is reset
    for (const entry of this.registry.all()) entry.handle.abort('stopped')
  }

  async open (groupId: string, peer: PeerId | string, options: AbortOptions = {}): Promise<DirectConnectionInfo> {
    const peerId = this.checkPeer(groupId, peer)
    if (this.registry.size >= this.settings.maxConnections) throw new PeerhoodError('MAX_CONNECTIONS_EXCEEDED', `at most ${this.settings.maxConnections} direct connections`)
    const connectionId = this.registry.reserve()
    const base = { connectionId, groupId, peerId: peerId.toString(), direction: 'outbound' as const }
    try {
      const { framed, connection } = await openDirect(this.components.connectionManager, peerId, groupId, this.settings, options.signal)
      if (!this.started) {
        framed.stream.abort(new Error('direct-data stopped'))
        throw new OpenFailure('STOPPED')
      }
      const info = { ...base, openedAt: this.settings.now() }
      this.attach(framed, connection, info)
      return info
    } catch (err) {
      this.registry.release(connectionId)
      const reason = err instanceof OpenFailure ? err.reason : 'PROTOCOL_ERROR'
      this.changed({ ...base, status: 'failed', reason })
      throw new PeerhoodError('CONNECTION_FAILED', `direct connection to ${base.peerId} failed: ${reason}`, { details: { reason, connectionId }, cause: err })
    }
  }

  async send (groupId: string, connectionId: string, message: DirectMessage, options: AbortOptions = {}): Promise<void> {
    const { handle: channel, info: { peerId } } = this.entry(groupId, connectionId)
    checkMessage(message, this.settings.maxDataBytes)
    if (!this.members(groupId, peerId)) {
      channel.abort('revoked')
      throw new PeerhoodError('NOT_A_MEMBER', `${peerId} is no longer a proven member of ${groupId}`)
    }
    const signal = withTimeout(options.signal, this.settings.sendTimeoutMs)
    try {
      await channel.send(encodeDataFrame(message), { signal })
    } catch (err) {
      if (signal.aborted) throw new PeerhoodError('TIMEOUT', 'the direct connection did not drain in time', { cause: err })
      throw new PeerhoodError('CONNECTION_FAILED', 'the direct connection broke while sending', { details: { connectionId }, cause: err })
    }
  }

  async sendToNeighbour (groupId: string, peer: PeerId | string, message: DirectMessage, options: AbortOptions = {}): Promise<void> {
    const peerId = this.checkPeer(groupId, peer)
    checkMessage(message, this.settings.maxDataBytes)
    const connection = this.components.connectionManager.getConnections(peerId).find(c => c.status === 'open')
    if (connection === undefined) throw new PeerhoodError('CONNECTION_NOT_FOUND', `not connected to ${peerId.toString()}`)
    await sendNeighbour(connection, groupId, encodeDataFrame(message), this.settings, options.signal)
  }

  async close (groupId: string, connectionId: string): Promise<void> {
    await this.entry(groupId, connectionId).handle.close('local-close')
  }

  list (groupId?: string): DirectConnectionInfo[] {
    return this.registry.list(groupId)
  }

  revoke (groupId: string, peerId?: string): number {
    const entries = this.registry.matching(groupId, peerId)
    for (const entry of entries) entry.handle.abort('revoked')
    return entries.length
  }

  private attach (framed: Framed, connection: Connection, info: DirectConnectionInfo): void {
    const { connectionId, groupId, peerId, direction } = info
    const channel: Channel = new Channel(framed.stream, connection, framed.lp, this.settings, {
      onMessage: ({ type, data }) => {
        if (this.members(groupId, peerId)) this.safeDispatchEvent('data:incoming', { detail: { groupId, connectionId, peerId, type, data } })
        else channel.abort('revoked')
      },
      onEnd: (reason) => {
        this.registry.remove(connectionId)
        this.changed({ groupId, connectionId, peerId, direction, status: 'disconnected', reason })
      }
    })
    this.registry.add(info, channel)
    this.changed({ groupId, connectionId, peerId, direction, status: 'connected' })
    channel.start()
  }

  private checkPeer (groupId: string, peer: PeerId | string): PeerId {
    if (!this.started) throw new PeerhoodError('NOT_STARTED', 'the direct-data service is not started')
    const peerId = toPeerId(peer)
    if (peerId.equals(this.components.peerId)) throw new PeerhoodError('CONNECT_SELF', 'cannot connect to self')
    if (!this.members(groupId, peerId.toString())) throw new PeerhoodError('NOT_A_MEMBER', `this node and ${peerId.toString()} must both be proven members of ${groupId}`)
    return peerId
  }

  private members (groupId: string, peerId: string): boolean {
    return this.settings.isLocalMember(groupId) && this.settings.isMember(groupId, peerId)
  }

  private entry (groupId: string, connectionId: string): RegistryEntry<Channel> {
    const entry = this.registry.get(groupId, connectionId)
    if (entry === undefined || entry.handle.ended) throw new PeerhoodError('CONNECTION_NOT_FOUND', `no direct connection ${connectionId} in ${groupId}`)
    return entry
  }

  private changed (detail: DirectChangedEvent): void {
    this.safeDispatchEvent('direct:changed', { detail })
  }
}
