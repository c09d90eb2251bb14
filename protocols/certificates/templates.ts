/**
 * The three certificate shapes Peerhood writes, all X.509 v3 with Ed25519 keys:
 *
 * | | GRC (group root) | GMC, may issue | GMC, leaf | IDC (identity) |
 * |---|---|---|---|---|
 * | subject | `CN=<group name>, serialNumber=<authority>` | `CN=<display name>, serialNumber=<peerId>` | same | same |
 * | issuer | itself | parent's subject | parent's subject | itself |
 * | basicConstraints (critical) | cA, pathLen 23 | cA, pathLen 23 − depth | not cA | not cA |
 * | keyUsage (critical) | keyCertSign, digitalSignature | keyCertSign, digitalSignature | digitalSignature | digitalSignature |
 * | subjectKeyIdentifier | its key | its key | its key | its key |
 * | authorityKeyIdentifier | (none: self-signed) | parent's key | parent's key | (none: self-signed) |
 * | subjectAltName URI | `peerhood:grc:…` | `peerhood:gmc:…` | `peerhood:gmc:…` | `peerhood:identity:…` |
 * | private extensions | type, group id | type, group id, roles | type, group id, roles | type |
 *
 * `depth` counts GMCs: the creator's GMC is depth 1, so the GRC's path length lets exactly
 * {@link MAX_CHAIN_GMCS} GMCs hang below it and `openssl verify` enforces the limit too. A GMC at
 * depth 24 is a leaf whatever its roles, since nothing may be issued below it.
 */
import { createPublicKey, type KeyObject } from 'node:crypto'
import { PeerhoodError } from '../common/errors.ts'
import {
  basicConstraintsExtension, keyUsageExtension, signCertificate, subjectAltNameUriExtension, subjectName
} from './certificate-builder.ts'
import { MAX_CHAIN_GMCS } from './constants.ts'
import { certificateTypeExtension, groupIdExtension, rolesExtension } from './extensions.ts'
import { authorityKeyIdentifierExtension, subjectKeyIdentifierExtension } from './key-identifiers.ts'
import { canIssueAny } from './roles.ts'
import { gmcUri, grcUri, identityUri } from './uris.ts'

/** Most characters in a display or friendly name (Windows: 255). */
export const MAX_NAME_LENGTH = 255

/** Validity and serial shared by every template; times in epoch milliseconds, whole seconds. */
export interface ValidityInit {
  /** 16-byte serial number, hex. */
  serialNumber: string
  /** Start of validity. */
  notBefore: number
  /** End of validity. */
  notAfter: number
}

/** Inputs of {@link buildRootCertificate}. */
export interface RootCertificateInit extends ValidityInit {
  /** The group root key (signs itself). */
  rootKey: KeyObject
  /** Its raw 32-byte public key. */
  rootPublicKey: Uint8Array
  /** Group id (its authority must be the hash of `rootPublicKey`). */
  groupId: string
  /** Group friendly name, written as the CN. */
  friendlyName: string
}

/** Inputs of {@link buildMemberCertificate}. */
export interface MemberCertificateInit extends ValidityInit {
  /** The issuer's private key. */
  issuerKey: KeyObject
  /** The issuer certificate's subject name, DER. */
  issuerName: Uint8Array
  /** Raw 32-byte Ed25519 public key of the member (its libp2p key). */
  subjectPublicKey: Uint8Array
  /** The member's PeerId (of `subjectPublicKey`). */
  peerId: string
  /** Display name, written as the CN. */
  displayName: string
  /** Group id. */
  groupId: string
  /** Role mask. */
  roles: number
  /** Position below the GRC: 1 for a GMC the GRC signs. */
  depth: number
}

/** Inputs of {@link buildIdentityCertificate}. */
export interface IdentityCertificateTemplateInit extends ValidityInit {
  /** The identity's private key (signs itself). */
  key: KeyObject
  /** Its raw 32-byte public key. */
  publicKey: Uint8Array
  /** Its PeerId. */
  peerId: string
  /** Display name, written as the CN. */
  displayName: string
}

