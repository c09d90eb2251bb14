/**
 * The subjectAltName URIs that carry what a validator must read, as SPIFFE carries workload
 * identities (the validator reads them with `profile-reader.ts`; tools may read node:crypto's
 * `X509Certificate.subjectAltName` text with {@link parseSubjectAltName}):
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

const PREFIX = `${PEERHOOD_URI_SCHEME}:`

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
  if (san === undefined || !san.startsWith('URI:') || san.includes(', ')) return undefined
  return parsePeerhoodUri(san.slice(4))
}

/** Reads one Peerhood URI (`peerhood:…`); undefined unless it is well formed. */
export function parsePeerhoodUri (uri: string): PeerhoodUri | undefined {
  if (!uri.startsWith(PREFIX)) return undefined
  // indexOf rather than split: this runs for every certificate of every chain validated
  const kind = uri.indexOf(':', PREFIX.length)
  if (kind === -1) return undefined
  const first = uri.indexOf(':', kind + 1)
  switch (uri.slice(PREFIX.length, kind)) {
    case 'gmc': {
      const second = uri.indexOf(':', first + 1)
      if (first === -1 || second === -1 || uri.indexOf(':', second + 1) !== -1) return undefined
      const roles = parseRoleList(uri.slice(first + 1, second))
      if (roles === 0 || first === kind + 1 || second === uri.length - 1) return undefined
      return { type: 'member', encodedGroupId: uri.slice(kind + 1, first), roles, peerId: uri.slice(second + 1) }
    }
    case 'grc':
      if (first !== -1 || kind === uri.length - 1) return undefined
      return { type: 'root', encodedGroupId: uri.slice(kind + 1), roles: 0, peerId: '' }
    case 'identity':
      if (first !== -1 || kind === uri.length - 1) return undefined
      return { type: 'identity', encodedGroupId: '', roles: 0, peerId: uri.slice(kind + 1) }
    default:
      return undefined
  }
}
