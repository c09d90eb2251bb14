/**
 * The revocation rules (issue 15), pure: who may revoke whom, and whether a record or a chain is
 * refused because of a revocation. The membership handshake, record ingress and sync all ask
 * these, against the group's {@link RevocationIndex}.
 *
 * - A revoked member's records modified at or after its revocation time are refused; earlier
 *   ones stay valid (they were made under a valid membership).
 * - A chain whose leaf is revoked is refused from the revocation time on.
 * - A GMC issued (notBefore, whole seconds) after the second of its issuer's revocation is
 *   refused, and with it every chain through it; GMCs the issuer made before stay valid. A revoked
 *   administrator still holds its key and can back-date a certificate: signed bytes cannot tell.
 * - The creator cannot be revoked; only an administrator or the creator revokes; only the creator
 *   revokes an administrator that is an ancestor of the revoker (a subtree cannot revoke its root).
 */
import { problem, type RuleProblem } from '../records/problem.ts'
import type { RevocationIndex } from './revocation-index.ts'
import type { ChainLink } from './types.ts'

/** What the authority rule knows of the revoker. */
export interface Revoker {
  /** Its PeerId. */
  peerId: string
  /** Its roles (from its own GMC). */
  roles: readonly string[]
  /** The PeerIds of the GMC subjects above it in its chain (GMC1 first, itself excluded). */
  ancestors: readonly string[]
}

/**
 * Whether `revoker` may revoke (or lift the revocation of) `subject` in a group whose creator is
 * `creator`: `NOT_AUTHORIZED` or `INVALID_ARGUMENT`, else undefined.
 */
export function revocationAuthorityProblem (revoker: Revoker, subject: string, creator: string): RuleProblem | undefined {
  const isCreator = revoker.roles.includes('creator')
  if (!isCreator && !revoker.roles.includes('administrator')) return problem('NOT_AUTHORIZED', 'only an administrator or the creator revokes')
  if (subject === revoker.peerId) return problem('INVALID_ARGUMENT', 'a member cannot revoke itself')
  if (subject === creator) return problem('NOT_AUTHORIZED', 'the creator cannot be revoked')
  if (!isCreator && revoker.ancestors.includes(subject)) return problem('NOT_AUTHORIZED', 'only the creator revokes an administrator above the revoker')
  return undefined
}

/** Whether a record signed by `signer` at `modified` is refused by a revocation. */
export function recordRevoked (signer: string, modified: number, index: RevocationIndex | undefined): boolean {
  const at = index?.revokedAt(signer)
  return at !== undefined && modified >= at
}

/**
 * Why a valid chain (its GMCs, GMC1 first) is refused at `at` by the group's revocations, or
 * undefined: `'revoked'` (its leaf is revoked), `'issued-after-revocation'` (a GMC was issued at
 * or after its issuer's revocation).
 */
export function chainRevocation (links: readonly ChainLink[], index: RevocationIndex | undefined, at: number): 'revoked' | 'issued-after-revocation' | undefined {
  if (index === undefined || index.size === 0 || links.length === 0) return undefined
  const leaf = links[links.length - 1]!
  const leafAt = index.revokedAt(leaf.peerId) ?? index.serialRevokedAt(leaf.serialNumber)
  if (leafAt !== undefined && at >= leafAt) return 'revoked'
  for (let i = 1; i < links.length; i++) {
    const issuer = links[i - 1]!
    const issuerAt = index.revokedAt(issuer.peerId) ?? index.serialRevokedAt(issuer.serialNumber)
    // certificate times are whole seconds: one starting in the second of the revocation counts as
    // before it (a revoked issuer can back-date as much anyway), so honest members issued just
    // before it are not caught
    if (issuerAt !== undefined && links[i]!.notBefore > issuerAt) return 'issued-after-revocation'
  }
  return undefined
}

/** The members (PeerIds) whose chain passes through `peerId` below it: they need renewing by another administrator. */
export function passesThrough (chains: Iterable<readonly ChainLink[]>, peerId: string): string[] {
  const out = new Set<string>()
  for (const links of chains) {
    const i = links.findIndex(l => l.peerId === peerId)
    if (i >= 0 && i < links.length - 1) out.add(links[links.length - 1]!.peerId)
  }
  return [...out].sort()
}
