/**
 * Peer ids as callers give them: a PeerId or its string form.
 */
import type { PeerId } from '@libp2p/interface'
import { peerIdFromString } from '@libp2p/peer-id'
import { PeerhoodError } from '../common/errors.ts'

/** The PeerId of `peer`; throws `INVALID_PEER_ID` for a string that is not one. */
export function toPeerId (peer: PeerId | string): PeerId {
  if (typeof peer !== 'string') return peer
  try {
    return peerIdFromString(peer)
  } catch (err) {
    throw new PeerhoodError('INVALID_PEER_ID', 'not a peer id', { details: { peer }, cause: err })
  }
}
