/**
 * The worker thread of {@link Ed25519VerifyPool}: verifies packed batches of Ed25519 checks
 * (`ed25519-batch.ts`) with node:crypto and answers one byte per check (1 valid, 0 not).
 * Public keys are imported once and kept (a {@link BytesCache}).
 */
import { verify } from 'node:crypto'
import { parentPort } from 'node:worker_threads'
import { BytesCache } from '../records/bytes-cache.ts'
import { rawEd25519PublicKeyObject } from './ed25519-public-key.ts'
import { unpackChecks } from './ed25519-batch.ts'

/** Public keys a thread keeps imported. */
const KEY_CACHE_SIZE = 1024

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

const keys = new BytesCache(KEY_CACHE_SIZE, rawEd25519PublicKeyObject)

/** Verifies one packed batch: one byte per check. Throws `RangeError` on a truncated batch. */
export function verifyPacked (packed: Uint8Array): Uint8Array {
  const checks = unpackChecks(packed)
  const results = new Uint8Array(checks.length)
  checks.forEach((check, i) => {
    try {
      results[i] = verify(null, check.message, keys.get(check.publicKey), check.signature) ? 1 : 0
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
