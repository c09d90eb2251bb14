/**
 * Conversions between libp2p Ed25519 keys and WebCrypto / node:crypto keys, so a certificate is
 * signed by, and names, the very key that is the node's PeerId.
 */
import { webcrypto, createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto'
import { base58btc } from 'multiformats/bases/base58'
import type { Ed25519PrivateKey, Ed25519PublicKey, PrivateKey, PublicKey } from '@libp2p/interface'
import { PeerhoodError } from '../common/errors.ts'
import { rawEd25519Spki, SPKI_ED25519_PREFIX, spkiToPem } from '../common/ed25519-public-key.ts'

export { SPKI_ED25519_PREFIX, spkiToPem }

type CryptoKey = webcrypto.CryptoKey

const PKCS8_ED25519_PREFIX = Uint8Array.from(Buffer.from('302e020100300506032b657004220420', 'hex'))

/** A WebCrypto key pair over one Ed25519 key. */
export interface WebCryptoKeyPair {
  privateKey: CryptoKey
  publicKey: CryptoKey
}

function concat (a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length)
  out.set(a, 0)
  out.set(b, a.length)
  return out
}

function assertEd25519 (key: PrivateKey | PublicKey): asserts key is Ed25519PrivateKey | Ed25519PublicKey {
  if (key.type !== 'Ed25519') throw new PeerhoodError('INVALID_ARGUMENT', `expected an Ed25519 key, got ${key.type}`)
}

/** SubjectPublicKeyInfo DER of an Ed25519 public key (32 raw bytes or a libp2p key). */
export function ed25519Spki (publicKey: Uint8Array | PublicKey): Uint8Array {
  if (publicKey instanceof Uint8Array) return rawEd25519Spki(publicKey)
  assertEd25519(publicKey)
  return rawEd25519Spki(publicKey.raw)
}

/** A node:crypto public `KeyObject` for an Ed25519 public key (imported through {@link spkiToPem}). */
export function ed25519PublicKeyObject (publicKey: Uint8Array | PublicKey): KeyObject {
  return createPublicKey(spkiToPem(ed25519Spki(publicKey)))
}

/** Imports a libp2p Ed25519 private key into WebCrypto (sign) with its public half (verify). */
export async function toWebCryptoKeyPair (privateKey: PrivateKey): Promise<WebCryptoKeyPair> {
  assertEd25519(privateKey)
  const seed = privateKey.raw.subarray(0, 32)
  const [priv, pub] = await Promise.all([
    webcrypto.subtle.importKey('pkcs8', concat(PKCS8_ED25519_PREFIX, seed), { name: 'Ed25519' }, true, ['sign']),
    toWebCryptoPublicKey(privateKey.publicKey)
  ])
  return { privateKey: priv, publicKey: pub }
}

/** Imports a libp2p Ed25519 public key (or 32 raw bytes) into WebCrypto. */
export async function toWebCryptoPublicKey (publicKey: Uint8Array | PublicKey): Promise<CryptoKey> {
  return webcrypto.subtle.importKey('spki', ed25519Spki(publicKey), { name: 'Ed25519' }, true, ['verify'])
}

/** The raw 32 bytes of an Ed25519 public key (a libp2p key, or already raw). */
export function ed25519RawPublicKey (publicKey: Uint8Array | PublicKey): Uint8Array {
  if (publicKey instanceof Uint8Array) {
    if (publicKey.length !== 32) throw new PeerhoodError('INVALID_ARGUMENT', 'an Ed25519 public key is 32 bytes')
    return publicKey
  }
  assertEd25519(publicKey)
  return publicKey.raw
}

/** A node:crypto private `KeyObject` for a libp2p Ed25519 private key (for `crypto.sign`). */
export function ed25519PrivateKeyObject (privateKey: PrivateKey): KeyObject {
  assertEd25519(privateKey)
  return createPrivateKey({ key: Buffer.from(concat(PKCS8_ED25519_PREFIX, privateKey.raw.subarray(0, 32))), format: 'der', type: 'pkcs8' })
}

/**
 * An Ed25519 PeerId's bytes before the raw key: the identity multihash (code 0x00, 36 bytes) of
 * the protobuf `PublicKey { Type: Ed25519 (1), Data: <32 bytes> }` (libp2p peer-ids spec).
 */
const ED25519_PEER_ID_PREFIX = Uint8Array.of(0x00, 0x24, 0x08, 0x01, 0x12, 0x20)

/**
 * The PeerId (base58btc text) of an Ed25519 public key, as `@libp2p/peer-id` writes it, encoded
 * directly: the chain validator checks one on every chain it reads cold.
 */
export function ed25519PeerId (publicKey: Uint8Array | PublicKey): string {
  return base58btc.baseEncode(concat(ED25519_PEER_ID_PREFIX, ed25519RawPublicKey(publicKey)))
}
