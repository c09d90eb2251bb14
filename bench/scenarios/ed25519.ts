/**
 * The limit every other figure is divided by: raw Ed25519 sign and verify per second on a
 * 256-byte message. Verify is the bare call of the library the node checks signatures with
 * ({@link ed25519Backend}: libsodium's `crypto_sign_verify_detached`, or node:crypto with a cached
 * KeyObject where sodium-native cannot load), without the strict encoding rules the node adds;
 * node:crypto's verify is reported beside it. Sign is node:crypto's (the node signs with it).
 */
import { generateKeyPairSync, sign, verify } from 'node:crypto'
import { createRequire } from 'node:module'
import { rawEd25519PublicKeyObject } from '../../protocols/common/ed25519-public-key.ts'
import { BytesCache } from '../../protocols/records/bytes-cache.ts'
import { ed25519Backend } from '../../protocols/common/ed25519-verify.ts'
import { type BenchResult, type MeasureOptions, measureRate } from '../harness.ts'

/** A bare Ed25519 verify: raw 32-byte key, message, signature. */
export type BareVerify = (publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array) => boolean

/** node:crypto's verify with one cached KeyObject per key. */
export function nodeCryptoBareVerify (): BareVerify {
  const keys = new BytesCache(1024, rawEd25519PublicKeyObject)
  return (publicKey, message, signature) => verify(null, message, keys.get(publicKey), signature)
}

/** The bare verify of the library the node uses ({@link ed25519Backend}). */
export function backendBareVerify (): BareVerify {
  if (ed25519Backend === 'node:crypto') return nodeCryptoBareVerify()
  const sodium = createRequire(import.meta.url)('sodium-native') as { crypto_sign_verify_detached: (s: Uint8Array, m: Uint8Array, k: Uint8Array) => boolean }
  return (publicKey, message, signature) => sodium.crypto_sign_verify_detached(signature, message, publicKey)
}

function oneSignature (): { publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array } {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519')
  const message = new Uint8Array(256).fill(7)
  return { publicKey: new Uint8Array(Buffer.from(publicKey.export({ format: 'jwk' }).x!, 'base64url')), message, signature: new Uint8Array(sign(null, message, privateKey)) }
}

/** Raw Ed25519 verifications per second by the node's library (256-byte message, one key). */
export function rawVerifyRate (options: MeasureOptions = {}, bare: BareVerify = backendBareVerify()): number {
  const { publicKey, message, signature } = oneSignature()
  return measureRate(() => { bare(publicKey, message, signature) }, options)
}

/** Raw Ed25519 signatures per second (cached KeyObject, 256-byte message). */
export function rawSignRate (options: MeasureOptions = {}): number {
  const { privateKey } = generateKeyPairSync('ed25519')
  const message = new Uint8Array(256).fill(7)
  return measureRate(() => { sign(null, message, privateKey) }, options)
}

/** Scenario `ed25519`. */
export const name = 'ed25519'

/** Runs the scenario. */
export async function run (): Promise<BenchResult[]> {
  return [
    { scenario: 'ed25519/sign/msg=256B', params: { op: 'sign', messageBytes: 256 }, value: rawSignRate(), unit: 'ops/s' },
    { scenario: 'ed25519/verify/msg=256B', params: { op: 'verify', messageBytes: 256, library: ed25519Backend }, value: rawVerifyRate(), unit: 'ops/s' },
    { scenario: 'ed25519/verify-node-crypto/msg=256B', params: { op: 'verify', messageBytes: 256, library: 'node:crypto' }, value: rawVerifyRate({}, nodeCryptoBareVerify()), unit: 'ops/s' }
  ]
}
