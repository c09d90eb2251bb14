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
