/**
 * node:crypto public keys of certificate issuers, kept between chain validations. Importing a
 * key (even as PEM, node's cheapest form) costs about a tenth of the signature check it serves,
 * and a group's chains share their upper links: one creator and a few administrators issue every
 * member's GMC, so a node validating members' chains checks signatures of the same few keys again
 * and again. The cache maps the 32 raw key bytes to the KeyObject made from exactly those bytes,
 * so it can never hand out another key; it remembers no verdict, and every signature is still
 * checked each time a chain is read cold.
 */
import { createPublicKey, type KeyObject } from 'node:crypto'
import { spkiToPem } from './keys.ts'

/** Most issuer keys kept; the one imported longest ago goes first. An attacker cycling keys only costs us re-imports. */
export const MAX_ISSUER_KEYS = 1024

const keys = new Map<string, KeyObject>()

/**
 * The KeyObject of the Ed25519 key whose raw bytes are `keyId` (base64url) and whose
 * SubjectPublicKeyInfo is `spki`; imported on first use.
 */
export function issuerKey (keyId: string, spki: Uint8Array): KeyObject {
  let key = keys.get(keyId)
  if (key === undefined) {
    key = createPublicKey(spkiToPem(spki))
    if (keys.size >= MAX_ISSUER_KEYS) keys.delete(keys.keys().next().value!)
    keys.set(keyId, key)
  }
  return key
}

/** How many issuer keys are kept now (for tests and the bench). */
export function issuerKeyCount (): number {
  return keys.size
}

/** Forgets every issuer key (the bench's fully cold figure). */
export function clearIssuerKeys (): void {
  keys.clear()
}
