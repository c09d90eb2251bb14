/**
 * Blinded group ids: each side of a handshake hashes its group ids with both sides' fresh
 * nonces, so a peer learns only the groups it already knows the id of, and a captured handshake
 * cannot be replayed or linked to another.
 */
import { createHash } from 'node:crypto'

const DOMAIN = new TextEncoder().encode('peerhood/membership/blind/v1\n')

/** blind(groupId) = sha256(domain ‖ initiatorNonce ‖ responderNonce ‖ utf8(groupId)). */
export function blindGroupId (groupId: string, initiatorNonce: Uint8Array, responderNonce: Uint8Array): Uint8Array {
  return createHash('sha256').update(DOMAIN).update(initiatorNonce).update(responderNonce).update(groupId, 'utf8').digest()
}

/** Key for maps of blinded ids. */
export function blindKey (blinded: Uint8Array): string {
  return Buffer.from(blinded).toString('base64')
}

/** Maps each of `groupIds` by its blinded key. */
export function blindAll (groupIds: Iterable<string>, initiatorNonce: Uint8Array, responderNonce: Uint8Array): Map<string, string> {
  const out = new Map<string, string>()
  for (const id of groupIds) out.set(blindKey(blindGroupId(id, initiatorNonce, responderNonce)), id)
  return out
}
