/**
 * Peerhood's private, non-critical X.509 extensions under `PEERHOOD_OID_ARC` (constants.ts). They repeat
 * what the subjectAltName URI says, for tools (`openssl x509 -text` prints them) and for readers
 * that prefer typed fields; validators read the URI (see `uris.ts`), and the profile reader only
 * demands that these repeat it.
 *
 * ```asn1
 * certificateType ::= INTEGER { member(1), root(2), identity(3) }   -- OID_CERTIFICATE_TYPE
 * groupId         ::= UTF8String                                     -- OID_GROUP_ID
 * roles           ::= SEQUENCE OF UTF8String                         -- OID_ROLES
 * ```
 */
import { extension } from './certificate-builder.ts'
import { readChildren, readElement, sequence, smallInteger, utf8String } from './der.ts'
import { CERTIFICATE_TYPE, OID_CERTIFICATE_TYPE, OID_GROUP_ID, OID_ROLES, type CertificateType } from './constants.ts'
import { maskToRoles } from './roles.ts'

/** The certificate type extension. */
export function certificateTypeExtension (type: CertificateType): Uint8Array {
  return extension(OID_CERTIFICATE_TYPE, false, smallInteger(CERTIFICATE_TYPE[type]))
}

/** The group id extension. */
export function groupIdExtension (groupId: string): Uint8Array {
  return extension(OID_GROUP_ID, false, utf8String(groupId))
}

/** The roles extension (role names in canonical order). */
export function rolesExtension (roles: number): Uint8Array {
  return extension(OID_ROLES, false, sequence(...maskToRoles(roles).map(utf8String)))
}

/** Decoded values of the private extensions. */
export interface PeerhoodExtensions {
  /** Certificate type, if the extension is present and known. */
  type?: CertificateType
  /** Group id, if present. */
  groupId?: string
  /** Role names, if present (unchecked: may name unknown roles). */
  roles?: string[]
}

/** Decodes the private extensions from `(oid, value)` pairs (see `certificate-reader.ts`). */
export function decodePeerhoodExtensions (extensions: ReadonlyArray<{ oid: string, value: Uint8Array }>): PeerhoodExtensions {
  const out: PeerhoodExtensions = {}
  const decoder = new TextDecoder('utf-8', { fatal: true })
  for (const { oid, value } of extensions) {
    const top = readElement(value, 0)
    if (oid === OID_CERTIFICATE_TYPE && top.tag === 0x02) {
      const n = value.subarray(top.start, top.end).reduce((acc, b) => acc * 256 + b, 0)
      const name = (Object.keys(CERTIFICATE_TYPE) as CertificateType[]).find(k => CERTIFICATE_TYPE[k] === n)
      if (name !== undefined) out.type = name
    } else if (oid === OID_GROUP_ID && top.tag === 0x0c) {
      out.groupId = decoder.decode(value.subarray(top.start, top.end))
    } else if (oid === OID_ROLES && top.tag === 0x30) {
      out.roles = readChildren(value, top).map(el => decoder.decode(value.subarray(el.start, el.end)))
    }
  }
  return out
}
