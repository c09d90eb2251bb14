/**
 * Password groups (Windows `PeerGroupPasswordJoin`): a joiner proves the group password to an
 * online administrator over the noise-encrypted libp2p connection, bound to both PeerIds and
 * fresh nonces, against a salted scrypt verifier; the administrator issues a GMC with the
 * group's password role and sends it back on the same stream. Failed attempts are throttled per
 * peer and per group. Why neither online guessing nor an offline dictionary attack on a captured
 * exchange pays off is written down in `docs/security.md`.
 *
 * ```ts
 * const verifier = await createPasswordVerifier(password, { groupId })      // the creator, once
 * services: { passwordJoin: passwordJoin({ authorityFor: groupId => ({ verifier, passwordRole, issuer }) }) }
 * const { chain, member } = await node.services.passwordJoin.join(adminPeerId, groupId, password)
 * ```
 */
import { type PasswordJoinComponents, PasswordJoinService } from './password-join.ts'
import type { PasswordJoin, PasswordJoinInit } from './types.ts'

export { PASSWORD_JOIN_PROTOCOL, DEFAULT_SCRYPT_N, MIN_PASSWORD_LENGTH, MAX_SCRYPT_N } from './constants.ts'
export { createPasswordVerifier, checkPasswordPolicy, derivePasswordKey, verifierToJson, verifierFromJson } from './verifier.ts'
export type { PasswordVerifier, PasswordVerifierOptions, PasswordVerifierJson, ScryptParams } from './verifier.ts'
export { transcriptMac, macMatches } from './transcript.ts'
export type { Transcript, TranscriptRole } from './transcript.ts'
export { PasswordThrottle, DEFAULT_PEER_POLICY, DEFAULT_GROUP_POLICY } from './throttle.ts'
export type { ThrottlePolicy, PasswordThrottleInit } from './throttle.ts'
export type { PasswordJoinComponents } from './password-join.ts'
export type * from './types.ts'

/** The password join service as a libp2p service factory. */
export function passwordJoin (init: PasswordJoinInit): (components: PasswordJoinComponents) => PasswordJoin {
  return (components) => new PasswordJoinService(components, init)
}