/** Checks a display or friendly name; throws `INVALID_FRIENDLY_NAME`. */
export function checkName (name: string): string {
  if (typeof name !== 'string' || name.length === 0 || name.length > MAX_NAME_LENGTH) {
    throw new PeerhoodError('INVALID_FRIENDLY_NAME', `a name is 1 to ${MAX_NAME_LENGTH} characters`, { details: { length: name?.length } })
  }
  return name
}

/** Whether a GMC at `depth` with `roles` is a CA certificate, and its path length. */
export function caShape (roles: number, depth: number): { ca: boolean, pathLen?: number } {
  if (!canIssueAny(roles) || depth >= MAX_CHAIN_GMCS) return { ca: false }
  return { ca: true, pathLen: MAX_CHAIN_GMCS - 1 - depth }
}

/** The raw 32-byte public key of an Ed25519 private key (the issuer's, for its key identifier). */
function rawPublicKeyOf (privateKey: KeyObject): Uint8Array {
  return Buffer.from(createPublicKey(privateKey).export({ format: 'jwk' }).x!, 'base64url')
}

/** Builds the self-signed group root certificate; returns its DER. */
export function buildRootCertificate (init: RootCertificateInit): Uint8Array {
  const name = subjectName(checkName(init.friendlyName), init.groupId.split('.')[0]!)
  return signCertificate({
    serialNumber: init.serialNumber,
    issuer: name,
    subject: name,
    notBefore: init.notBefore,
    notAfter: init.notAfter,
    subjectPublicKey: init.rootPublicKey,
    extensions: [
      basicConstraintsExtension(true, MAX_CHAIN_GMCS - 1),
      keyUsageExtension({ digitalSignature: true, keyCertSign: true }),
      subjectKeyIdentifierExtension(init.rootPublicKey),
      subjectAltNameUriExtension(grcUri(init.groupId)),
      certificateTypeExtension('root'),
      groupIdExtension(init.groupId)
    ]
  }, init.rootKey)
}

/** Builds a group member certificate signed by its issuer; returns its DER. */
export function buildMemberCertificate (init: MemberCertificateInit): Uint8Array {
  const { ca, pathLen } = caShape(init.roles, init.depth)
  return signCertificate({
    serialNumber: init.serialNumber,
    issuer: init.issuerName,
    subject: subjectName(checkName(init.displayName), init.peerId),
    notBefore: init.notBefore,
    notAfter: init.notAfter,
    subjectPublicKey: init.subjectPublicKey,
    extensions: [
      basicConstraintsExtension(ca, pathLen),
      keyUsageExtension({ digitalSignature: true, keyCertSign: ca }),
      subjectKeyIdentifierExtension(init.subjectPublicKey),
      authorityKeyIdentifierExtension(rawPublicKeyOf(init.issuerKey)),
      subjectAltNameUriExtension(gmcUri(init.groupId, init.roles, init.peerId)),
      certificateTypeExtension('member'),
      groupIdExtension(init.groupId),
      rolesExtension(init.roles)
    ]
  }, init.issuerKey)
}

/** Builds a self-signed identity certificate; returns its DER. */
export function buildIdentityCertificate (init: IdentityCertificateTemplateInit): Uint8Array {
  const name = subjectName(checkName(init.displayName), init.peerId)
  return signCertificate({
    serialNumber: init.serialNumber,
    issuer: name,
    subject: name,
    notBefore: init.notBefore,
    notAfter: init.notAfter,
    subjectPublicKey: init.publicKey,
    extensions: [
      basicConstraintsExtension(false),
      keyUsageExtension({ digitalSignature: true }),
      subjectKeyIdentifierExtension(init.publicKey),
      subjectAltNameUriExtension(identityUri(init.peerId)),
      certificateTypeExtension('identity')
    ]
  }, init.key)
}
