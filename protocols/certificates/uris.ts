/**
 * The subjectAltName URIs that carry what a validator must read, where node:crypto's native
 * parser shows it (`X509Certificate.subjectAltName`), as SPIFFE carries workload identities:
 *
 * - group root (GRC):       `peerhood:grc:<groupId>`
 * - group member (GMC):     `peerhood:gmc:<groupId>:<roles>:<peerId>`
 * - identity (IDC):         `peerhood:identity:<peerId>`
 *
 * `<groupId>` is percent-encoded (`encodeURIComponent`; only a non-ASCII classifier changes),
 * `<roles>` is the `+`-joined role list in canonical order (`creator+administrator`), `<peerId>`
 * is base58btc. No field contains `,`, `"`, `'` or `\`, so Node never quotes the entry.
 * Each certificate carries exactly one subjectAltName entry.
 */
import { PEERHOOD_URI_SCHEME, type CertificateType } from './constants.ts'
import { formatRoleList, parseRoleList } from './roles.ts'

const PREFIX = `URI:${PEERHOOD_URI_SCHEME}:`

/** What a Peerhood subjectAltName URI says. */
export interface PeerhoodUri {
  /** Certificate type. */
  type: CertificateType
  /** Group id as written in the URI (percent-encoded); `''` for identity certificates. */
  encodedGroupId: string
  /** Role mask (see `roles.ts`); 0 for roots and identities. */
  roles: number
  /** Subject PeerId; `''` for roots. */
  peerId: string
}

/** The group id as it appears inside a URI. */
export function encodeGroupIdForUri (groupId: string): string {
  return encodeURIComponent(groupId)
}

/** URI of a group root certificate. */
export function grcUri (groupId: string): string {
  return `${PEERHOOD_URI_SCHEME}:grc:${encodeGroupIdForUri(groupId)}`
}

/** URI of a group member certificate. */
export function gmcUri (groupId: string, roles: number, peerId: string): string {
  return `${PEERHOOD_URI_SCHEME}:gmc:${encodeGroupIdForUri(groupId)}:${formatRoleList(roles)}:${peerId}`
}

/** URI of an identity certificate. */
export function identityUri (peerId: string): string {
  return `${PEERHOOD_URI_SCHEME}:identity:${peerId}`
}

/**
 * Reads the text of `X509Certificate.subjectAltName`; undefined unless it is exactly one
 * well-formed Peerhood URI.
 */
export function parseSubjectAltName (san: string | undefined): PeerhoodUri | undefined {
  if (san === undefined || !san.startsWith(PREFIX) || san.includes(', ')) return undefined
  const parts = san.slice(PREFIX.length).split(':')
  switch (parts[0]) {
    case 'gmc': {
      if (parts.length !== 4) return undefined
      const roles = parseRoleList(parts[2]!)
      if (roles === 0 || parts[1] === '' || parts[3] === '') return undefined
      return { type: 'member', encodedGroupId: parts[1]!, roles, peerId: parts[3]! }
    }
    case 'grc':
      if (parts.length !== 2 || parts[1] === '') return undefined
      return { type: 'root', encodedGroupId: parts[1]!, roles: 0, peerId: '' }
    case 'identity':
      if (parts.length !== 2 || parts[1] === '') return undefined
      return { type: 'identity', encodedGroupId: '', roles: 0, peerId: parts[1]! }
    default:
      return undefined
  }
}
