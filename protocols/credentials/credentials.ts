/**
 * The credentials service: answers renewal requests on `/peerhood/credentials/1.0.0` as an
 * administrator and asks for renewal on request. Which groups it administers is the node's call
 * through `issuerFor`; storing renewed chains (the store flag) through `onIssued`.
 */
import {
  type ComponentLogger, type Connection, type DialTarget, type Logger, type PeerId, type Startable, type Stream,
  serviceCapabilities, TypedEventEmitter
} from '@libp2p/interface'
import type { ConnectionManager, Registrar } from '@libp2p/interface-internal'
import { PeerhoodError } from '../common/errors.ts'
import { ChainCache } from '../certificates/chain-cache.ts'
import { CREDENTIALS_PROTOCOL, DEFAULT_MAX_INBOUND_STREAMS, DEFAULT_TIMEOUT_MS } from './constants.ts'
import { requestRenewal } from './requester.ts'
import { respondRenewal } from './responder.ts'
import type { Credentials, CredentialsEvents, CredentialsInit, CredentialsRenewOptions, RenewResult } from './types.ts'
import { exchangeError, withTimeout } from '../common/signals.ts'
import { connectionTo } from '../common/connections.ts'

/** Components the service uses. */
export interface CredentialsComponents {
  /** This node. */
  peerId: PeerId
  /** Registers the protocol handler. */
  registrar: Registrar
  /** Opens connections to administrators. */
  connectionManager: ConnectionManager
  /** Logs under `peerhood:credentials`. */
  logger: ComponentLogger
}

/** Implementation of {@link Credentials}. */
export class CredentialsService extends TypedEventEmitter<CredentialsEvents> implements Credentials, Startable {
  /** The protocol id it speaks. */
  readonly protocol: string
  readonly #components: CredentialsComponents
  readonly #init: CredentialsInit
  readonly #log: Logger
  readonly #now: () => number
  readonly #timeoutMs: number
  readonly #cache: ChainCache
  #started = false

  constructor (components: CredentialsComponents, init: CredentialsInit) {
    super()
    this.#components = components
    this.#init = init
    this.#log = components.logger.forComponent('peerhood:credentials')
    this.protocol = init.protocol ?? CREDENTIALS_PROTOCOL
    this.#now = init.now ?? Date.now
    this.#timeoutMs = init.timeoutMs ?? DEFAULT_TIMEOUT_MS
    this.#cache = init.cache ?? new ChainCache({ maxChains: 256, maxLinks: 1024 })
  }

  readonly [Symbol.toStringTag] = '@peerhood/credentials'
  readonly [serviceCapabilities]: string[] = ['@peerhood/credentials']

  /** Starts answering renewal requests. */
  async start (): Promise<void> {
    await this.#components.registrar.handle(this.protocol, async (stream, connection) => { await this.#onInbound(stream, connection) }, {
      maxInboundStreams: this.#init.maxInboundStreams ?? DEFAULT_MAX_INBOUND_STREAMS,
      runOnLimitedConnection: this.#init.runOnLimitedConnection ?? false
    })
    this.#started = true
  }

  /** Stops answering renewal requests. */
  async stop (): Promise<void> {
    this.#started = false
    await this.#components.registrar.unhandle(this.protocol)
  }

  /** {@inheritDoc Credentials.renew} */
  async renew (peer: DialTarget, groupId: string, options: CredentialsRenewOptions = {}): Promise<RenewResult> {
    if (!this.#started) throw new PeerhoodError('NOT_STARTED', 'the credentials service is not started')
    const current = await this.#init.currentChain(groupId)
    if (current === undefined || current.length < 2) throw new PeerhoodError('NOT_A_MEMBER', 'this node holds no chain in that group', { details: { groupId } })
    const signal = this.#signal(options.signal)
    let stream: Stream | undefined
    try {
      const connection = await connectionTo(this.#components.connectionManager, peer, { signal })
      stream = await connection.newStream(this.protocol, { signal, runOnLimitedConnection: this.#init.runOnLimitedConnection ?? false })
      return await requestRenewal(stream, {
        groupId,
        current,
        lifetimeMs: options.lifetimeMs ?? 0,
        localPeer: this.#components.peerId,
        now: this.#now,
        cache: this.#cache,
        signal
      })
    } catch (err) {
      stream?.abort(err as Error)
      throw exchangeError(err, signal, 'renewal')
    }
  }

  async #onInbound (stream: Stream, connection: Connection): Promise<void> {
    try {
      const outcome = await respondRenewal(stream, {
        remotePeer: connection.remotePeer,
        init: this.#init,
        now: this.#now(),
        cache: this.#cache,
        signal: AbortSignal.timeout(this.#timeoutMs)
      })
      this.#log('renewal request from %p for %s: %s', connection.remotePeer, outcome.groupId, outcome.status)
      if (outcome.member !== undefined) {
        this.safeDispatchEvent('credentials:issued', { detail: { groupId: outcome.member.groupId, peerId: outcome.member.peerId, member: outcome.member } })
      }
    } catch (err) {
      this.#log('renewal request from %p failed: %s', connection.remotePeer, (err as Error)?.message)
      stream.abort(err as Error)
    }
  }

  #signal (outer?: AbortSignal): AbortSignal {
    return withTimeout(outer, this.#timeoutMs)
  }
}
