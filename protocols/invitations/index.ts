/**
 * Invitations (Windows `PeerGroupCreateInvitation`, `PeerGroupCreatePasswordInvitation`,
 * `PeerGroupParseInvitation`): one pasteable text, `peerhood1:invitation:<base64url>`, signed by
 * the issuing member's key and carrying the group's properties, a GMC chain rooted in the
 * self-certifying group id, and addresses of members to connect to. Pure functions, no I/O:
 * an invitation verifies offline. The format is in `README.md`.
 *
 * ```ts
 * const text = createInvitation({ issuer: { privateKey, chain }, group: { groupId, properties },
 *   subject: { publicKey: inviteePeerId }, roles: ['member'], now: Date.now() })
 * const info = parseInvitation(text, { now: Date.now(), expectPeerId: myPeerId })
 * ```
 */
export { createInvitation, createPasswordInvitation } from './create.ts'
export { parseInvitation } from './parse.ts'
export { INVITATION_PREFIX, INVITATION_VERSION, INVITATION_SIGNATURE_DOMAIN, MAX_INVITATION_LENGTH, MAX_INVITATION_ADDRESSES } from './constants.ts'
export type * from './types.ts'
