/**
 * Constants of the invitation format. Sizes are in bytes or characters, times in milliseconds.
 */

/** Text prefix of every invitation. */
export const INVITATION_PREFIX = 'peerhood1:invitation:'

/** Format version this code writes and reads (`InvitationBody.version`). */
export const INVITATION_VERSION = 1

/** Domain separation of the issuer's signature: it signs `utf8(domain) ‖ body`. */
export const INVITATION_SIGNATURE_DOMAIN = 'peerhood/invitation/v1\n'

/** Longest invitation text accepted, in characters (a 25-certificate chain is about 20 KB of base64url). */
export const MAX_INVITATION_LENGTH = 128 * 1024

/** Most member addresses an invitation may carry. */
export const MAX_INVITATION_ADDRESSES = 32

/** Longest address, in characters. */
export const MAX_ADDRESS_LENGTH = 1024

/** Largest properties JSON, in bytes. */
export const MAX_PROPERTIES_BYTES = 8 * 1024

/** Most certificates in a carried chain (a GRC and 24 GMCs). */
export const MAX_INVITATION_CERTIFICATES = 25
