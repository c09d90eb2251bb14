/**
 * What the membership handshake needs from the node, and what it reports.
 */
import type { ChainResult, MemberInfo } from '../certificates/chain-result.ts'

/** A group this node is a member of, with the chain that proves it. */
export interface LocalMembership {
  /** The group id. */
  groupId: string
  /** GRC, GMC ... GMC (DER): this node's chain. */
  chain: Uint8Array[]
}

/** Options of the membership service. */
export interface MembershipInit {
  /** The groups this node is a member of now (called on every handshake). */
  localMemberships: () => LocalMembership[]
  /** Validates a presented chain for a group at `now` (the chain validator, with its cache). */
  verifyChain: (groupId: string, chain: Uint8Array[], now: number) => ChainResult
  /** Time source, in epoch milliseconds. @default Date.now */
  now?: () => number
  /** Time a whole handshake may take, in milliseconds. @default 10000 */
  timeoutMs?: number
}

/** A peer proved membership of a group (`member:proven`). */
export interface MemberProvenEvent {
  groupId: string
  peerId: string
  member: MemberInfo
}

/** A peer's membership ended: disconnected, its chain expired, this node left, or it was revoked (`member:lost`). */
export interface MemberLostEvent {
  groupId: string
  peerId: string
  reason: 'disconnected' | 'expired' | 'left' | 'revoked'
}

/** A peer presented a chain that was refused (`member:refused`). */
export interface MemberRefusedEvent {
  groupId: string
  peerId: string
  code: string
  reason: string
}

/** Events of the membership service. */
export interface MembershipEvents {
  'member:proven': CustomEvent<MemberProvenEvent>
  'member:lost': CustomEvent<MemberLostEvent>
  'member:refused': CustomEvent<MemberRefusedEvent>
}

/** Result of one handshake, from this side. */
export interface HandshakeResult {
  /** Groups both share (by id). */
  shared: string[]
  /** The peer's memberships whose proof was accepted. */
  proven: MemberInfo[]
  /** Groups whose proof was refused, with the code. */
  refused: Array<{ groupId: string, code: string, reason: string }>
}
