/**
 * The encoding rules every Ed25519 signature a peer sends must meet before its equation is
 * checked, whichever library checks it. libsodium (`crypto_sign_verify_detached`) refuses a
 * public key that is not canonical or has small order, an `R` of small order and an `S` that is
 * not below the group order; OpenSSL refuses the last, and only its newer versions (3.5, in Node 24)
 * the others. A member could sign with `R` the identity point (`S = k·a`), which the equation
 * accepts: two nodes with different libraries would disagree on such a record and offer it to
 * each other forever. With these checks first, every library accepts exactly the same signatures.
 *
 * Pure functions over the bytes; the constants are the curve's, not any library's.
 */

/** The seven encodings (sign bit of x ignored) of points whose order divides 8, as libsodium lists them. */
const SMALL_ORDER_ENCODINGS: readonly Uint8Array[] = [
  // 0 (order 4)
  new Uint8Array(32),
  // 1 (order 1, the identity)
  Uint8Array.from([1, ...new Array<number>(31).fill(0)]),
  // order 8
  Uint8Array.from([0x26, 0xe8, 0x95, 0x8f, 0xc2, 0xb2, 0x27, 0xb0, 0x45, 0xc3, 0xf4, 0x89, 0xf2, 0xef, 0x98, 0xf0, 0xd5, 0xdf, 0xac, 0x05, 0xd3, 0xc6, 0x33, 0x39, 0xb1, 0x38, 0x02, 0x88, 0x6d, 0x53, 0xfc, 0x05]),
  // order 8
  Uint8Array.from([0xc7, 0x17, 0x6a, 0x70, 0x3d, 0x4d, 0xd8, 0x4f, 0xba, 0x3c, 0x0b, 0x76, 0x0d, 0x10, 0x67, 0x0f, 0x2a, 0x20, 0x53, 0xfa, 0x2c, 0x39, 0xcc, 0xc6, 0x4e, 0xc7, 0xfd, 0x77, 0x92, 0xac, 0x03, 0x7a]),
  // p − 1 (order 2)
  Uint8Array.from([0xec, ...new Array<number>(30).fill(0xff), 0x7f]),
  // p, a non-canonical 0 (order 4)
  Uint8Array.from([0xed, ...new Array<number>(30).fill(0xff), 0x7f]),
  // p + 1, a non-canonical 1 (order 1)
  Uint8Array.from([0xee, ...new Array<number>(30).fill(0xff), 0x7f])
]

/** The order L of the prime-order subgroup, little-endian: 2^252 + 27742317777372353535851937790883648493. */
const GROUP_ORDER = Uint8Array.from([
  0xed, 0xd3, 0xf5, 0x5c, 0x1a, 0x63, 0x12, 0x58, 0xd6, 0x9c, 0xf7, 0xa2, 0xde, 0xf9, 0xde, 0x14,
  0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x10
])

/** Whether the 32 bytes at `offset` encode a point of small order (the sign bit ignored). */
export function hasSmallOrder (bytes: Uint8Array, offset = 0): boolean {
  return SMALL_ORDER_ENCODINGS.some(encoding => {
    for (let i = 0; i < 31; i++) if (bytes[offset + i] !== encoding[i]) return false
    return (bytes[offset + 31]! & 0x7f) === encoding[31]
  })
}

/** Whether a 32-byte point encoding's y is below p = 2^255 − 19 (the only encoding of that point). */
export function isCanonicalPoint (bytes: Uint8Array): boolean {
  if ((bytes[31]! & 0x7f) !== 0x7f) return true
  for (let i = 30; i > 0; i--) if (bytes[i] !== 0xff) return true
  return bytes[0]! < 0xed
}

/** Whether the 32 little-endian bytes at `offset` are an integer below the group order L. */
export function isCanonicalScalar (bytes: Uint8Array, offset = 0): boolean {
  for (let i = 31; i >= 0; i--) {
    const b = bytes[offset + i]!
    if (b !== GROUP_ORDER[i]) return b < GROUP_ORDER[i]!
  }
  return false
}

/**
 * Whether a raw 32-byte public key and a 64-byte signature (`R || S`) meet the rules above: the
 * key canonical and not of small order, `R` not of small order, `S` below L. Anything else
 * cannot be accepted by either library, or would be accepted by only one of them.
 */
export function isStrictEd25519 (publicKey: Uint8Array, signature: Uint8Array): boolean {
  return publicKey.byteLength === 32 && signature.byteLength === 64 &&
    isCanonicalPoint(publicKey) && !hasSmallOrder(publicKey) &&
    !hasSmallOrder(signature, 0) && isCanonicalScalar(signature, 32)
}
