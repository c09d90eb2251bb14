/**
 * `members()`: this node, then every other member with a known credential and not revoked, the
 * present ones first, with their presence addresses (kept out of `peer-groups.ts`).
 */
import type { MemberInfo } from '../certificates/chain-result.ts'
import type { GroupDatabase } from '../records/database.ts'
import type { GroupRecord } from '../records/types.ts'
import { PRESENCE_RECORD_TYPE } from './constants.ts'
import { decodePresence, isPresent } from './presence.ts'
import type { GroupMember } from './types.ts'

/** What the member list is made from. */
export interface MemberListSource {
  db: GroupDatabase
  self: MemberInfo
  /** Every other member's newest known credential. */
  known: MemberInfo[]
  /** Whether the member is proven on a connection now. */
  isConnected: (peerId: string) => boolean
  /** Whether the member is revoked (issue 15): it is not listed, present or not. */
  isRevoked: (peerId: string) => boolean
  now: number
  /** Only members whose presence is live. @default false */
  present?: boolean
}

/** The group's members as `members()` lists them. */
export async function listMembers (src: MemberListSource): Promise<GroupMember[]> {
  const presence = new Map<string, GroupRecord>()
  for await (const record of src.db.list({ type: PRESENCE_RECORD_TYPE })) presence.set(record.creator, record)
  const entry = (m: MemberInfo, self: boolean): GroupMember => {
    const record = presence.get(m.peerId)
    const present = isPresent(record, src.now)
    return {
      ...m,
      self,
      connected: self || src.isConnected(m.peerId),
      present,
      addresses: present ? decodePresence(record!.data)?.addresses ?? [] : []
    }
  }
  const others = src.known.filter(m => m.peerId !== src.self.peerId && !src.isRevoked(m.peerId)).map(m => entry(m, false))
  others.sort((a, b) => Number(b.present) - Number(a.present) || a.peerId.localeCompare(b.peerId))
  const all = [entry(src.self, true), ...others]
  return src.present === true ? all.filter(m => m.present) : all
}
