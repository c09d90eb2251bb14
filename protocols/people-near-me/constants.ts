/**
 * Sizes, counts and times of People Near Me. Every limit bounds what one mDNS packet, one sender
 * network or the whole list may cost, because anyone on the link can send anything.
 */

/** Longest nickname or endpoint name, in UTF-16 code units (Windows' WCHAR count), as in `PEER_CONTACT`. */
export const MAX_NAME_LENGTH = 255

/** Longest single TXT string DNS allows (RFC 6763 §6.1), in bytes: one length byte encodes it. */
export const MAX_TXT_STRING_BYTES = 255

/** TXT string marking an announcement as People Near Me, version 1. */
export const PNM_MARKER = 'pnm=1'

/** Key prefix of the nickname's chunks (`pnm-n0=…`, `pnm-n1=…`). */
export const NICKNAME_KEY = 'pnm-n'

/** Key prefix of the endpoint name's chunks (`pnm-e0=…`). */
export const ENDPOINT_NAME_KEY = 'pnm-e'

/** Every People Near Me TXT string starts with this; other strings (e.g. `dnsaddr=`) are not ours. */
export const PNM_PREFIX = 'pnm'

/**
 * Most chunks one name may take. 255 UTF-16 units are at most 765 UTF-8 bytes, which fit in four
 * chunks of 248 bytes; a fifth chunk is hostile.
 */
export const MAX_NAME_CHUNKS = 4

/** Most TXT strings read from one mDNS packet; a packet with more is refused whole. */
export const MAX_TXT_STRINGS_PER_PACKET = 64

/** Most service PTR answers read from one mDNS packet; the rest are ignored. */
export const MAX_PTRS_PER_PACKET = 8

/** Most addresses kept per person; later ones are dropped. */
export const MAX_ADDRESSES_PER_PERSON = 16

/** Most people kept from one sender network (IPv4 /24, IPv6 /64); new ones beyond are refused. */
export const MAX_PEOPLE_PER_NETWORK = 64

/** Most people kept in total; new ones beyond are refused until others leave. */
export const MAX_PEOPLE_TOTAL = 256

/**
 * Changes (added, updated, removed by a packet) applied per second, sustained, over the whole
 * list: a flood of fake announcements, renames or goodbyes cannot turn into an unbounded stream
 * of `near:changed` events. A change over the budget is not applied, so real people converge at
 * their next answer; refreshes that change nothing are not counted.
 */
export const MAX_CHANGES_PER_SECOND = 64

/** Changes that may be applied at once before {@link MAX_CHANGES_PER_SECOND} paces them. */
export const CHANGE_BURST = 256

/**
 * Query periods without a refresh after which a person is removed. Every node queries once per
 * period and every advertising node answers every query, so three missed periods mean the host
 * is gone rather than one packet lost.
 */
export const MISSED_REFRESHES = 3

/** TTL of the TXT record carrying the names, in seconds (the same as the PeerId records). */
export const RECORD_TTL_SECONDS = 120

/** Default mDNS service tag, as in the node's config. */
export const DEFAULT_SERVICE_TAG = '_peerhood._udp.local'

/** Default mDNS query period, in milliseconds, as in the node's config. */
export const DEFAULT_QUERY_INTERVAL_MS = 10_000

/** Name of the mDNS libp2p service whose responder People Near Me rides on. */
export const DEFAULT_MDNS_SERVICE = 'mdns'

/** Domain separation of the stable id hash. */
export const ID_DOMAIN = 'peerhood/people-near-me/id/v1'

/** Bytes of the hash kept in the stable id (10 bytes: 16 base32 characters). */
export const ID_BYTES = 10
