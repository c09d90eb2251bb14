/**
 * Subject and Authority Key Identifiers (RFC 5280 §4.2.1.1–2), which `openssl verify
 * -x509_strict` demands: every certificate names its own key, every GMC its issuer's.
 *
 * ```asn1
 * subjectKeyIdentifier   ::= OCTET STRING (20 bytes)                 -- 2.5.29.14, non-critical
 * authorityKeyIdentifier ::= SEQUENCE { keyIdentifier [0] (20 bytes) } -- 2.5.29.35, non-critical
 * ```
 *
 * The identifier is RFC 5280's method (1): SHA-1 over the subjectPublicKey BIT STRING's value,
 * for Ed25519 the 32 raw key bytes (what `openssl x509 -text` computes as `hash`). SHA-1 is only
 * a name here, not a security mechanism: each signature is still checked with the parent's key.
 * Both extensions have one fixed length, so the profile reader matches a fixed prefix and
 * compares 20 bytes.
 */
import { hash } from 'node:crypto'
import { extension } from './certificate-builder.ts'
import { octetString, sequence, tlv } from './der.ts'

/** Bytes of a key identifier (a SHA-1 digest). */
export const KEY_IDENTIFIER_BYTES = 20

/** The subjectKeyIdentifier extension. */
export const OID_SUBJECT_KEY_IDENTIFIER = '2.5.29.14'
/** The authorityKeyIdentifier extension. */
export const OID_AUTHORITY_KEY_IDENTIFIER = '2.5.29.35'

/** The key identifier of a raw 32-byte Ed25519 public key. */
export function keyIdentifier (rawPublicKey: Uint8Array): Buffer {
  return hash('sha1', rawPublicKey, 'buffer')
}

/** The non-critical subjectKeyIdentifier extension naming `rawPublicKey`. */
export function subjectKeyIdentifierExtension (rawPublicKey: Uint8Array): Uint8Array {
  return extension(OID_SUBJECT_KEY_IDENTIFIER, false, octetString(keyIdentifier(rawPublicKey)))
}

/** The non-critical authorityKeyIdentifier extension naming the issuer's key (keyIdentifier only). */
export function authorityKeyIdentifierExtension (issuerRawPublicKey: Uint8Array): Uint8Array {
  return extension(OID_AUTHORITY_KEY_IDENTIFIER, false, sequence(tlv(0x80, keyIdentifier(issuerRawPublicKey))))
}

/** An extension's DER up to its 20 identifier bytes (its last 20 bytes are the identifier). */
function prefixOf (ext: Uint8Array): Uint8Array {
  return ext.subarray(0, ext.length - KEY_IDENTIFIER_BYTES)
}

/** DER of a subjectKeyIdentifier extension before its identifier. */
export const SUBJECT_KEY_IDENTIFIER_PREFIX = prefixOf(subjectKeyIdentifierExtension(new Uint8Array(32)))

/** DER of an authorityKeyIdentifier extension before its identifier. */
export const AUTHORITY_KEY_IDENTIFIER_PREFIX = prefixOf(authorityKeyIdentifierExtension(new Uint8Array(32)))
