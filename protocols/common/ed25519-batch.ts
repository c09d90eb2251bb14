/**
 * The wire format between {@link Ed25519VerifyPool} and its worker threads: a batch of Ed25519
 * checks packed into one buffer, so a batch crosses to a thread as one transferred ArrayBuffer
 * (no structured clone of each record, no copy of the page that the records are views of).
 *
 * Each check is `u32 message length (big-endian) || 32-byte public key || 64-byte signature ||
 * message`, one after the other. Pure functions, shared by both sides.
 */

/** Bytes of an Ed25519 public key. */
export const ED25519_PUBLIC_KEY_BYTES = 32
/** Bytes of an Ed25519 signature. */
export const ED25519_SIGNATURE_BYTES = 64
const HEADER_BYTES = 4 + ED25519_PUBLIC_KEY_BYTES + ED25519_SIGNATURE_BYTES

/** One Ed25519 check: whether `signature` is `publicKey`'s signature of `message`. */
export interface Ed25519Check {
  /** Raw 32-byte public key. */
  publicKey: Uint8Array
  /** The signed message (the domain prefix included, where the protocol has one). */
  message: Uint8Array
  /** 64-byte signature. */
  signature: Uint8Array
}

/**
 * Whether a check can be packed: a 32-byte key and a 64-byte signature (anything else cannot
 * verify, and is answered false without a thread).
 */
export function packable (check: Ed25519Check): boolean {
  return check.publicKey.byteLength === ED25519_PUBLIC_KEY_BYTES && check.signature.byteLength === ED25519_SIGNATURE_BYTES
}

/**
 * Packs checks (each {@link packable}) into one buffer. `prefix`, when given, is written before
 * each message (a signature domain), so callers need not build each message.
 */
export function packChecks (checks: readonly Ed25519Check[], prefix: Uint8Array = new Uint8Array(0)): Uint8Array {
  let total = 0
  for (const check of checks) total += HEADER_BYTES + prefix.byteLength + check.message.byteLength
  const packed = new Uint8Array(total)
  const view = new DataView(packed.buffer)
  let at = 0
  for (const check of checks) {
    view.setUint32(at, prefix.byteLength + check.message.byteLength)
    packed.set(check.publicKey, at + 4)
    packed.set(check.signature, at + 4 + ED25519_PUBLIC_KEY_BYTES)
    at += HEADER_BYTES
    packed.set(prefix, at)
    packed.set(check.message, at + prefix.byteLength)
    at += prefix.byteLength + check.message.byteLength
  }
  return packed
}

/** The checks of a packed batch, as views (no copies); throws `RangeError` on a truncated batch. */
export function unpackChecks (packed: Uint8Array): Ed25519Check[] {
  const view = new DataView(packed.buffer, packed.byteOffset, packed.byteLength)
  const checks: Ed25519Check[] = []
  for (let at = 0; at < packed.byteLength;) {
    if (at + HEADER_BYTES > packed.byteLength) throw new RangeError('truncated check header')
    const length = view.getUint32(at)
    const end = at + HEADER_BYTES + length
    if (end > packed.byteLength) throw new RangeError('truncated check message')
    checks.push({
      publicKey: packed.subarray(at + 4, at + 4 + ED25519_PUBLIC_KEY_BYTES),
      signature: packed.subarray(at + 4 + ED25519_PUBLIC_KEY_BYTES, at + HEADER_BYTES),
      message: packed.subarray(at + HEADER_BYTES, end)
    })
    at = end
  }
  return checks
}
