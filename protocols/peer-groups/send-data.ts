/**
 * `sendData` (Windows' PeerGroupSendData): typed data to a neighbour (a proven member on any
 * connection) or over a direct connection, with the node's reserved types refused.
 */
import { PeerhoodError } from '../common/errors.ts'
import type { DirectData } from '../direct-data/index.ts'

/** Where the data goes: a direct connection or neighbour id, or a member's PeerId. */
export type DataTarget = { connectionId: string } | { peerId: string }

/** Sends `message` in `groupId` to `to`. Codes: `INVALID_ARGUMENT` (reserved type), `CONNECT_SELF`, and the direct-data codes. */
export async function sendGroupData (direct: DirectData, self: string, groupId: string, to: DataTarget, message: { type: string, data: Uint8Array }, signal?: AbortSignal): Promise<void> {
  if (message.type.startsWith('peerhood.')) throw new PeerhoodError('INVALID_ARGUMENT', 'data types starting with peerhood. are reserved for the node', { details: { type: message.type } })
  const abort = signal === undefined ? {} : { signal }
  if ('peerId' in to) {
    if (to.peerId === self) throw new PeerhoodError('CONNECT_SELF', 'cannot send data to self')
    await direct.sendToNeighbour(groupId, to.peerId, message, abort)
  } else if (to.connectionId.startsWith('neighbour:')) {
    await direct.sendToNeighbour(groupId, to.connectionId.slice('neighbour:'.length), message, abort)
  } else {
    await direct.send(groupId, to.connectionId, message, abort)
  }
}
