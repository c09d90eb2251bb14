/**
 * The public face of the credential renewal service: options, callbacks, results and events.
 */
import type { AbortOptions, DialTarget, PeerId, TypedEventTarget } from '@libp2p/interface'
import type { ChainCache } from '../certificates/chain-cache.ts'
import type { MemberInfo } from '../certificates/chain-result.ts'
import type { Issuer } from '../certificates/issuer.ts'

/** Options of the credentials service. */
export interface CredentialsInit {
  /** This node's issuer credentials for a group it administers; undefined answers `NOT_FOUND`. */
  issuerFor: (groupId: string) => Issuer | undefined | Promise<Issuer | undefined>
  /** This node's current chain in a group, to present when asking for renewal. */
  currentChain: (groupId: string) => Uint8Array[] | undefined | Promise<Uint8Array[] | undefined>
  /**
   * Called with every renewed chain before it is sent (the node stores it in the group database
   * with the store flag). If it throws, the member gets `INTERNAL` and no chain.
   */
  onIssued?: (groupId: string, peerId: PeerId, chain: Uint8Array[]) => void | Promise<void>
  /** The clock, epoch milliseconds. @default Date.now */
  now?: () => number
  /** Time one exchange may take, in milliseconds. @default 10000 */
  timeoutMs?: number
  /** Concurrent inbound exchanges per connection. @default 2 */
  maxInboundStreams?: number
  /** Whether exchanges may run over limited (relayed) connections. @default false */
  runOnLimitedConnection?: boolean
  /** Chain cache. @default a cache of this service */
  cache?: ChainCache
  /** Protocol id. @default '/peerhood/credentials/1.0.0' */
  protocol?: string
}

/** Options of {@link Credentials.renew}. */
export interface CredentialsRenewOptions extends AbortOptions {
  /** Wanted lifetime in milliseconds (never longer than the current GMC's). @default the current GMC's */
  lifetimeMs?: number
}

/** A renewed membership. */
export interface RenewResult {
  /** This node's new chain, DER. */
  chain: Uint8Array[]
  /** What it proves: this node, same roles, a later start. */
  member: MemberInfo
}

/** A member's GMC was renewed by this node (`credentials:issued`). */
export interface CredentialsRenewedEvent {
  /** The group. */
  groupId: string
  /** The member. */
  peerId: string
  /** Its renewed membership. */
  member: MemberInfo
}

/** Events of the credentials service. */
export interface CredentialsEvents {
  'credentials:issued': CustomEvent<CredentialsRenewedEvent>
}

/** The credentials service. */
export interface Credentials extends TypedEventTarget<CredentialsEvents> {
  /** The protocol id it speaks. */
  readonly protocol: string
  /**
   * Asks the administrator at `peer` to renew this node's GMC in `groupId`; returns the new
   * chain (validated, this node's, starting later than the current one). Codes: `NOT_A_MEMBER`
   * (no current chain), `NOT_FOUND`, `NOT_AUTHORIZED`, `INVALID_CERTIFICATE`,
   * `INVALID_TIME_PERIOD`, `CHAIN_TOO_LONG`, `TIMEOUT`, `CONNECTION_FAILED`, `INVALID_MESSAGE`,
   * `INTERNAL`, `NOT_STARTED`.
   */
  renew (peer: DialTarget, groupId: string, options?: CredentialsRenewOptions): Promise<RenewResult>
}
