/**
 * The invitee's key from whatever the caller has: a libp2p public key, 32 raw bytes, a PeerId,
 * or a PeerId as text (an Ed25519 PeerId embeds its key, so the PeerId alone is enough).
 */
import type { PublicKey } from '@libp2p/interface'
import { peerIdFromString } from '@libp2p/peer-id'
import { PeerhoodError } from '../common/errors.ts'
import { ed25519RawPublicKey } from '../certificates/keys.ts'
import type { InviteeKey } from './types.ts'

function fromPeerIdText (text: string): PublicKey {
  let key: PublicKey | undefined
  try {
    key = peerIdFromString(text).publicKey
  } catch (err) {
    throw new PeerhoodError('INVALID_PEER_ID', 'not a PeerId', { cause: err, details: { peerId: text } })
  }
  if (key?.type !== 'Ed25519') throw new PeerhoodError('INVALID_PEER_ID', 'only Ed25519 PeerIds carry their key', { details: { peerId: text } })
  return key
}

/** The raw 32-byte Ed25519 key of an invitee; `INVALID_PEER_ID` / `INVALID_ARGUMENT` otherwise. */
export function inviteeRawKey (key: InviteeKey): Uint8Array {
  if (typeof key === 'string') return ed25519RawPublicKey(fromPeerIdText(key))
  if (key instanceof Uint8Array) return ed25519RawPublicKey(key)
  if ('raw' in key) return ed25519RawPublicKey(key)
  // a PeerId
  return ed25519RawPublicKey(fromPeerIdText(key.toString()))
}
