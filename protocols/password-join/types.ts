/**
 * The public face of password join: options, callbacks, results and events.
 */
import type { AbortOptions, DialTarget, PeerId, TypedEventTarget } from '@libp2p/interface'
import type { ChainCache } from '../certificates/chain-cache.ts'
import type { MemberInfo } from '../certificates/chain-result.ts'
import type { Issuer } from '../certificates/issuer.ts'
import type { PasswordRole } from '../groups/properties.ts'
import type { PasswordThrottleInit } from './throttle.ts'
import type { PasswordVerifier } from './verifier.ts'

/** What an administrator needs to admit password joiners to one group. */
export interface PasswordAuthority {
  /** The group's password verifier. */
  verifier: PasswordVerifier
  /** Role granted to joiners (the group's `passwordRole`). */
  passwordRole: PasswordRole
  /** This administrator's key and chain, to issue with (and shown to joiners). */
  issuer: Issuer
  /** Lifetime of issued GMCs, in milliseconds. @default the issuer's remaining validity */
  lifetimeMs?: number
}

/** Options of the password join service. */
export interface PasswordJoinInit {
  /**
   * The authority for a group when this node administers it and the group has a password;
   * undefined makes the service answer `NOT_FOUND`.
   */
  authorityFor: (groupId: string) => PasswordAuthority | undefined | Promise<PasswordAuthority | undefined>
  /**
   * Called with every chain issued, before it is sent; the node stores it. If it throws, the
   * joiner gets `INTERNAL` and no chain.
   */
  onIssued?: (groupId: string, peerId: PeerId, chain: Uint8Array[]) => void | Promise<void>
  /** The clock, epoch milliseconds. @default Date.now */
  now?: () => number
  /** Time one whole exchange may take, either side, in milliseconds. @default 30000 */
  timeoutMs?: number
  /** Concurrent inbound exchanges per connection. @default 1 */
  maxInboundStreams?: number
  /** Whether exchanges may run over limited (relayed) connections. @default false */
  runOnLimitedConnection?: boolean
  /** Throttling of failed attempts. @default see `PasswordThrottleInit` */
  throttle?: PasswordThrottleInit
  /** Chain cache for validating chains. @default a cache of this service */
  cache?: ChainCache
  /** Protocol id. @default '/peerhood/password-join/1.0.0' */
  protocol?: string
}

/** Options of {@link PasswordJoin.join}. */
export interface JoinOptions extends AbortOptions {
  /** Display name for the new GMC. @default this node's PeerId */
  displayName?: string
}

/** A successful password join. */
export interface JoinResult {
  /** This node's new chain `[GRC, …, administrator GMC, own GMC]`, DER. */
  chain: Uint8Array[]
  /** What the new chain proves (this node, with the password role). */
  member: MemberInfo
  /** The administrator that issued it. */
  administrator: MemberInfo
}

/** A password attempt was refused (`authentication:failed`, on the administrator's side). */
export interface AuthenticationFailedEvent {
  /** The group. */
  groupId: string
  /** The remote peer. */
  peerId: string
  /** A wrong password, or an attempt refused while throttled. */
  reason: 'wrong-password' | 'throttled'
  /** Milliseconds until that peer may try again (0: now). */
  retryAfterMs: number
}

/** A joiner was admitted (`credentials:issued`, on the administrator's side). */
export interface CredentialsIssuedEvent {
  /** The group. */
  groupId: string
  /** The joiner. */
  peerId: string
  /** Its new membership. */
  member: MemberInfo
}

/** Events of the password join service. */
export interface PasswordJoinEvents {
  'authentication:failed': CustomEvent<AuthenticationFailedEvent>
  'credentials:issued': CustomEvent<CredentialsIssuedEvent>
}

/** The password join service. */
export interface PasswordJoin extends TypedEventTarget<PasswordJoinEvents> {
  /** The protocol id it speaks. */
  readonly protocol: string
  /**
   * Proves `password` for `groupId` to the administrator at `peer` and returns this node's new
   * chain (validated; its member is this node). Codes: `AUTHENTICATION_FAILED` (wrong password,
   * or the peer is no administrator of the group or cannot prove the password), `THROTTLED`
   * (`details.retryAfterMs`), `NOT_FOUND`, `NOT_AUTHORIZED`, `TIMEOUT`, `CONNECTION_FAILED`,
   * `INVALID_MESSAGE`, `INVALID_CERTIFICATE`, `NOT_STARTED`, `INVALID_ARGUMENT`.
   */
  join (peer: DialTarget, groupId: string, password: string, options?: JoinOptions): Promise<JoinResult>
}
