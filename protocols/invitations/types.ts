/**
 * The public types of invitations: what creating one takes and what parsing one tells.
 */
import type { PeerId, PublicKey } from '@libp2p/interface'
import type { ChainCache } from '../certificates/chain-cache.ts'
import type { MemberInfo } from '../certificates/chain-result.ts'
import type { LifetimeMs } from '../certificates/constants.ts'
import type { Issuer } from '../certificates/issuer.ts'
import type { Role } from '../certificates/roles.ts'
import type { RandomSource } from '../certificates/serial.ts'
import type { AuthScheme, GroupProperties } from '../groups/properties.ts'

/** The kind of an invitation: identity-bound (`gmc`) or for anyone with the password (`password`). */
export type InvitationKindName = AuthScheme

/** The group an invitation is for. */
export interface InvitationGroup {
  /** The group id (must be the issuer chain's). */
  groupId: string
  /** The group's current properties (carried in the invitation). */
  properties: GroupProperties
}

/**
 * The invitee: its libp2p Ed25519 public key, the key's 32 raw bytes, its PeerId, or its PeerId
 * as text (an Ed25519 PeerId carries its key).
 */
export type InviteeKey = PublicKey | Uint8Array | PeerId | string

/** Who is invited. */
export interface InvitationSubject {
  /** The invitee's key (see {@link InviteeKey}). */
  publicKey: InviteeKey
  /** Display name written into the invitee's GMC. @default the invitee's PeerId */
  displayName?: string
}

/** Options shared by both kinds of invitation. */
export interface InvitationCommonInit {
  /** The issuer's key and chain `[GRC, …, own GMC]`; the key signs the invitation. */
  issuer: Issuer
  /** The group. */
  group: InvitationGroup
  /**
   * End of validity, epoch milliseconds, no later than the issuer's own end
   * (`INVALID_TIME_PERIOD`); or `'infinite'`: the issuer's own end.
   * @default `'infinite'` (from the creator: 1000 years after the group was made)
   */
  expiresAt?: LifetimeMs
  /** Multiaddrs of members to connect to. @default [] */
  addresses?: readonly string[]
  /** Current time, epoch milliseconds. */
  now: number
  /** Chain cache for checking the issuer's chain. @default a cache for this call only */
  cache?: ChainCache
}

/** Options of `createInvitation`. */
export interface CreateInvitationInit extends InvitationCommonInit {
  /** Who is invited. */
  subject: InvitationSubject
  /** Roles granted; none above the issuer's (`NOT_AUTHORIZED`). */
  roles: readonly Role[]
  /** Serial number of the invitee GMC (16 bytes, hex). @default random */
  serialNumber?: string
  /** Randomness for the serial number. @default node:crypto */
  random?: RandomSource
}

/** Options of `createPasswordInvitation`. */
export interface CreatePasswordInvitationInit extends InvitationCommonInit {}

/** Options of `parseInvitation`. */
export interface ParseInvitationOptions {
  /** Current time, epoch milliseconds. */
  now: number
  /** PeerId the invitation must be for (identity-bound invitations only). @default any */
  expectPeerId?: string
  /** Chain cache (keep one per node). @default a cache for this call only */
  cache?: ChainCache
}

/** What a verified invitation says. Nothing in it is trusted before `parseInvitation` returns it. */
export interface InvitationInfo {
  /** `gmc` (identity-bound) or `password`. */
  kind: InvitationKindName
  /** How the holder joins: with the carried GMC, or by proving the group password. */
  authScheme: AuthScheme
  /** The group id (its root is bound to it). */
  groupId: string
  /** The group's friendly name. */
  groupFriendlyName: string
  /** PeerId of the issuer (the member who signed the invitation). */
  issuerPeerId: string
  /** The issuer's display name. */
  issuerDisplayName: string
  /** The issuer's membership, as its chain proves it. */
  issuer: MemberInfo
  /** PeerId of the invitee (identity-bound invitations). */
  subjectPeerId?: string
  /** Display name of the invitee (identity-bound invitations). */
  subjectDisplayName?: string
  /** The invitee's membership, as its chain proves it (identity-bound invitations). */
  subject?: MemberInfo
  /** Roles the holder gets (password invitations: the group's password role). */
  roles: Role[]
  /** Issue time, epoch milliseconds. */
  issuedAt: number
  /** Start of validity, epoch milliseconds. */
  validFrom: number
  /** End of validity, epoch milliseconds. */
  validTo: number
  /** Multiaddrs of members to connect to. */
  addresses: string[]
  /** The group's properties as the issuer knew them. */
  properties: GroupProperties
  /** The carried chain, DER: the invitee's (identity-bound) or the issuer's (password). */
  chain: Uint8Array[]
  /** The group root certificate, DER (`chain[0]`). */
  grc: Uint8Array
}
