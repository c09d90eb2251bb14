/**
 * The record hash: SHA-256 of the encoded SignedRecord, the record's content id in sync and in
 * the parked set. Gossip messages are bundles of records, so their message ids are not record
 * hashes.
 */
import { hash } from 'node:crypto'

/** SHA-256 of encoded SignedRecord bytes: the sync content hash (a plain Uint8Array). */
export function recordHash (bytes: Uint8Array): Uint8Array {
  // one call, no Hash object (about a fifth less than createHash().update().digest() for 1 KB)
  const digest = hash('sha256', bytes, 'buffer')
  return new Uint8Array(digest.buffer, digest.byteOffset, digest.byteLength)
}
