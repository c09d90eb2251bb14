/**
 * Group properties: the fields of Windows' `PEER_GROUP_PROPERTIES` that still make sense, their
 * defaults and their checks. Plain JSON-safe data, stored with the membership and published to
 * members.
 */
import { PeerhoodError } from '../common/errors.ts'
import { isGroupId, validateClassifier } from '../certificates/group-id.ts'
import { MAX_NAME_LENGTH } from '../certificates/templates.ts'
import {
  DEFAULT_MAX_RECORD_SIZE, DEFAULT_MEMBER_DATA_LIFETIME_S, DEFAULT_PRESENCE_LIFETIME_S, MAX_COMMENT_LENGTH,
  MAX_MAX_RECORD_SIZE, MAX_MEMBER_DATA_LIFETIME_S, MAX_PRESENCE_LIFETIME_S, MIN_MAX_RECORD_SIZE,
  MIN_MEMBER_DATA_LIFETIME_S, MIN_PRESENCE_LIFETIME_S
} from './constants.ts'

/** How members may join: by an issued GMC (invitation) or with the group password. */
export const AUTH_SCHEMES = ['gmc', 'password'] as const

/** An authentication scheme. */
export type AuthScheme = typeof AUTH_SCHEMES[number]

/** Roles the group password may grant (never `creator`). */
export const PASSWORD_ROLES = ['administrator', 'inviting-member', 'member'] as const

/** A role the group password may grant. */
export type PasswordRole = typeof PASSWORD_ROLES[number]

/** Windows' `PEER_GROUP_PROPERTY_FLAGS`. */
export interface GroupFlags {
  /** Member data is published only when the member acts (publishes, issues…). @default false */
  memberDataOptional: boolean
  /** No automatic presence publication. @default false */
  disablePresence: boolean
  /** Records do not expire locally while this node is not connected. @default false */
  deferExpiration: boolean
}

/** A group's properties. */
export interface GroupProperties {
  /** The group id (immutable). */
  groupId: string
  /** Classifier the group id was formed with (immutable). */
  classifier?: string
  /** PeerId of the creator (immutable). */
  creatorPeerId: string
  /** Display name, 1 to 255 characters. */
  friendlyName: string
  /** Free text, at most 255 characters. @default '' */
  comment: string
  /** Lifetime of presence records, in seconds (≥ 300). @default 300 */
  presenceLifetimeS: number
  /** Lifetime of published member data, in seconds (2280 to 10 years). @default 2419200 (28 days) */
  memberDataLifetimeS: number
  /** Largest record, in bytes (1024 to 60 MiB). @default 1048576 */
  maxRecordSize: number
  /** How members may join. @default ['gmc'] (plus 'password' when a password role is set) */
  authSchemes: AuthScheme[]
  /** Role granted to password joiners. @default 'member' */
  passwordRole: PasswordRole
  /** Behaviour flags. */
  flags: GroupFlags
  /** 1 at creation, incremented by every update (immutable to callers). */
  revision: number
  /** Creation time, epoch milliseconds (immutable). */
  created: number
  /** Last change, epoch milliseconds (immutable to callers). */
  modified: number
}

/** The properties a creator may change. */
export const MUTABLE_PROPERTIES = [
  'friendlyName', 'comment', 'presenceLifetimeS', 'memberDataLifetimeS', 'maxRecordSize', 'authSchemes', 'passwordRole', 'flags'
] as const satisfies ReadonlyArray<keyof GroupProperties>

/** The properties nobody may change. */
export const IMMUTABLE_PROPERTIES = [
  'groupId', 'classifier', 'creatorPeerId', 'revision', 'created', 'modified'
] as const satisfies ReadonlyArray<keyof GroupProperties>

function bad (message: string, details: Record<string, unknown>): PeerhoodError {
  return new PeerhoodError('INVALID_GROUP_PROPERTIES', message, { details })
}

function checkInteger (name: string, value: unknown, min: number, max: number): void {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw bad(`${name} must be an integer from ${min} to ${max}`, { key: name, value })
  }
}

