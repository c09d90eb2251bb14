/**
 * Membership on connect: when two peers connect they find the groups they share without
 * revealing the others (tags keyed by each group's GRC key over fresh nonces and both PeerIds),
 * exchange GMC chains in a fixed order so neither shows one to a peer that holds none, and
 * validate them with the chain validator. Only proven members get a group's gossip, sync and data.
 *
 * ```ts
 * services: { membership: membership({ localMemberships, verifyChain }) }
 * ```
 */
import { type Membership, type MembershipComponents, MembershipService } from './membership.ts'
import type { MembershipInit } from './types.ts'

export { MEMBERSHIP_PROTOCOL } from './constants.ts'
export { groupKey, groupTag, type TagStep, type Transcript } from './blind.ts'
export type { Membership, MembershipComponents } from './membership.ts'
export type * from './types.ts'

/** The membership handshake as a libp2p service factory. */
export function membership (init: MembershipInit): (components: MembershipComponents) => Membership {
  return (components) => new MembershipService(components, init)
}
