/**
 * The record hash: SHA-256 of the encoded SignedRecord. It is also the record's gossip message id
 * (the group topic's content-hash id), so on gossip arrival the two can be one computation:
 * the message-id function calls {@link sharedRecordHash}, which remembers the digest against the
 * bytes object (weakly: it goes when the bytes go), and a decoded record of those same bytes
 * takes its `hash` from there instead of hashing 1 KB again.
 */
import { createHash } from 'node:crypto'

const remembered = new WeakMap<Uint8Array, Uint8Array>()

/** SHA-256 of encoded SignedRecord bytes: the gossip message id and sync content hash. */
export function recordHash (bytes: Uint8Array): Uint8Array {
  return Uint8Array.from(createHash('sha256').update(bytes).digest())
}

/**
 * {@link recordHash}, remembered for this bytes object, for a gossip message-id function
 * (`msgIdFn: msg => sharedRecordHash(msg.data)`): ingress of the same message then reads the
 * digest back instead of hashing again. The bytes must not be changed afterwards.
 */
export function sharedRecordHash (bytes: Uint8Array): Uint8Array {
  let hash = remembered.get(bytes)
  if (hash === undefined) {
    hash = recordHash(bytes)
    remembered.set(bytes, hash)
  }
  return hash
}

/** The hash {@link sharedRecordHash} remembered for this bytes object, if any. */
export function rememberedRecordHash (bytes: Uint8Array): Uint8Array | undefined {
  return remembered.get(bytes)
}
