/**
 * The worker thread of {@link Ed25519VerifyPool}: verifies packed batches of Ed25519 checks
 * (`ed25519-batch.ts`) with node:crypto and answers one byte per check (1 valid, 0 not).
 * Public keys are imported once and kept ({@link RawKeyCache}).
 */
import { verify } from 'node:crypto'
import { parentPort } from 'node:worker_threads'
import { RawKeyCache } from './ed25519-public-key.ts'
import { unpackChecks } from './ed25519-batch.ts'

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

const keys = new RawKeyCache()

/** Verifies one packed batch: one byte per check. Throws `RangeError` on a truncated batch. */
export function verifyPacked (packed: Uint8Array): Uint8Array {
  const checks = unpackChecks(packed)
  const results = new Uint8Array(checks.length)
  checks.forEach((check, i) => {
    try {
      results[i] = verify(null, check.message, keys.keyOf(check.publicKey), check.signature) ? 1 : 0
    } catch {
      results[i] = 0
    }
  })
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
