/**
 * The worker thread of {@link Ed25519VerifyPool}: verifies packed batches of Ed25519 checks
 * (`ed25519-batch.ts`) with {@link ed25519Verify} and answers one byte per check (1 valid, 0 not).
 */
import { parentPort } from 'node:worker_threads'
import { unpackChecks } from './ed25519-batch.ts'
import { ed25519Verify } from './ed25519-verify.ts'

/** A batch as the pool posts it. */
export interface VerifyRequest {
  id: number
  packed: Uint8Array
}

/** A worker's answer: one byte per check, or why the batch could not be read. */
export interface VerifyResponse {
  id: number
  results?: Uint8Array
  error?: string
}

/** Verifies one packed batch: one byte per check. Throws `RangeError` on a truncated batch. */
export function verifyPacked (packed: Uint8Array): Uint8Array {
  const checks = unpackChecks(packed)
  const results = new Uint8Array(checks.length)
  checks.forEach((check, i) => { results[i] = ed25519Verify(check.publicKey, check.message, check.signature) ? 1 : 0 })
  return results
}

parentPort?.on('message', (request: VerifyRequest) => {
  let response: VerifyResponse
  try {
    response = { id: request.id, results: verifyPacked(request.packed) }
  } catch (err) {
    response = { id: request.id, error: (err as Error).message }
  }
  parentPort!.postMessage(response, response.results === undefined ? [] : [response.results.buffer as ArrayBuffer])
})
