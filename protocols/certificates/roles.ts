/**
 * Group roles and the issuance matrix (Windows Peer Grouping, MS-PPSEC 2.2.5.3):
 *
 * | issuer                 | may issue                                    |
 * |------------------------|----------------------------------------------|
 * | group root (GRC)       | any role, including `creator`                |
 * | creator, administrator | administrator, inviting-member, member       |
 * | inviting-member        | inviting-member, member                      |
 * | member                 | nothing                                      |
 *
 * Roles are handled as bit masks on the hot path; names are for certificates, APIs and people.
 */
import { PeerhoodError } from '../common/errors.ts'

/** Every role, highest first; certificates list roles in this order. */
export const ROLES = ['creator', 'administrator', 'inviting-member', 'member'] as const

/** A group role. */
export type Role = typeof ROLES[number]

/** Bit of each role in a role mask. */
export const ROLE_BITS: Readonly<Record<Role, number>> = {
  creator: 1,
  administrator: 2,
  'inviting-member': 4,
  member: 8
}

const ALL = 0b1111
const ADMIN_ISSUES = ROLE_BITS.administrator | ROLE_BITS['inviting-member'] | ROLE_BITS.member
const INVITER_ISSUES = ROLE_BITS['inviting-member'] | ROLE_BITS.member

/** Marker for the group root (GRC) as an issuer: it may issue every role. */
export const ROOT_ISSUER = -1

/** Whether `value` names a role. */
export function isRole (value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value)
}

/** The mask of a role list. */
export function rolesToMask (roles: readonly Role[]): number {
  let mask = 0
  for (const role of roles) mask |= ROLE_BITS[role]
  return mask
}

/** The role names of a mask, in {@link ROLES} order. */
export function maskToRoles (mask: number): Role[] {
  return ROLES.filter(role => (mask & ROLE_BITS[role]) !== 0)
}

/** Mask of the roles an issuer with mask `issuer` (or {@link ROOT_ISSUER}) may grant. */
export function issuableMask (issuer: number): number {
  if (issuer === ROOT_ISSUER) return ALL
  let mask = 0
  if ((issuer & (ROLE_BITS.creator | ROLE_BITS.administrator)) !== 0) mask |= ADMIN_ISSUES
  if ((issuer & ROLE_BITS['inviting-member']) !== 0) mask |= INVITER_ISSUES
  return mask
}

/** Whether an issuer with mask `issuer` (or {@link ROOT_ISSUER}) may grant every role in `subject`. */
export function mayIssue (issuer: number, subject: number): boolean {
  return subject !== 0 && (subject & ~issuableMask(issuer)) === 0
}

/** Whether a holder of `roles` may issue certificates at all (its GMC is then a CA certificate). */
export function canIssueAny (mask: number): boolean {
  return issuableMask(mask) !== 0
}

/**
 * Checks and normalises a role list from an API caller: known names, at least one, no
 * duplicates; returns them in {@link ROLES} order. Throws `INVALID_ROLE_PROPERTY`.
 */
export function normalizeRoles (roles: readonly unknown[]): Role[] {
  if (roles.length === 0) throw new PeerhoodError('INVALID_ROLE_PROPERTY', 'at least one role is required')
  for (const role of roles) {
    if (!isRole(role)) throw new PeerhoodError('INVALID_ROLE_PROPERTY', 'unknown role', { details: { role } })
  }
  const mask = rolesToMask(roles as Role[])
  if (maskToRoles(mask).length !== roles.length) throw new PeerhoodError('INVALID_ROLE_PROPERTY', 'duplicate role', { details: { roles } })
  return maskToRoles(mask)
}

const parsedRoleLists = new Map<string, number>()

/**
 * The mask of a `+`-joined role list as written in a subjectAltName URI, or 0 if it is not a
 * canonical list (known names, in {@link ROLES} order, no duplicates). Results are memoised:
 * only 15 lists are valid.
 */
export function parseRoleList (text: string): number {
  const known = parsedRoleLists.get(text)
  if (known !== undefined) return known
  const names = text.split('+')
  let mask = 0
  if (!names.every(isRole)) return 0
  mask = rolesToMask(names)
  if (maskToRoles(mask).join('+') !== text) return 0
  parsedRoleLists.set(text, mask)
  return mask
}

/** The canonical `+`-joined form of a role mask. */
export function formatRoleList (mask: number): string {
  return maskToRoles(mask).join('+')
}
