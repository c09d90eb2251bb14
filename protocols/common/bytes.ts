/**
 * Byte comparisons shared by the protocols (record ingress, stored-record checks, sync digests,
 * reserved records), so each does not keep its own copy.
 */

/** Whether `a` and `b` hold the same bytes (views of different buffers may be equal). */
export function sameBytes (a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && Buffer.compare(a, b) === 0
}

/** A cheap map key for short byte strings (one char per byte; cheaper than hex). */
export function bytesKey (bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1')
}
