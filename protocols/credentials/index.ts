/**
 * Credential renewal (Windows `PeerGroupIssueCredentials` with the store flag, asked for over the
 * network): a member presents its chain to an administrator, which renews its GMC (same key and
 * roles, a later start, the same duration clamped to its own validity) and hands it to the node
 * to publish in the group database. Pure helpers decide when to ask (`needsRenewal`) and which of
 * two chains to keep (`pickNewerChain`).
 *
 * ```ts
 * services: { credentials: credentials({ issuerFor, currentChain, onIssued }) }
 * if (needsRenewal(member, Date.now())) await node.services.credentials.renew(adminPeerId, groupId)
 * ```
 */
import { type CredentialsComponents, CredentialsService } from './credentials.ts'
import type { Credentials, CredentialsInit } from './types.ts'

export { CREDENTIALS_PROTOCOL, DEFAULT_RENEW_BEFORE_MS, DEFAULT_RENEW_FRACTION } from './constants.ts'
export { needsRenewal, renewalMargin, pickNewerChain } from './rules.ts'
export type { RenewalPolicy, PickOptions, PickedChain } from './rules.ts'
export { decideRenewal } from './renewal.ts'
export type { RenewalRequest, RenewalContext, RenewalDecision } from './renewal.ts'
export type { CredentialsComponents } from './credentials.ts'
export type * from './types.ts'

/** The credentials service as a libp2p service factory. */
export function credentials (init: CredentialsInit): (components: CredentialsComponents) => Credentials {
  return (components) => new CredentialsService(components, init)
}
