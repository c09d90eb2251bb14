/**
 * Where a contact signed in to `internet` is found in the DHT. JS DHT servers answer peer
 * routing (`FIND_NODE`) from their routing table, which holds DHT servers only, so a contact in
 * client mode (any node behind NAT) is not found by its PeerId alone: it also provides a content
 * id derived from its PeerId, and its watchers look up that content id's providers. Every
 * endpoint of an identity also provides the identity's content id, so a watcher finds the
 * endpoints no card of the contact names (what a PNRP lookup of the identity gave Windows).
 */
import { createHash } from 'node:crypto'
import { peerIdFromString } from '@libp2p/peer-id'
import { CID } from 'multiformats/cid'
import * as Digest from 'multiformats/hashes/digest'

const RAW_CODEC = 0x55
const SHA2_256 = 0x12

/** The rendezvous content id of an endpoint: CIDv1 raw, sha256('peerhood/collab-endpoint/v1\n' ‖ peerId). */
export function endpointCid (peerId: string): CID {
  const digest = createHash('sha256').update('peerhood/collab-endpoint/v1\n').update(peerId, 'utf8').digest()
  return CID.createV1(RAW_CODEC, Digest.create(SHA2_256, digest))
}

/**
 * The rendezvous content id of an identity: CIDv1 raw, sha256('peerhood/collab-identity/v1\n' ‖
 * the identity's Ed25519 public key, 32 bytes raw, as in the endpoint certificate). Anyone who
 * knows the identity's public key (any holder of its card) computes it. Undefined for a PeerId
 * that carries no Ed25519 key (identities are Ed25519).
 */
export function identityCid (identity: string): CID | undefined {
  let key: Uint8Array | undefined
  try {
    const publicKey = peerIdFromString(identity).publicKey
    key = publicKey?.type === 'Ed25519' ? publicKey.raw : undefined
  } catch {
    // not a PeerId
    return undefined
  }
  if (key === undefined) return undefined
  const digest = createHash('sha256').update('peerhood/collab-identity/v1\n').update(key).digest()
  return CID.createV1(RAW_CODEC, Digest.create(SHA2_256, digest))
}
