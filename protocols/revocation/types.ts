/**
 * What a revocation is (issue 15): a signed `peerhood.revocation` record, read into this shape.
 */

/** One revocation record as the rules see it (its data, its writer and its times). */
export interface Revocation {
  /** The group. */
  groupId: string
  /** PeerId (base58btc) of the revoked member. */
  peer: string
  /** Serial numbers (lowercase hex) of the revoked member's certificates the revoker knew. */
  serials: readonly string[]
  /** When the revocation (or its lift) takes effect, epoch ms: the record's modification time. */
  time: number
  /** Why, free text (at most {@link MAX_REASON_LENGTH} characters). */
  reason: string
  /** Whether this record lifts an earlier revocation of the same peer. */
  lifted: boolean
  /** PeerId of the administrator (or creator) who signed it. */
  revoker: string
}

/** Longest revocation reason, in characters. */
export const MAX_REASON_LENGTH = 256

/** Most serial numbers one revocation names (the registry keeps 8 per member). */
export const MAX_REVOKED_SERIALS = 16

/** One GMC of a chain, as the revocation rules see it (GMC1 first, the leaf last). */
export interface ChainLink {
  /** PeerId of its subject. */
  peerId: string
  /** Serial number, lowercase hex. */
  serialNumber: string
  /** Start of validity, epoch ms: when it was issued, as far as anyone can tell. */
  notBefore: number
}
