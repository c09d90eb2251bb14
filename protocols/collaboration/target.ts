/**
 * What a user names an endpoint by: a PeerId, or a multiaddr ending in `/p2p/<peerId>`.
 */
import { peerIdFromString } from '@libp2p/peer-id'
import { multiaddr } from '@multiformats/multiaddr'
import { PeerhoodError } from '../common/errors.ts'

/** A PeerId text or a multiaddr with `/p2p/`: the PeerId and what to dial. Codes: `INVALID_PEER_ID`, `INVALID_MULTIADDR`. */
export function resolveTarget (peerOrAddress: string): { peerId: string, target: string } {
  if (typeof peerOrAddress === 'string' && peerOrAddress.startsWith('/')) {
    let peerId: string | null | undefined
    try { peerId = multiaddr(peerOrAddress).getComponents().findLast(c => c.name === 'p2p')?.value } catch { peerId = undefined }
    if (peerId === undefined || peerId === null) throw new PeerhoodError('INVALID_MULTIADDR', 'an endpoint address must be a multiaddr ending in /p2p/<peerId>')
    return { peerId, target: peerOrAddress }
  }
  try {
    return { peerId: peerIdFromString(peerOrAddress).toString(), target: peerOrAddress }
  } catch (err) {
    throw new PeerhoodError('INVALID_PEER_ID', 'not a PeerId', { cause: err, details: { peer: peerOrAddress } })
  }
}
