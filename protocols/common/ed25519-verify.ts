/**
 * One Ed25519 check for every signature a peer sends (records, invitations, contact cards,
 * endpoint certificates): {@link isStrictEd25519} first, then the equation, by libsodium
 * (`sodium-native`) where its prebuilt addon loads and by node:crypto (OpenSSL) where it does not.
 * Both accept exactly the same signatures once the strict rules have passed.
 *
 * Why libsodium: on the 2-core VM it checks a 1 KB record's signature in 74–80 µs where
 * node:crypto takes 150–160 µs (OpenSSL builds an EVP context per call); a cold join of 10,000
 * records spends most of its CPU here.
 */
import { verify as opensslVerify, type KeyObject } from 'node:crypto'
import { createRequire } from 'node:module'
import { BytesCache } from '../records/bytes-cache.ts'
import { rawEd25519PublicKeyObject } from './ed25519-public-key.ts'
import { isStrictEd25519 } from './ed25519-strict.ts'

/** The part of sodium-native this module calls. */
interface Libsodium {
  crypto_sign_verify_detached: (signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array) => boolean
}

/** Which library checks the equation: `libsodium` when `sodium-native` loads, else `node:crypto`. */
export type Ed25519Backend = 'libsodium' | 'node:crypto'

function loadLibsodium (): Libsodium | undefined {
  try {
    return createRequire(import.meta.url)('sodium-native') as Libsodium
  } catch {
    return undefined
  }
}

const libsodium = loadLibsodium()

/** Public keys node:crypto keeps imported (only when libsodium is missing). */
const NODE_KEY_CACHE_SIZE = 1024
let nodeKeys: BytesCache<KeyObject> | undefined

/** The library in use in this process. */
export const ed25519Backend: Ed25519Backend = libsodium === undefined ? 'node:crypto' : 'libsodium'

/** The equation by node:crypto, after the strict rules (exported so tests can hold both libraries to one answer). */
export function verifyWithNodeCrypto (publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean {
  if (!isStrictEd25519(publicKey, signature)) return false
  nodeKeys ??= new BytesCache(NODE_KEY_CACHE_SIZE, rawEd25519PublicKeyObject)
  try {
    return opensslVerify(null, message, nodeKeys.get(publicKey), signature)
  } catch {
    return false
  }
}

/** The equation by libsodium, after the strict rules; `undefined` when sodium-native is not installed. */
export const verifyWithLibsodium: ((publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array) => boolean) | undefined =
  libsodium === undefined
    ? undefined
    : (publicKey, message, signature) => isStrictEd25519(publicKey, signature) && libsodium.crypto_sign_verify_detached(signature, message, publicKey)

/**
 * Whether `signature` is the raw 32-byte `publicKey`'s Ed25519 signature of `message`, by the
 * strict rules. Never throws: malformed input is simply not a valid signature.
 */
export const ed25519Verify: (publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array) => boolean =
  verifyWithLibsodium ?? verifyWithNodeCrypto
