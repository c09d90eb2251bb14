/**
 * The record hash: SHA-256 of the encoded SignedRecord, the record's content id in sync and in
 * the parked set. Gossip messages are bundles of records, so their message ids are not record
 * hashes.
 */
import { createHash } from 'node:crypto'

/** SHA-256 of encoded SignedRecord bytes: the sync content hash. */
export function recordHash (bytes: Uint8Array): Uint8Array {
  return Uint8Array.from(createHash('sha256').update(bytes).digest())
}
