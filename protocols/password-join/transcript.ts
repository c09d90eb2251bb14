/**
 * The transcript MACs of password join, pure:
 *
 *   transcript(role) = field(MAC_DOMAIN) ‖ field(role) ‖ field(groupId) ‖ field(joinerPeerId)
 *                      ‖ field(adminPeerId) ‖ field(nonceJ) ‖ field(nonceA)
 *   field(x) = uint32be(len(x)) ‖ x            (strings as UTF-8, PeerIds as base58btc text)
 *   mac(role) = HMAC-SHA256(key, transcript(role)),  role ∈ { "client", "server" }
 *
 * Length prefixes make the encoding injective, so no two transcripts share bytes. The joiner
 * sends mac("client") to prove the password; the administrator answers mac("server") to prove
 * it holds the verifier too. Both PeerIds come from the noise-authenticated connection, and both
 * nonces are fresh, so a MAC is good for one exchange between two given peers only: it cannot be
 * replayed, nor relayed to a third peer.
 */
import { createHmac, timingSafeEqual } from 'node:crypto'
import { KEY_BYTES, MAC_DOMAIN } from './constants.ts'

/** Who computes a MAC. */
export type TranscriptRole = 'client' | 'server'

/** What a transcript binds. */
export interface Transcript {
  /** The group. */
  groupId: string
  /** PeerId of the joiner (the connection's dialer side of this exchange). */
  joinerPeerId: string
  /** PeerId of the administrator. */
  adminPeerId: string
  /** The joiner's nonce. */
  nonceJ: Uint8Array
  /** The administrator's nonce. */
  nonceA: Uint8Array
}

function field (bytes: Uint8Array | string): Buffer {
  const data = typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const length = Buffer.alloc(4)
  length.writeUInt32BE(data.length)
  return Buffer.concat([length, data])
}

/** The bytes a MAC covers. */
export function transcriptBytes (role: TranscriptRole, t: Transcript): Uint8Array {
  return Buffer.concat([MAC_DOMAIN, role, t.groupId, t.joinerPeerId, t.adminPeerId, t.nonceJ, t.nonceA].map(field))
}

/** HMAC-SHA256 of the transcript under the verifier key. */
export function transcriptMac (key: Uint8Array, role: TranscriptRole, t: Transcript): Uint8Array {
  return new Uint8Array(createHmac('sha256', key).update(transcriptBytes(role, t)).digest())
}

/** Whether `mac` is the MAC of the transcript (constant time in the MAC bytes). */
export function macMatches (key: Uint8Array, role: TranscriptRole, t: Transcript, mac: Uint8Array): boolean {
  const expected = transcriptMac(key, role, t)
  return mac.length === KEY_BYTES && timingSafeEqual(expected, mac)
}
