/**
 * The password join service: answers `/peerhood/password-join/1.0.0` as an administrator and
 * runs the joiner's side on request. Which groups it administers, and with what, is the node's
 * call through `authorityFor`.
 */
import {
  type ComponentLogger, type Connection, type DialTarget, type Logger, type PeerId, type Startable, type Stream,
  serviceCapabilities, TypedEventEmitter
} from '@libp2p/interface'
import type { ConnectionManager, Registrar } from '@libp2p/interface-internal'
import { PeerhoodError } from '../common/errors.ts'
import { ChainCache } from '../certificates/chain-cache.ts'
import { DEFAULT_MAX_INBOUND_STREAMS, DEFAULT_TIMEOUT_MS, MAX_PASSWORD_LENGTH, PASSWORD_JOIN_PROTOCOL } from './constants.ts'
import { respondPasswordJoin } from './admin.ts'
import { initiatePasswordJoin } from './joiner.ts'
import { PasswordThrottle } from './throttle.ts'
import type { JoinOptions, JoinResult, PasswordJoin, PasswordJoinEvents, PasswordJoinInit } from './types.ts'
import { exchangeError, withTimeout } from '../common/signals.ts'
import { connectionTo } from '../common/connections.ts'

/** Components the service uses. */
export interface PasswordJoinComponents {
  /** This node. */
  peerId: PeerId
  /** Registers the protocol handler. */
  registrar: Registrar
  /** Opens connections to administrators. */
  connectionManager: ConnectionManager
  /** Logs under `peerhood:password-join`. */
  logger: ComponentLogger
}

/** Implementation of {@link PasswordJoin}. */
export class PasswordJoinService extends TypedEventEmitter<PasswordJoinEvents> implements PasswordJoin, Startable {
  /** The protocol id it speaks. */
  readonly protocol: string
  /** Failed-attempt throttling (exposed for inspection). */
  readonly throttle: PasswordThrottle
  readonly #components: PasswordJoinComponents
  readonly #init: PasswordJoinInit
  readonly #log: Logger
  readonly #now: () => number
  readonly #timeoutMs: number
  readonly #cache: ChainCache
  readonly #inFlight = new Set<string>()
  #started = false

  constructor (components: PasswordJoinComponents, init: PasswordJoinInit) {
    super()
    this.#components = components
    this.#init = init
    this.#log = components.logger.forComponent('peerhood:password-join')
    this.protocol = init.protocol ?? PASSWORD_JOIN_PROTOCOL
    this.#now = init.now ?? Date.now
    this.#timeoutMs = init.timeoutMs ?? DEFAULT_TIMEOUT_MS
    this.#cache = init.cache ?? new ChainCache({ maxChains: 256, maxLinks: 1024 })
    this.throttle = new PasswordThrottle(init.throttle)
  }

  readonly [Symbol.toStringTag] = '@peerhood/password-join'
  readonly [serviceCapabilities]: string[] = ['@peerhood/password-join']

  /** Starts answering joiners. */
  async start (): Promise<void> {
    await this.#components.registrar.handle(this.protocol, async (stream, connection) => { await this.#onInbound(stream, connection) }, {
      maxInboundStreams: this.#init.maxInboundStreams ?? DEFAULT_MAX_INBOUND_STREAMS,
      runOnLimitedConnection: this.#init.runOnLimitedConnection ?? false
    })
    this.#started = true
  }

  /** Stops answering joiners. */
  async stop (): Promise<void> {
    this.#started = false
    await this.#components.registrar.unhandle(this.protocol)
  }

  /** {@inheritDoc PasswordJoin.join} */
  async join (peer: DialTarget, groupId: string, password: string, options: JoinOptions = {}): Promise<JoinResult> {
    if (!this.#started) throw new PeerhoodError('NOT_STARTED', 'the password join service is not started')
    if (typeof password !== 'string' || password.length === 0 || password.length > MAX_PASSWORD_LENGTH) throw new PeerhoodError('INVALID_ARGUMENT', 'a password is required')
    const signal = this.#signal(options.signal)
    let stream: Stream | undefined
    try {
      const connection = await connectionTo(this.#components.connectionManager, peer, { signal })
      stream = await connection.newStream(this.protocol, { signal, runOnLimitedConnection: this.#init.runOnLimitedConnection ?? false })
      return await initiatePasswordJoin(stream, {
        groupId,
        password,
        displayName: options.displayName ?? '',
        localPeer: this.#components.peerId,
        remotePeer: connection.remotePeer,
        now: this.#now,
        cache: this.#cache,
        signal
      })
    } catch (err) {
      stream?.abort(err as Error)
      throw exchangeError(err, signal, 'password join')
    }
  }

  async #onInbound (stream: Stream, connection: Connection): Promise<void> {
    try {
      const outcome = await respondPasswordJoin(stream, {
        remotePeer: connection.remotePeer,
        localPeer: this.#components.peerId,
        init: this.#init,
        now: this.#now,
        throttle: this.throttle,
        inFlight: this.#inFlight,
        cache: this.#cache,
        onFailure: (detail) => { this.safeDispatchEvent('authentication:failed', { detail }) },
        signal: AbortSignal.timeout(this.#timeoutMs)
      })
      this.#log('password join from %p for %s: %s', connection.remotePeer, outcome.groupId, outcome.status)
      if (outcome.issued !== undefined) {
        this.safeDispatchEvent('credentials:issued', { detail: { groupId: outcome.issued.groupId, peerId: outcome.issued.peerId, member: outcome.issued } })
      }
    } catch (err) {
      this.#log('password join from %p failed: %s', connection.remotePeer, (err as Error)?.message)
      stream.abort(err as Error)
    }
  }

  #signal (outer?: AbortSignal): AbortSignal {
    return withTimeout(outer, this.#timeoutMs)
  }
}
