/**
 * The member list (Windows' PeerGroupEnumMembers): every member whose credential this node
 * knows, with whether it is connected now and online by its presence record. Pure over what it
 * is given.
 */
import type { MemberInfo } from '../certificates/chain-result.ts'
import type { GroupRecord } from '../records/types.ts'
import { decodePresence, isPresent } from './presence.ts'
import type { GroupMember } from './types.ts'

/** What {@link listMembers} reads. */
export interface MemberListInput {
  /** This node's membership. */
  self: MemberInfo
  /** Every member the credential registry knows (this node included or not). */
  known: readonly MemberInfo[]
  /** The group's presence records. */
  presence: AsyncIterable<GroupRecord>
  /** Whether a member is proven on a connection now. */
  isConnected: (peerId: string) => boolean
  /** Epoch milliseconds. */
  now: number
  /** Only members online by their presence. @default false */
  presentOnly?: boolean
}

/** This node first, then the others, online ones first, each by PeerId. */
export async function listMembers (input: MemberListInput): Promise<GroupMember[]> {
  const presence = new Map<string, GroupRecord>()
  for await (const record of input.presence) presence.set(record.creator, record)
  const entry = (m: MemberInfo, self: boolean): GroupMember => {
    const record = presence.get(m.peerId)
    const present = isPresent(record, input.now)
    return {
      ...m,
      self,
      connected: self || input.isConnected(m.peerId),
      present,
      addresses: present ? decodePresence(record!.data)?.addresses ?? [] : []
    }
  }
  const others = input.known.filter(m => m.peerId !== input.self.peerId).map(m => entry(m, false))
  others.sort((a, b) => Number(b.present) - Number(a.present) || a.peerId.localeCompare(b.peerId))
  const all = [entry(input.self, true), ...others]
  return input.presentOnly === true ? all.filter(m => m.present) : all
}
