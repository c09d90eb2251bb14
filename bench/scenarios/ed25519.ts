/**
 * The limit every other figure is divided by: raw Ed25519 sign and verify per second with
 * node:crypto and cached KeyObjects, on a 256-byte message.
 */
import { generateKeyPairSync, sign, verify } from 'node:crypto'
import { type BenchResult, type MeasureOptions, measureRate } from '../harness.ts'

/** Raw Ed25519 verifications per second (cached KeyObject, 256-byte message). */
export function rawVerifyRate (options: MeasureOptions = {}): number {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519')
  const message = new Uint8Array(256).fill(7)
  const signature = sign(null, message, privateKey)
  return measureRate(() => { verify(null, message, publicKey, signature) }, options)
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
    { scenario: 'ed25519/verify/msg=256B', params: { op: 'verify', messageBytes: 256 }, value: rawVerifyRate(), unit: 'ops/s' }
  ]
}
