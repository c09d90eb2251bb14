/** "Infinite" lifetime, as Windows defines it: 1000 years, in milliseconds (the GRC and creator's GMC). */
export const INFINITE_LIFETIME_MS = 1000 * 365.25 * 24 * 3600 * 1000

/**
 * A lifetime or expiry asked as "infinite": as long as the issuer's own certificate. Not a
 * number of milliseconds, because "1000 years from now" always outlives an issuer made earlier.
 */
export const INFINITE = 'infinite'

/** Milliseconds, or {@link INFINITE}. */
export type LifetimeMs = number | typeof INFINITE

/** URI scheme of the subjectAltName entries Peerhood writes. */
export const PEERHOOD_URI_SCHEME = 'peerhood'

/**
 * Most Group Member Certificates below the group root in one chain (Windows: a chain
 * "cannot be longer than 24"; creator → A → B → M has length 4).
 */
export const MAX_CHAIN_GMCS = 24

/** Length of certificate serial numbers, in bytes (Windows used exactly 16). */
export const SERIAL_NUMBER_BYTES = 16

/**
 * Peerhood's private OID arc. An OID under `2.25` is a UUID written as one decimal integer
 * (ITU-T X.667), so it needs no registration. Derived once from the random (v4) UUID
 * `7f797402-fd65-49c9-abb8-0f3a34ed37c0`:
 * `BigInt('0x7f797402fd6549c9abb80f3a34ed37c0').toString()`.
 */
export const PEERHOOD_OID_ARC = '2.25.169442576380959536069637384732282795968'

/** Extension `certificateType ::= INTEGER { member(1), root(2), identity(3) }` (numbers as Windows'). */
export const OID_CERTIFICATE_TYPE = `${PEERHOOD_OID_ARC}.1`

/** Extension `groupId ::= UTF8String`, in every GRC and GMC. */
export const OID_GROUP_ID = `${PEERHOOD_OID_ARC}.2`

/** Extension `roles ::= SEQUENCE OF UTF8String` (role names), in every GMC. */
export const OID_ROLES = `${PEERHOOD_OID_ARC}.3`

/** Values of the certificate type extension (as Windows numbered them). */
export const CERTIFICATE_TYPE = { member: 1, root: 2, identity: 3 } as const

/** A certificate type name. */
export type CertificateType = keyof typeof CERTIFICATE_TYPE
