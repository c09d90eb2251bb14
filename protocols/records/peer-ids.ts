/**
 * Record signers are Ed25519 PeerIds, whose multihash is an identity hash that carries the public
 * key itself: `0x00 0x24` (identity, 36 bytes) + protobuf `PublicKey { Type: Ed25519, Data: 32 B }`.
 * So a receiver derives the verification key from the record, with no lookup.
 */
import { fromString as uint8ArrayFromString } from 'uint8arrays/from-string'
import { toString as uint8ArrayToString } from 'uint8arrays/to-string'
import { PeerhoodError } from '../common/errors.ts'
import { BytesCache } from './bytes-cache.ts'

const ED25519_IDENTITY_PREFIX = Uint8Array.of(0x00, 0x24, 0x08, 0x01, 0x12, 0x20)

/** Bytes of an Ed25519 PeerId multihash. */
export const ED25519_PEER_ID_BYTES = ED25519_IDENTITY_PREFIX.length + 32

const STRING_CACHE_SIZE = 4096
const toText = new BytesCache<string>(STRING_CACHE_SIZE, bytes => uint8ArrayToString(bytes, 'base58btc'))

/** Whether `bytes[start..end)` (all of `bytes` by default) is the multihash of an Ed25519 PeerId. */
export function isEd25519PeerIdBytes (bytes: Uint8Array, start = 0, end = bytes.length): boolean {
  if (end - start !== ED25519_PEER_ID_BYTES) return false
  for (let i = 0; i < ED25519_IDENTITY_PREFIX.length; i++) {
    if (bytes[start + i] !== ED25519_IDENTITY_PREFIX[i]) return false
  }
  return true
}

/** The raw 32-byte Ed25519 public key inside an Ed25519 PeerId multihash (a view, not a copy). */
export function publicKeyOfPeerIdBytes (bytes: Uint8Array): Uint8Array {
  return bytes.subarray(ED25519_IDENTITY_PREFIX.length)
}

/**
 * The base58btc text of the PeerId multihash `bytes[start..end)` (all of `bytes` by default),
 * cached: a group has few signers.
 */
export function peerIdBytesToString (bytes: Uint8Array, start = 0, end = bytes.length): string {
  return toText.get(bytes, start, end)
}

/** The multihash bytes of an Ed25519 PeerId given as base58btc text; throws `INVALID_PEER_ID`. */
export function peerIdStringToBytes (peerId: string): Uint8Array {
  let bytes: Uint8Array
  try {
    bytes = uint8ArrayFromString(peerId, 'base58btc')
  } catch (err) {
    throw new PeerhoodError('INVALID_PEER_ID', 'not a base58btc PeerId', { cause: err, details: { peerId } })
  }
  if (!isEd25519PeerIdBytes(bytes)) throw new PeerhoodError('INVALID_PEER_ID', 'not an Ed25519 PeerId', { details: { peerId } })
  return bytes
}
