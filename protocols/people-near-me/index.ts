/**
 * People Near Me (Windows' `PeerCollabEnumPeopleNearMe` and `PEER_PEOPLE_NEAR_ME`): who on the
 * local network is signed in to the `near` scope, with a nickname, an endpoint name, a PeerId and
 * addresses, found by mDNS on the node's existing `@libp2p/mdns` responder.
 *
 * - `advertise({ nickname, endpointName })` adds the names to this node's mDNS answers and
 *   announces at once; `advertise(undefined)` sends a goodbye. Not advertising, the node answers
 *   mDNS exactly as before (PeerId and addresses, no names).
 * - `list()` / `get(id | peerId)` and `near:changed` (`added`, `updated`, `removed`) report the
 *   others. A person is removed on a goodbye, on an answer without names (signed out), or
 *   `staleAfterMs` (3 query periods) without a refresh, by a sweep every half period: 3 to 3.5
 *   periods after the last refresh, 30–35 s with the default 10 s period.
 * - Nicknames prove nothing: an entry is a hint. The PeerId of a libp2p connection to one of its
 *   addresses is what counts. The list is bounded per sender network and in total, and changes
 *   are paced (64 a second after a burst of 256).
 *
 * Names travel in one TXT record of the instance, as `pnm=1`, `pnm-n<i>=<UTF-8 chunk>` (nickname)
 * and `pnm-e<i>=<chunk>` (endpoint name), each string at most 255 bytes.
 *
 * ```ts
 * services: { mdns: mdns({ serviceTag, interval }), peopleNearMe: peopleNearMe({ serviceTag, queryIntervalMs: interval }) }
 * ```
 */
import type { TypedEventTarget } from '@libp2p/interface'
import { type PeopleNearMeComponents, PeopleNearMeService } from './people-near-me.ts'

export {
  MAX_NAME_LENGTH, MAX_PEOPLE_PER_NETWORK, MAX_PEOPLE_TOTAL, MISSED_REFRESHES
} from './constants.ts'
export { decodeNames, encodeNames, nameRefusal, nearId, staleAfterMs, type NearNames, type NameRefusal } from './rules.ts'
export type { PeopleNearMeComponents } from './people-near-me.ts'

/** One person seen on the local network by mDNS. */
export interface NearPerson {
  /** Stable id for this endpoint (derived from the PeerId: 16 lowercase base32 characters of a hash). */
  id: string
  /** The PeerId that the mDNS announcement named (unproven until a libp2p connection proves it). */
  peerId: string
  /** Advertised nickname, ≤ 255 characters (proves nothing). */
  nickname: string
  /** Advertised endpoint (machine) name, ≤ 255 characters; may be empty. */
  endpointName: string
  /** Advertised multiaddrs, as text, each ending in `/p2p/<peerId>`. */
  addresses: string[]
  /** When the last announcement or refresh was seen, ms since the epoch. */
  lastSeen: number
}

/** Detail of `near:changed`. */
export interface NearChangedDetail {
  /** `added`: signed in to near (or first seen); `updated`: renamed or moved; `removed`: signed out, goodbye or missed refreshes. */
  change: 'added' | 'removed' | 'updated'
  /** The person as now (for `removed`: as last seen). */
  person: NearPerson
}

/** Events of {@link PeopleNearMe}. */
export interface PeopleNearMeEvents {
  /** Someone signed in to near, signed out, renamed or dropped off the network. */
  'near:changed': CustomEvent<NearChangedDetail>
}

/** The People Near Me service, registered in libp2p's services as `peopleNearMe`. */
export interface PeopleNearMe extends TypedEventTarget<PeopleNearMeEvents> {
  /**
   * Start (or update) advertising this endpoint in People Near Me; `undefined` stops (mDNS
   * goodbye). Codes: `INVALID_ARGUMENT` (a name refused by the rules: empty nickname, over 255
   * characters, control or bidirectional-override characters).
   */
  advertise (info: { nickname: string, endpointName: string } | undefined): Promise<void>
  /** Whether this endpoint is currently advertised. */
  readonly advertising: boolean
  /** Everyone currently seen (never this node itself), oldest first. */
  list (): NearPerson[]
  /** One entry by its id (or by PeerId text), or undefined. */
  get (idOrPeerId: string): NearPerson | undefined
}

/** Options of the `peopleNearMe()` service. */
export interface PeopleNearMeInit {
  /** mDNS service tag; must be the mDNS service's own. @default "_peerhood._udp.local" */
  serviceTag?: string
  /** The mDNS service's query period, in milliseconds: refreshes are expected at this pace. @default 10000 */
  queryIntervalMs?: number
  /**
   * After how long without a refresh a person is removed, in milliseconds.
   * @default 3 × queryIntervalMs
   */
  staleAfterMs?: number
  /** Name of the `@libp2p/mdns` service in libp2p's services whose responder is used. @default "mdns" */
  mdnsService?: string
  /** Most people kept from one sender network (IPv4 /24, IPv6 /64). @default 64 */
  maxPerNetwork?: number
  /** Most people kept in total. @default 256 */
  maxTotal?: number
}

/** People Near Me as a libp2p service factory; register it after the mDNS service. */
export function peopleNearMe (init: PeopleNearMeInit = {}): (components: PeopleNearMeComponents) => PeopleNearMe {
  return (components) => new PeopleNearMeService(components, init)
}
