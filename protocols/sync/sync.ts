/**
 * The sync service: answers sessions on `/peerhood/sync/1.0.0` and opens them on request.
 * Which set to reconcile, and whether the remote may, is the node's call through `resolveSet`.
 */
import { type ComponentLogger, type Connection, type Logger, type Startable, type Stream, serviceCapabilities } from '@libp2p/interface'
import type { ConnectionManager, Registrar } from '@libp2p/interface-internal'
import { isPeerhoodError, PeerhoodError } from '../common/errors.ts'
import { DEFAULT_MAX_INBOUND_STREAMS, DEFAULT_MAX_OUTBOUND_STREAMS, SYNC_PROTOCOL } from './constants.ts'
import { initiate } from './initiator.ts'
import { respond } from './responder.ts'
import { tuningForLimit } from './tuning.ts'
import type { Sync, SyncInit, SyncOptions, SyncTarget } from './service-types.ts'
import type { SyncResult } from './types.ts'
import { connectionTo } from '../common/connections.ts'

/** Components the service uses. */
export interface SyncComponents {
  /** Registers the protocol handler. */
  registrar: Registrar
  /** Opens connections for outbound sessions. */
  connectionManager: ConnectionManager
  /** Logs under `peerhood:sync`. */
  logger: ComponentLogger
}

/** Implementation of {@link Sync}. */
export class SyncService implements Sync, Startable {
  /** The protocol id it speaks. */
  readonly protocol: string
  readonly #components: SyncComponents
  readonly #init: SyncInit
  readonly #log: Logger
  readonly #maxInboundStreams: number
  readonly #maxOutboundStreams: number
  readonly #runOnLimitedConnection: boolean
  readonly #now: () => number
  #started = false

  constructor (components: SyncComponents, init: SyncInit) {
    this.#components = components
    this.#init = init
    this.#log = components.logger.forComponent('peerhood:sync')
    this.protocol = init.protocol ?? SYNC_PROTOCOL
    this.#maxInboundStreams = init.maxInboundStreams ?? DEFAULT_MAX_INBOUND_STREAMS
    this.#maxOutboundStreams = init.maxOutboundStreams ?? DEFAULT_MAX_OUTBOUND_STREAMS
    this.#runOnLimitedConnection = init.runOnLimitedConnection ?? false
    this.#now = init.now ?? Date.now
  }

  readonly [Symbol.toStringTag] = '@peerhood/sync'
  readonly [serviceCapabilities]: string[] = ['@peerhood/sync']

  /** Starts answering sessions. */
  async start (): Promise<void> {
    await this.#components.registrar.handle(this.protocol, async (stream, connection) => { await this.#onInbound(stream, connection) }, {
      maxInboundStreams: this.#maxInboundStreams,
      maxOutboundStreams: this.#maxOutboundStreams,
      runOnLimitedConnection: this.#runOnLimitedConnection
    })
    this.#started = true
  }

  /** Stops answering sessions (sessions under way run to their end). */
  async stop (): Promise<void> {
    this.#started = false
    await this.#components.registrar.unhandle(this.protocol)
  }

  /** Whether the service is started. */
  isStarted (): boolean {
    return this.#started
  }

  /** {@inheritDoc Sync.sync} */
  async sync (peer: SyncTarget, groupId: string, options: SyncOptions = {}): Promise<SyncResult> {
    if (!this.#started) throw new PeerhoodError('NOT_STARTED', 'the sync service is not started')
    const { signal } = options
    let connection: Connection
    let stream: Stream
    try {
      connection = await connectionTo(this.#components.connectionManager, peer, { signal })
    } catch (err) {
      throw connectionError(err, 'cannot reach the peer')
    }
    const set = await this.#init.resolveSet(groupId, connection.remotePeer)
    if (set === undefined) throw new PeerhoodError('NOT_A_MEMBER', 'this peer may not sync the group with that peer', { details: { groupId } })
    try {
      stream = await connection.newStream(this.protocol, { signal, runOnLimitedConnection: this.#runOnLimitedConnection })
    } catch (err) {
      throw connectionError(err, 'the peer does not take sync sessions')
    }
    const result = await initiate(stream, set, { ...tuningForLimit(this.#init, connection.limits?.bytes), groupId, now: this.#now, signal, onProgress: options.onProgress })
    this.#log('synced %s with %p: %s, %d round trips, %d B out, %d B in, %d records in, %d out, %d ms',
      groupId, connection.remotePeer, result.mode, result.roundTrips, result.bytesSent, result.bytesReceived, result.recordsReceived, result.recordsSent, Math.round(result.durationMs))
    return result
  }

  async #onInbound (stream: Stream, connection: Connection): Promise<void> {
    const outcome = await respond(stream, { ...tuningForLimit(this.#init, connection.limits?.bytes), remotePeer: connection.remotePeer, resolveSet: this.#init.resolveSet })
    if (outcome.error !== undefined) this.#log('sync session from %p ended: %s', connection.remotePeer, outcome.error)
    try {
      this.#init.onResponded?.({ ...outcome, remotePeer: connection.remotePeer })
    } catch (err) {
      this.#log.error('onResponded threw - %e', err)
    }
  }
}

function connectionError (err: unknown, message: string): unknown {
  if (isPeerhoodError(err) || (err as Error | undefined)?.name === 'AbortError') return err
  if ((err as Error | undefined)?.name === 'TimeoutError') return new PeerhoodError('TIMEOUT', message, { cause: err })
  return new PeerhoodError('CONNECTION_FAILED', message, { cause: err })
}
