/**
 * Whether a node is publicly reachable, as AutoNAT leaves its addresses, and what it holds on
 * relays: the figures `peerhood status` shows. The decision is a pure function of the addresses.
 */
import { isPrivate } from '@libp2p/utils'
import type { Multiaddr } from '@multiformats/multiaddr'
import { Circuit } from '@multiformats/multiaddr-matcher'
import type { Libp2p } from '@libp2p/interface'
import type { NodeStatus } from './types.ts'

/** Name of the relay server service on the libp2p node (`node.services.relay`). */
export const RELAY_SERVICE = 'relay'

/** `public`: AutoNAT confirmed a public address; `private`: no public address is left to try; `unknown`: public candidates not confirmed yet. */
export type Reachability = 'public' | 'private' | 'unknown'

/** One of the node's addresses as libp2p's address manager describes it. */
export interface AddressFacts {
  multiaddr: Multiaddr
  /** Confirmed reachable (AutoNAT) or taken as such. */
  verified: boolean
}

/** Whether an address could be reached from the internet (not private, loopback or relayed). */
export function isPublicAddress (ma: Multiaddr): boolean {
  if (Circuit.matches(ma)) return false
  try {
    return isPrivate(ma) === false
  } catch {
    return false
  }
}

/** The node's reachability from its addresses. */
export function reachability (addresses: readonly AddressFacts[]): Reachability {
  const candidates = addresses.filter(a => isPublicAddress(a.multiaddr))
  if (candidates.some(a => a.verified)) return 'public'
  return candidates.length === 0 ? 'private' : 'unknown'
}

/** The relays this node holds reservations on: the relay PeerIds of its own `/p2p-circuit` addresses. */
export function relayReservations (addresses: readonly Multiaddr[]): string[] {
  const relays = new Set<string>()
  for (const ma of addresses) {
    if (!Circuit.matches(ma)) continue
    const components = ma.getComponents()
    const circuit = components.findIndex(c => c.name === 'p2p-circuit')
    const relay = components.slice(0, circuit).findLast(c => c.name === 'p2p')?.value
    if (relay !== undefined) relays.add(relay)
  }
  return [...relays].sort()
}

/** A libp2p service that lends the address manager's facts to the node (`services.addresses`). */
export function addressFacts () {
  return (components: { addressManager: { getAddressesWithMetadata (): AddressFacts[] } }) => ({
    facts: (): AddressFacts[] => components.addressManager.getAddressesWithMetadata()
  })
}

/** Reachability, relay reservations and direct/relayed connection counts, for the node status. */
export function beyondStatus (libp2p: Libp2p<any>): Pick<NodeStatus, 'reachability' | 'relay' | 'connectionKinds'> {
  const facts = (libp2p.services.addresses as { facts?: () => AddressFacts[] } | undefined)?.facts?.() ?? []
  const relayed = libp2p.getConnections().filter(c => c.limits != null || Circuit.matches(c.remoteAddr)).length
  return {
    reachability: reachability(facts),
    relay: { server: libp2p.services[RELAY_SERVICE] !== undefined, reservations: relayReservations(libp2p.getMultiaddrs()) },
    connectionKinds: { direct: libp2p.getConnections().length - relayed, relayed }
  }
}
