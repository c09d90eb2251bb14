/**
 * DHT rendezvous (what PNRP's `<group>.participant` names did): every member provides a content
 * id derived from the group id, and a joiner finds members with `findProviders`. The DHT is
 * libp2p's Kademlia; nothing home-made.
 */
import { createHash } from 'node:crypto'
import { CID } from 'multiformats/cid'
import * as Digest from 'multiformats/hashes/digest'

const RAW_CODEC = 0x55
const SHA2_256 = 0x12

/** The rendezvous content id of a group: CIDv1 raw, sha256('peerhood/rendezvous/v1\n' ‖ groupId). */
export function rendezvousCid (groupId: string): CID {
  const digest = createHash('sha256').update('peerhood/rendezvous/v1\n').update(groupId, 'utf8').digest()
  return CID.createV1(RAW_CODEC, Digest.create(SHA2_256, digest))
}
