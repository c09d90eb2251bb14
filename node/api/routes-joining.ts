/**
 * The joining endpoints: invitations (identity-bound and password), parsing one, joining with
 * one, the group password and credential renewal. Times cross the API as ISO 8601 text and epoch
 * milliseconds (`…Ms`); an invitation's certificates stay inside its token.
 */
import { INFINITE, type LifetimeMs } from '../../protocols/certificates/constants.ts'
import type { Role } from '../../protocols/certificates/roles.ts'
import { PeerhoodError } from '../../protocols/common/errors.ts'
import { type AuthScheme, type GroupProperties, PASSWORD_ROLES, type PasswordRole } from '../../protocols/groups/properties.ts'
import type { InvitationInfo } from '../../protocols/invitations/types.ts'
import { parseW3cDate } from '../../protocols/records/dates.ts'
import type { PeerhoodNode } from '../types.ts'
import type { ApiRouter } from './router.ts'
import { stringField } from './routes.ts'
import { bodyObject, type MemberJson, memberJson, optionalField, optionalStringList, summaryJson } from './routes-groups.ts'
import { InviteBody, JoinBody, ParseInvitationBody, PasswordInviteBody, RenewBody, SetPasswordBody } from './schemas.ts'

/** What a verified invitation says, as the API reports it (`POST /v1/invitations/parse`). */
export interface InvitationInfoJson {
  /** `gmc` (bound to one invitee) or `password` (for anyone with the group password). */
  kind: AuthScheme
  /** How the holder joins: with the carried certificate, or by proving the group password. */
  authScheme: AuthScheme
  /** The group id. */
  groupId: string
  /** The group's friendly name. */
  groupFriendlyName: string
  /** The member who signed the invitation, as its chain proves it. */
  issuer: MemberJson
  /** The invitee's certificate carried in the invitation (identity-bound invitations only). */
  subject?: MemberJson
  /** Roles the holder gets (password invitations: the group's password role). */
  roles: Role[]
  /** Issue time, ISO 8601. */
  issuedAt: string
  /** Start of validity, ISO 8601. */
  validFrom: string
  /** End of validity, ISO 8601. */
  validTo: string
  /** Issue time, epoch milliseconds. */
  issuedAtMs: number
  /** Start of validity, epoch milliseconds. */
  validFromMs: number
  /** End of validity, epoch milliseconds. */
  validToMs: number
  /** Multiaddrs of members to connect to. */
  addresses: string[]
  /** The group's properties as the issuer knew them (times in epoch milliseconds). */
  properties: GroupProperties
}

/** What the invitation endpoints return: the token to hand over and what it says. */
export interface InvitationJson {
  /** The invitation, one pasteable line. */
  token: string
  /** Its parsed fields. */
  info: InvitationInfoJson
}

/** An {@link InvitationInfo} as JSON. */
export function invitationInfoJson (info: InvitationInfo): InvitationInfoJson {
  const iso = (ms: number): string => new Date(ms).toISOString()
  return {
    kind: info.kind,
    authScheme: info.authScheme,
    groupId: info.groupId,
    groupFriendlyName: info.groupFriendlyName,
    issuer: memberJson(info.issuer),
    ...(info.subject === undefined ? {} : { subject: memberJson(info.subject) }),
    roles: [...info.roles],
    issuedAt: iso(info.issuedAt),
    validFrom: iso(info.validFrom),
    validTo: iso(info.validTo),
    issuedAtMs: info.issuedAt,
    validFromMs: info.validFrom,
    validToMs: info.validTo,
    addresses: [...info.addresses],
    properties: info.properties
  }
}

function bad (key: string, message: string): PeerhoodError {
  return new PeerhoodError('INVALID_ARGUMENT', message, { details: { key } })
}

/**
 * The end of an invitation's validity from `expiresAt` (ISO 8601 text or epoch milliseconds) or
 * `lifetimeMs` (from now), not both; either may be `"infinite"` (as long as the issuer's own
 * certificate). Undefined when neither is given (the service then uses the issuer's remaining
 * validity too).
 */
