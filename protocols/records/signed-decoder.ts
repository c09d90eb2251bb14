/**
 * The hot-path decoder of the `SignedRecord` envelope: the body and signature as views into the
 * input (the generated decoder allocates a Node Buffer per absent field). A test checks it reads
 * what the generated `SignedRecord.decode` reads.
 */
import type { SignedRecordParts } from './codec.ts'
import { LENGTH, WireError, WireReader } from './wire-reader.ts'

const EMPTY = new Uint8Array(0)

/** Decodes `SignedRecord` bytes; throws a {@link WireError} when they are not one. */
export function decodeSignedRecord (bytes: Uint8Array): SignedRecordParts {
  const reader = new WireReader(bytes)
  const out: SignedRecordParts = { body: EMPTY, signature: EMPTY }
  while (reader.pos < reader.end) {
    const tag = reader.uint32()
    const field = tag >>> 3
    if ((field === 1 || field === 2) && (tag & 7) !== LENGTH) throw new WireError(`field ${field} has the wrong wire type`)
    if (field === 1) out.body = reader.bytes()
    else if (field === 2) out.signature = reader.bytes()
    else reader.skip(tag & 7)
  }
  return out
}
