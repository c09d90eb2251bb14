/**
 * What chain validation returns: the member the chain proves, or the first failure with a stable
 * code, the index of the offending certificate (0 = GRC) and a stable reason.
 */
import type { ErrorCode } from '../common/errors.ts'
import type { Role } from './roles.ts'

/** The member a valid chain proves (its last certificate). Frozen. */
export interface MemberInfo {
  /** The group. */
  readonly groupId: string
  /** The member's PeerId (checked against the certificate key). */
  readonly peerId: string
  /** Display name (certificate CN). */
  readonly displayName: string
  /** Roles, in canonical order. */
  readonly roles: readonly Role[]
  /** Roles as a mask (see `roles.ts`). */
  readonly roleMask: number
  /** Serial number, lowercase hex (16 bytes). */
  readonly serialNumber: string
  /** Start of validity, epoch milliseconds. */
  readonly notBefore: number
  /** End of validity, epoch milliseconds; no certificate of the chain ends earlier. */
  readonly notAfter: number
  /** Raw 32-byte Ed25519 public key (the member's libp2p key); a fresh copy on every read. */
  readonly publicKey: Uint8Array
  /** Number of GMCs in the chain, this one included (1 for the creator's own). */
  readonly depth: number
  /** Whether the certificate may issue others (a CA certificate). */
  readonly ca: boolean
}

/** A chain that passed every check. Frozen; a cached chain returns the same object. */
export interface ChainValid {
  /** Success. */
  readonly ok: true
  /** The member the chain proves. */
  readonly leaf: MemberInfo
}

/** Stable reasons for refusing a chain (finer than the code, for logs and metrics). */
export type ChainFailureReason =
  | 'too-short' // fewer than a GRC and one GMC
  | 'too-many-gmcs' // more than MAX_CHAIN_GMCS GMCs
  | 'malformed' // not a certificate of the Peerhood profile (strict DER, Ed25519, one Peerhood URI, …)
  | 'not-a-root' // the first certificate is not a GRC
  | 'not-a-member' // a later certificate is not a GMC
  | 'group-mismatch' // names another group
  | 'root-mismatch' // the GRC key does not hash to the group id
  | 'duplicate-key' // a subject key appears twice
  | 'duplicate-serial' // a serial number appears twice
  | 'bad-signature' // not signed by its parent's key (the GRC: by itself)
  | 'role-not-issuable' // grants a role its issuer may not grant
  | 'ca-flag-mismatch' // cA set (or not) contrary to its roles and depth
  | 'path-length-mismatch' // pathLenConstraint other than its depth gives (23 for the GRC, 23 − depth for a CA GMC)
  | 'issuer-name-mismatch' // issuer name other than its parent's subject name (the GRC: its own)
  | 'authority-key-mismatch' // authorityKeyIdentifier other than its parent's subjectKeyIdentifier
  | 'peer-id-mismatch' // the URI's PeerId is not the certificate key's
  | 'outlives-issuer' // validity not inside its issuer's
  | 'not-yet-valid' // starts after `now`
  | 'expired' // ended before `now`
  | 'revoked' // its member is revoked in the group (issue 15; not the validator's: the revocation rules')
  | 'issued-after-revocation' // a GMC was issued after its issuer's revocation (issue 15)

/** A refused chain. */
export interface ChainInvalid {
  /** Failure. */
  readonly ok: false
  /** The stable error code. */
  readonly code: ErrorCode
  /** Index of the offending certificate (0 = GRC). */
  readonly index: number
  /** Why, more precisely than the code. */
  readonly reason: ChainFailureReason
}

/** Result of chain validation. */
export type ChainResult = ChainValid | ChainInvalid

/** A refusal. */
export function invalid (code: ErrorCode, index: number, reason: ChainFailureReason): ChainInvalid {
  return { ok: false, code, index, reason }
}