/** Checks the changeable fields; throws `INVALID_FRIENDLY_NAME` or `INVALID_GROUP_PROPERTIES`. */
export function validateSettings (p: Pick<GroupProperties, typeof MUTABLE_PROPERTIES[number]>): void {
  if (typeof p.friendlyName !== 'string' || p.friendlyName.length === 0 || p.friendlyName.length > MAX_NAME_LENGTH) {
    throw new PeerhoodError('INVALID_FRIENDLY_NAME', `a friendly name is 1 to ${MAX_NAME_LENGTH} characters`, { details: { key: 'friendlyName' } })
  }
  if (typeof p.comment !== 'string' || p.comment.length > MAX_COMMENT_LENGTH) throw bad(`comment is at most ${MAX_COMMENT_LENGTH} characters`, { key: 'comment' })
  checkInteger('presenceLifetimeS', p.presenceLifetimeS, MIN_PRESENCE_LIFETIME_S, MAX_PRESENCE_LIFETIME_S)
  checkInteger('memberDataLifetimeS', p.memberDataLifetimeS, MIN_MEMBER_DATA_LIFETIME_S, MAX_MEMBER_DATA_LIFETIME_S)
  checkInteger('maxRecordSize', p.maxRecordSize, MIN_MAX_RECORD_SIZE, MAX_MAX_RECORD_SIZE)
  const schemes = p.authSchemes
  if (!Array.isArray(schemes) || schemes.length === 0 || new Set(schemes).size !== schemes.length || !schemes.every(s => (AUTH_SCHEMES as readonly unknown[]).includes(s))) {
    throw bad('authSchemes is a non-empty list of distinct schemes', { key: 'authSchemes', value: schemes })
  }
  if (!(PASSWORD_ROLES as readonly unknown[]).includes(p.passwordRole)) throw bad('passwordRole is not a role the password may grant', { key: 'passwordRole', value: p.passwordRole })
  const flags = p.flags as unknown as Record<string, unknown>
  if (typeof flags !== 'object' || flags === null || Object.keys(flags).sort().join() !== 'deferExpiration,disablePresence,memberDataOptional' ||
    !Object.values(flags).every(v => typeof v === 'boolean')) {
    throw bad('flags are memberDataOptional, disablePresence and deferExpiration, each a boolean', { key: 'flags' })
  }
}

/** Checks a complete properties object (e.g. read from storage or an import). */
export function validateProperties (p: GroupProperties): void {
  const keys = Object.keys(p).filter(k => (p as unknown as Record<string, unknown>)[k] !== undefined)
  const known = new Set<string>([...MUTABLE_PROPERTIES, ...IMMUTABLE_PROPERTIES])
  const unknown = keys.find(k => !known.has(k))
  if (unknown !== undefined) throw bad('unknown group property', { key: unknown })
  if (!isGroupId(p.groupId)) throw bad('groupId is not a group id', { key: 'groupId' })
  if (p.classifier !== undefined) {
    validateClassifier(p.classifier)
    if (!p.groupId.endsWith(`.${p.classifier}`)) throw bad('classifier does not match the group id', { key: 'classifier' })
  }
  if (typeof p.creatorPeerId !== 'string' || p.creatorPeerId.length === 0) throw bad('creatorPeerId is required', { key: 'creatorPeerId' })
  checkInteger('revision', p.revision, 1, Number.MAX_SAFE_INTEGER)
  checkInteger('created', p.created, 0, Number.MAX_SAFE_INTEGER)
  checkInteger('modified', p.modified, p.created, Number.MAX_SAFE_INTEGER)
  validateSettings(p)
}

/** Changeable fields as a creator passes them: everything optional. */
export interface GroupSettingsInit {
  /** Display name, 1 to 255 characters. */
  friendlyName: string
  /** Free text, at most 255 characters. @default '' */
  comment?: string
  /** Lifetime of presence records, in seconds (≥ 300). @default 300 */
  presenceLifetimeS?: number
  /** Lifetime of published member data, in seconds. @default 2419200 (28 days) */
  memberDataLifetimeS?: number
  /** Largest record, in bytes. @default 1048576 (1 MiB) */
  maxRecordSize?: number
  /** How members may join. @default ['gmc'], plus 'password' when `passwordRole` is given */
  authSchemes?: AuthScheme[]
  /** Role granted to password joiners. @default 'member' */
  passwordRole?: PasswordRole
  /** Behaviour flags. @default all false */
  flags?: Partial<GroupFlags>
}

/** Fills the defaults of {@link GroupSettingsInit}. */
export function resolveSettings (init: GroupSettingsInit): Pick<GroupProperties, typeof MUTABLE_PROPERTIES[number]> {
  return {
    friendlyName: init.friendlyName,
    comment: init.comment ?? '',
    presenceLifetimeS: init.presenceLifetimeS ?? DEFAULT_PRESENCE_LIFETIME_S,
    memberDataLifetimeS: init.memberDataLifetimeS ?? DEFAULT_MEMBER_DATA_LIFETIME_S,
    maxRecordSize: init.maxRecordSize ?? DEFAULT_MAX_RECORD_SIZE,
    authSchemes: init.authSchemes ?? (init.passwordRole === undefined ? ['gmc'] : ['gmc', 'password']),
    passwordRole: init.passwordRole ?? 'member',
    flags: {
      memberDataOptional: init.flags?.memberDataOptional ?? false,
      disablePresence: init.flags?.disablePresence ?? false,
      deferExpiration: init.flags?.deferExpiration ?? false
    }
  }
}