export function invitationExpiry (b: Record<string, unknown>, now: number): LifetimeMs | undefined {
  const value = b.expiresAt
  const lifetimeMs = b.lifetimeMs
  if (value !== undefined && lifetimeMs !== undefined) throw bad('expiresAt', 'give "expiresAt" or "lifetimeMs", not both')
  if (value === INFINITE || lifetimeMs === INFINITE) return INFINITE
  if (lifetimeMs !== undefined) {
    if (typeof lifetimeMs !== 'number' || !Number.isSafeInteger(lifetimeMs) || lifetimeMs <= 0) throw bad('lifetimeMs', '"lifetimeMs" is a positive whole number of milliseconds or "infinite"')
    return now + lifetimeMs
  }
  if (value === undefined) return undefined
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return value
  if (typeof value === 'string') {
    const ms = parseW3cDate(value.trim())
    if (ms !== undefined) return ms
  }
  throw bad('expiresAt', '"expiresAt" is an ISO 8601 date, epoch milliseconds or "infinite"')
}

function passwordRoleOf (b: Record<string, unknown>): PasswordRole | undefined {
  const role = optionalField(b, 'role', 'string')
  if (role !== undefined && !(PASSWORD_ROLES as readonly string[]).includes(role)) {
    throw bad('role', `"role" is one of ${PASSWORD_ROLES.join(', ')}`)
  }
  return role as PasswordRole | undefined
}

/** Adds the joining endpoints to `router`. */
export function addJoiningRoutes (router: ApiRouter, node: PeerhoodNode): ApiRouter {
  const invitation = (token: string): InvitationJson => ({ token, info: invitationInfoJson(node.groups.parseInvitation(token)) })
  return router
    .add('POST', '/v1/groups/:id/invitations', async ({ params, body }): Promise<InvitationJson> => {
      const b = bodyObject(body, ['peerId', 'roles', 'expiresAt', 'lifetimeMs', 'displayName', 'addresses'])
      const peerId = stringField(b, 'peerId')
      const roles = optionalStringList(b, 'roles')
      const addresses = optionalStringList(b, 'addresses')
      const expiresAt = invitationExpiry(b, Date.now())
      const displayName = optionalField(b, 'displayName', 'string')
      return invitation(await node.groups.createInvitation(params.id!, {
        peerId,
        ...(roles === undefined ? {} : { roles: roles as Role[] }),
        ...(expiresAt === undefined ? {} : { expiresAt }),
        ...(displayName === undefined ? {} : { displayName }),
        ...(addresses === undefined ? {} : { addresses })
      }))
    }, { body: InviteBody, summary: 'Invites one peer', tags: ['invitations'] })
    .add('POST', '/v1/groups/:id/invitations/password', async ({ params, body }): Promise<InvitationJson> => {
      const b = bodyObject(body, ['expiresAt', 'lifetimeMs', 'addresses'])
      const expiresAt = invitationExpiry(b, Date.now())
      const addresses = optionalStringList(b, 'addresses')
      return invitation(await node.groups.createPasswordInvitation(params.id!, { ...(expiresAt === undefined ? {} : { expiresAt }), ...(addresses === undefined ? {} : { addresses }) }))
    }, { body: PasswordInviteBody, summary: 'A password invitation', tags: ['invitations'] })
    .add('POST', '/v1/invitations/parse', async ({ body }) => {
      const b = bodyObject(body, ['token'])
      return invitationInfoJson(node.groups.parseInvitation(stringField(b, 'token').trim()))
    }, { body: ParseInvitationBody, summary: 'Reads an invitation token', tags: ['invitations'] })
    .add('POST', '/v1/groups/join', async ({ body, signal }) => {
      const b = bodyObject(body, ['token', 'password'])
      const token = stringField(b, 'token').trim()
      const password = optionalField(b, 'password', 'string')
      return summaryJson(await node.groups.join(token, { signal, ...(password === undefined ? {} : { password }) }))
    }, { body: JoinBody, summary: 'Joins a group with an invitation token', tags: ['invitations'] })
    .add('PUT', '/v1/groups/:id/password', async ({ params, body }) => {
      const b = bodyObject(body, ['password', 'role'])
      const password = stringField(b, 'password')
      const role = passwordRoleOf(b)
      return await node.groups.setPassword(params.id!, password, role === undefined ? {} : { role })
    }, { body: SetPasswordBody, summary: 'Sets the group password' })
    .add('POST', '/v1/groups/:id/renew', async ({ params, body, signal }): Promise<MemberJson> => {
      const peerId = optionalField(bodyObject(body, ['peerId']), 'peerId', 'string')
      return memberJson(await node.groups.renew(params.id!, { signal, ...(peerId === undefined ? {} : { peerId }) }))
    }, { body: RenewBody, summary: 'Renews a membership' })
}
