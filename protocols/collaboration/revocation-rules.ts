/**
 * Pure rules of endpoint revocations as a node keeps them. A revocation binds an endpoint's
 * PeerId for good, so one held is never dropped to make room (that would let the endpoint back
 * in): past the bound a new one is refused. Only the identity's own endpoints deliver its
 * revocations, and only of an identity this node cares about (its own, or a trusted contact's),
 * so a stranger cannot fill the store.
 */

/** What adding a revocation comes to. */
export type RevocationAdmission = 'added' | 'duplicate' | 'identity-full' | 'total-full'

/** Bounds of the revocations kept. */
export interface RevocationLimits {
  /** Most of one identity. */
  perIdentity: number
  /** Most in total. */
  total: number
}

/** Whether a revocation is added: `known` (already held), the identity's count and the total held. */
export function admitRevocation (known: boolean, ofIdentity: number, total: number, limits: RevocationLimits): RevocationAdmission {
  if (known) return 'duplicate'
  if (ofIdentity >= limits.perIdentity) return 'identity-full'
  if (total >= limits.total) return 'total-full'
  return 'added'
}

/**
 * Whether a revocation of `revoking` (the identity whose key signed it) received from an endpoint
 * that proved `deliveredBy` is kept: its own identity's endpoint delivered it, and that identity
 * is mine or a trusted contact's.
 */
export function mayKeepRevocation (revoking: string, deliveredBy: string, myIdentity: string, isTrustedContact: (identity: string) => boolean): boolean {
  return revoking === deliveredBy && (revoking === myIdentity || isTrustedContact(revoking))
}

/** Whether an endpoint's certificate is refused: its identity revoked that PeerId. */
export function isRevoked (held: ReadonlyMap<string, ReadonlyMap<string, unknown>>, identity: string, endpoint: string): boolean {
  return held.get(identity)?.has(endpoint) === true
}
