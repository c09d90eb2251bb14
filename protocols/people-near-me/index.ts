/**
 * People Near Me (Windows' `PeerCollabEnumPeopleNearMe` and `PEER_PEOPLE_NEAR_ME`): who on the
 * local network is signed in to the `near` scope, with a nickname, an endpoint name, a PeerId and
 * addresses, found by mDNS on the node's existing `@libp2p/mdns` responder.
 *
 * - `advertise({ nickname, endpointName })` adds the names to this node's mDNS answers and
 *   announces at once; `advertise(undefined)` sends a goodbye. Not advertising, the node answers
 *   mDNS exactly as before (PeerId and addresses, no names).
 * - `list()` / `get(id | peerId)` and `near:changed` (`added`, `updated`, `removed`) report the
 *   others. A person is removed on a goodbye, on an answer without names (signed out), or after
 *   `staleAfterMs` without a refresh (3 query periods: 30 s by default).
 * - Nicknames prove nothing: an entry is a hint. The PeerId of a libp2p connection to one of its
 *   addresses is what counts. The list is bounded per sender network and in total.
 *
 * Names travel in one TXT record of the instance, as `pnm=1`, `pnm-n<i>=<UTF-8 chunk>` (nickname)
 * and `pnm-e<i>=<chunk>` (endpoint name), each string at most 255 bytes.
 *
 * ```ts
 * services: { mdns: mdns({ serviceTag, interval }), peopleNearMe: peopleNearMe({ serviceTag, queryIntervalMs: interval }) }
 * ```
 */
import { type PeopleNearMeComponents, PeopleNearMeService } from './people-near-me.ts'
import type { PeopleNearMe, PeopleNearMeInit } from './types.ts'

export {
  MAX_NAME_LENGTH, MAX_PEOPLE_PER_NETWORK, MAX_PEOPLE_TOTAL, MISSED_REFRESHES
} from './constants.ts'
export { decodeNames, encodeNames, nameRefusal, nearId, staleAfterMs, type NearNames, type NameRefusal } from './rules.ts'
export type { PeopleNearMeComponents } from './people-near-me.ts'
export type * from './types.ts'

/** People Near Me as a libp2p service factory; register it after the mDNS service. */
export function peopleNearMe (init: PeopleNearMeInit = {}): (components: PeopleNearMeComponents) => PeopleNearMe {
  return (components) => new PeopleNearMeService(components, init)
}
