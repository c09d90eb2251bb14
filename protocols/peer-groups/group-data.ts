/**
 * A group's connections and data sends, over the membership and direct-data services (kept out
 * of `peer-groups.ts`).
 */
import { PeerhoodError } from '../common/errors.ts'
import type { DirectData } from '../direct-data/index.ts'
import type { MembershipService } from '../membership/membership.ts'
import type { GroupConnection } from './types.ts'

/** The neighbours (proven members connected now) and the direct connections of a group. */
export function groupConnections (groupId: string, membership: Pick<MembershipService, 'provenMembers'>, direct: Pick<DirectData, 'list'>): GroupConnection[] {
  const neighbours = membership.provenMembers(groupId).map(m => ({ kind: 'neighbour' as const, connectionId: `neighbour:${m.peerId}`, peerId: m.peerId }))
  const list = direct.list(groupId).map(c => ({ kind: 'direct' as const, ...c }))
  return [...neighbours, ...list]
}

/** Sends typed data to a neighbour (by PeerId or `neighbour:` id) or over a direct connection. */
export async function sendGroupData (
  direct: Pick<DirectData, 'send' | 'sendToNeighbour'>, self: string, groupId: string,
  to: { connectionId: string } | { peerId: string }, message: { type: string, data: Uint8Array }, signal?: AbortSignal
): Promise<void> {
  if (message.type.startsWith('peerhood.')) throw new PeerhoodError('INVALID_ARGUMENT', 'data types starting with peerhood. are reserved for the node', { details: { type: message.type } })
  const abort = signal === undefined ? {} : { signal }
  if ('peerId' in to) {
    if (to.peerId === self) throw new PeerhoodError('CONNECT_SELF', 'cannot send data to self')
    await direct.sendToNeighbour(groupId, to.peerId, message, abort)
    return
  }
  if (to.connectionId.startsWith('neighbour:')) await direct.sendToNeighbour(groupId, to.connectionId.slice('neighbour:'.length), message, abort)
  else await direct.send(groupId, to.connectionId, message, abort)
}
