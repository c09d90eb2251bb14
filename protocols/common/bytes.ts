/**
 * Byte comparisons shared by the protocols (record ingress, stored-record checks, sync digests,
 * reserved records), so each does not keep its own copy.
 */

/** Whether `a` and `b` hold the same bytes (views of different buffers may be equal). */
export function sameBytes (a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && Buffer.compare(a, b) === 0
}
