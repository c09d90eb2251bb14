/**
 * The People Near Me service as collaboration consumes it (the contract with
 * `protocols/people-near-me/`, copied here so this folder compiles alone; the node points it at
 * the real module when both are present).
 */
import type { TypedEventTarget } from '@libp2p/interface'

/** One person seen on the local network by mDNS. */
export interface NearPerson {
  /** Stable id for this endpoint (derived from the PeerId). */
  id: string
  /** The PeerId that the mDNS announcement named (unproven until a libp2p connection proves it). */
  peerId: string
  /** Advertised nickname, ≤ 255 characters (proves nothing). */
  nickname: string
  /** Advertised endpoint (machine) name, ≤ 255 characters. */
  endpointName: string
  /** Advertised multiaddrs, as text. */
  addresses: string[]
  /** When the last announcement or refresh was seen, ms since the epoch. */
  lastSeen: number
}

/** Events of People Near Me. */
export interface PeopleNearMeEvents {
  /** Someone signed in to near, signed out, renamed or dropped off the network. */
  'near:changed': CustomEvent<{ change: 'added' | 'removed' | 'updated', person: NearPerson }>
}

/** The People Near Me service, registered in libp2p's services as `peopleNearMe`. */
export interface PeopleNearMe extends TypedEventTarget<PeopleNearMeEvents> {
  /** Start (or update) advertising this endpoint; `undefined` stops (mDNS goodbye). */
  advertise (info: { nickname: string, endpointName: string } | undefined): Promise<void>
  /** Whether this endpoint is currently advertised. */
  readonly advertising: boolean
  /** Everyone currently seen (never this node itself). */
  list (): NearPerson[]
  /** One entry by its id (or by PeerId text), or undefined. */
  get (idOrPeerId: string): NearPerson | undefined
}
