/**
 * Where a contact signed in to `internet` is found in the DHT. JS DHT servers answer peer
 * routing (`FIND_NODE`) from their routing table, which holds DHT servers only, so a contact in
 * client mode (any node behind NAT) is not found by its PeerId alone: it also provides a content
 * id derived from its PeerId, and its watchers look up that content id's providers.
 */
import { createHash } from 'node:crypto'
import { CID } from 'multiformats/cid'
import * as Digest from 'multiformats/hashes/digest'

const RAW_CODEC = 0x55
const SHA2_256 = 0x12

/** The rendezvous content id of an endpoint: CIDv1 raw, sha256('peerhood/collab-endpoint/v1\n' ‖ peerId). */
export function endpointCid (peerId: string): CID {
  const digest = createHash('sha256').update('peerhood/collab-endpoint/v1\n').update(peerId, 'utf8').digest()
  return CID.createV1(RAW_CODEC, Digest.create(SHA2_256, digest))
}
