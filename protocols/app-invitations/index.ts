/**
 * Application invitations (Windows `PeerCollabInviteContact` / `InviteEndpoint` /
 * `CancelInvitation` / `GetAppLaunchInfo`) as a libp2p service over `/peerhood/app-invite/1.0.0`:
 * invite a contact (verified) or an endpoint (unverified) to an application with a message and
 * up to 16 KiB of data; the recipient accepts or declines before the expiry (default 5 minutes,
 * at most 24 hours); the sender may cancel in every phase. An invitation to an unreachable
 * trusted contact is queued, persisted and delivered when the contact is next connected. An
 * accepted invitation launches the application registered with a launch command, with its
 * launch information in `PEERHOOD_LAUNCH_INFO`.
 *
 * ```ts
 * const node = await createLibp2p({ ..., services: { collaboration: collaboration(), appInvitations: appInvitations() } })
 * const sent = await node.services.appInvitations.invite(contactPeerId, { appId: 'org.example.chess', message: 'a game?' })
 * const answer = await node.services.appInvitations.waitForResponse(sent.id)
 * ```
 */
import { type AppInvitationsComponents, AppInvitationsService } from './app-invitations.ts'
import type { AppInvitations, AppInvitationsInit } from './types.ts'

export {
  APP_INVITE_PROTOCOL, DEFAULT_EXPIRY_MS, MAX_EXPIRY_MS, MIN_EXPIRY_MS, MAX_INVITATION_DATA_BYTES, MAX_INVITATION_MESSAGE_CHARS,
  SENDER_BURST, SENDER_PER_MINUTE, MAX_PENDING_PER_SENDER, MAX_PENDING_TOTAL, LAUNCH_INFO_ENV
} from './constants.ts'
export {
  ACCEPT_POLICIES, checkAppId, checkMessage, checkContent, senderExpiry, grantedExpiry, mayDeliver, recipientVerified, roomFor,
  takeToken, isFinal, cancelAction, responseVerdict, parseAcceptPolicy
} from './rules.ts'
export { launchInfoFromEnv } from './launcher.ts'
export type { AppInvitationsComponents, SessionJoinHook } from './app-invitations.ts'
export { AppInvitationsService } from './app-invitations.ts'
export type * from './types.ts'

/** The invitation service as a libp2p service factory. */
export function appInvitations (init: AppInvitationsInit = {}): (components: AppInvitationsComponents) => AppInvitations {
  return (components) => new AppInvitationsService(components, init)
}
