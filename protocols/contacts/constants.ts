/**
 * Constants of contacts and contact cards. Sizes in bytes unless the name says characters.
 */

/** Prefix of a contact card's text form. */
export const CARD_PREFIX = 'peerhood1:contact:'

/** Domain the card signature covers before the body, so no other Peerhood signature can pass for a card. */
export const CARD_SIGNATURE_DOMAIN = 'peerhood/contact/v1\n'

/** The card format version this code writes and reads. */
export const CARD_VERSION = 1

/** `format` of a card's JSON form. */
export const CARD_JSON_FORMAT = 'peerhood-contact-card'

/** Longest card text accepted, in characters (a card is about 1.5 KB). */
export const MAX_CARD_LENGTH = 16 * 1024

/** Most addresses a card carries. */
export const MAX_CARD_ADDRESSES = 16

/** Longest address in a card, in characters. */
export const MAX_ADDRESS_LENGTH = 256

/** Longest nickname, display name, e-mail or endpoint name, in characters (Windows: 255). */
export const MAX_NAME_CHARS = 255

/** Most contacts one node keeps (bounds memory and the datastore). */
export const MAX_CONTACTS = 10_000

/** Domain the endpoint certificate signature covers before the body (no other signature can pass for one). */
export const ENDPOINT_CERT_SIGNATURE_DOMAIN = 'peerhood/endpoint/v1\n'

/** The endpoint certificate format version this code writes and reads. */
export const ENDPOINT_CERT_VERSION = 1

/** Lifetime of an endpoint certificate this node issues, in milliseconds (7 days). */
export const ENDPOINT_CERT_LIFETIME_MS = 7 * 24 * 3600_000

/** Longest lifetime accepted, in milliseconds (30 days): a leaked endpoint key stops counting by then. */
export const MAX_ENDPOINT_CERT_LIFETIME_MS = 30 * 24 * 3600_000

/** Clock skew tolerated on an endpoint certificate's issue time, in milliseconds. */
export const ENDPOINT_CERT_SKEW_MS = 5 * 60_000

/** Largest endpoint certificate read, in bytes (one is about 130). */
export const MAX_ENDPOINT_CERT_BYTES = 512

/** Domain the endpoint revocation signature covers before the body (no certificate or card signature can pass for one). */
export const ENDPOINT_REVOCATION_SIGNATURE_DOMAIN = 'peerhood/endpoint-revocation/v1\n'

/** The endpoint revocation format version this code writes and reads. */
export const ENDPOINT_REVOCATION_VERSION = 1

/** Longest revocation reason, in characters. */
export const MAX_REVOCATION_REASON_CHARS = 255

/** Largest endpoint revocation read, in bytes (about 140 plus the reason's UTF-8, at most 4 bytes a character). */
export const MAX_ENDPOINT_REVOCATION_BYTES = 1280
