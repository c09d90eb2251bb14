/**
 * The sync service: answers sessions on `/peerhood/sync/1.0.0` and opens them on request.
 * Which set to reconcile, and whether the remote may, is the node's call through `resolveSet`.
 */
import { type ComponentLogger, type Connection, type Logger, type PeerId, type Startable, type Stream, serviceCapabilities } from '@libp2p/interface'
import type { ConnectionManager, Registrar } from '@libp2p/interface-internal'
import { isPeerhoodError, PeerhoodError } from '../common/errors.ts'
import { BUSY_ATTEMPTS, BUSY_SLACK_MS, BUSY_WAIT_MS, DEFAULT_MAX_INBOUND_STREAMS, DEFAULT_MAX_OUTBOUND_STREAMS, SYNC_PROTOCOL } from './constants.ts'
import { initiate } from './initiator.ts'
import { type InboundClaim, PairSessions, pairKey } from './pair-sessions.ts'
import { type ResolveSet, respond } from './responder.ts'
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
  /** This node: who wins when two sessions of a pair cross. */
  peerId: PeerId
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
  readonly #pairs: PairSessions
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
    this.#pairs = new PairSessions(components.peerId.toString())
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

  /**
   * {@inheritDoc Sync.sync}
   *
   * One session per pair and group at a time: with `join`, a request while one runs (either way)
   * joins it; without, it starts a fresh session once the running one has ended.
   */
  async sync (peer: SyncTarget, groupId: string, options: SyncOptions = {}): Promise<SyncResult> {
    if (!this.#started) throw new PeerhoodError('NOT_STARTED', 'the sync service is not started')
    let connection: Connection
    try {
      connection = await connectionTo(this.#components.connectionManager, peer, { signal: options.signal })
    } catch (err) {
      throw connectionError(err, 'cannot reach the peer')
    }
    const key = pairKey(groupId, connection.remotePeer.toString())
    if (options.join === true) {
      // only a session running now: one that ended predates what the caller needs (a restarted peer)
      const running = this.#pairs.outbound(key) ?? this.#pairs.runningInbound(key)
      if (running !== undefined) return await running
    } else {
      // a fresh session, one at a time: wait for whatever runs now (it may predate what the caller needs)
      for (let running = this.#pairs.running(key); running !== undefined; running = this.#pairs.running(key)) await running.catch(() => {})
    }
    const session = this.#initiateOrJoin(connection, groupId, key, options)
    this.#pairs.trackOutbound(key, session, options.solicitNew === true)
    return await session
  }

  /**
   * Runs a session. When the peer refuses it as busy (it is syncing with us right now), waits for
   * that session: a `join` request returns its result, any other asks again once it has ended. The
   * crossing session may still be on its way, or may have failed before reaching us (the peer had
   * not proven us yet): then we ask again, a few times.
   */
  async #initiateOrJoin (connection: Connection, groupId: string, key: string, options: SyncOptions): Promise<SyncResult> {
    const since = this.#pairs.now()
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.#initiate(connection, groupId, options)
      } catch (err) {
        if (!isPeerhoodError(err, 'SYNC_BUSY') || attempt >= BUSY_ATTEMPTS) throw err
      }
      const crossing = await this.#pairs.awaitInbound(key, since - BUSY_SLACK_MS, BUSY_WAIT_MS).catch((err: unknown) => err)
      if (options.join === true && crossing !== undefined) {
        if (crossing instanceof Error) throw crossing
        return crossing as SyncResult
      }
    }
  }

  async #initiate (connection: Connection, groupId: string, options: SyncOptions): Promise<SyncResult> {
    const { signal } = options
    const set = await this.#init.resolveSet(groupId, connection.remotePeer)
    if (set === undefined) throw new PeerhoodError('NOT_A_MEMBER', 'this peer may not sync the group with that peer', { details: { groupId } })
    let stream: Stream
    try {
      stream = await connection.newStream(this.protocol, { signal, runOnLimitedConnection: this.#runOnLimitedConnection })
    } catch (err) {
      throw connectionError(err, 'the peer does not take sync sessions')
    }
    const result = await initiate(stream, set, { ...tuningForLimit(this.#init, connection.limits?.bytes), groupId, now: this.#now, signal, onProgress: options.onProgress, solicitNew: options.solicitNew === true })
    this.#log('synced %s with %p: %s, %d round trips, %d B out, %d B in, %d records in, %d out, %d ms',
      groupId, connection.remotePeer, result.mode, result.roundTrips, result.bytesSent, result.bytesReceived, result.recordsReceived, result.recordsSent, Math.round(result.durationMs))
    return result
  }

  async #onInbound (stream: Stream, connection: Connection): Promise<void> {
    const remote = connection.remotePeer.toString()
    let claim: InboundClaim | undefined
    const resolveSet: ResolveSet = async (groupId, remotePeer, session) => {
      // membership first: only members' sessions are tracked (and can be joined)
      const set = await this.#init.resolveSet(groupId, remotePeer)
      if (set === undefined) return undefined
      claim = this.#pairs.claimInbound(pairKey(groupId, remote), remote, connection.id, session?.solicits === true)
      if (claim === undefined) throw new PeerhoodError('SYNC_BUSY', 'a sync session of this pair and group is already running')
      return set
    }
    const outcome = await respond(stream, { ...tuningForLimit(this.#init, connection.limits?.bytes), remotePeer: connection.remotePeer, resolveSet })
    claim?.end(outcome)
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
