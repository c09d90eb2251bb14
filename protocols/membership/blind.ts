/**
 * Group tags: how two peers find the groups they share, and prove they know them, without a
 * stranger learning anything (issue 9, defect 9).
 *
 * A group id is `base32(sha256(GRC key)) [. classifier]`: anyone may know it (it is in
 * invitations, logs, rendezvous keys), but not the GRC key it hashes, which only the group's chains
 * and invitations carry. So each group has a key only holders of one of its chains know:
 *
 *   groupKey(g)  = HMAC-SHA256(key = DER SubjectPublicKeyInfo of g's GRC, KEY_DOMAIN ‖ utf8(g))
 *
 * and each side of a handshake names a group by a tag over the whole transcript:
 *
 *   tag(g, step) = HMAC-SHA256(groupKey(g), TAG_DOMAIN ‖ step ‖ nonceI ‖ nonceR ‖ len ‖ initiator ‖ len ‖ responder)
 *
 * with `step` one of `offer` (responder), `initiator`, `responder` (each side's proof), both
 * PeerIds taken from the noise-authenticated connection. A tag proves knowledge of the group key
 * for this handshake only: fresh nonces stop replays, the PeerIds stop relaying a member's tags to
 * another member, and the step stops reflecting one side's tag back as the other's. A peer that
 * knows only the group id can neither make a tag nor recognise one.
 */
import { createHmac } from 'node:crypto'
import { readProfileCertificate } from '../certificates/profile-reader.ts'

const KEY_DOMAIN = Buffer.from('peerhood/membership/group-key/v2\n')
const TAG_DOMAIN = Buffer.from('peerhood/membership/tag/v2\n')

/** Which message a tag belongs to. */
export type TagStep = 'offer' | 'initiator' | 'responder'

const STEPS: Readonly<Record<TagStep, Buffer>> = {
  offer: Buffer.from([1]),
  initiator: Buffer.from([2]),
  responder: Buffer.from([3])
}

/** The handshake a tag is bound to. */
export interface Transcript {
  /** The initiator's 32-byte nonce. */
  initiatorNonce: Uint8Array
  /** The responder's 32-byte nonce. */
  responderNonce: Uint8Array
  /** The initiator's PeerId. */
  initiator: string
  /** The responder's PeerId. */
  responder: string
}

/** Group keys by GRC (the chain arrays a node keeps live as long as its membership). */
const keys = new WeakMap<Uint8Array, Buffer>()

/** The group key of `groupId` from its GRC (DER); undefined when the GRC cannot be read. */
export function groupKey (groupId: string, grc: Uint8Array): Buffer | undefined {
  const cached = keys.get(grc)
  if (cached !== undefined) return cached
  const spki = readProfileCertificate(grc)?.spki
  if (spki === undefined) return undefined
  const key = createHmac('sha256', spki).update(KEY_DOMAIN).update(groupId, 'utf8').digest()
  keys.set(grc, key)
  return key
}

function lengthPrefixed (text: string): Buffer {
  const bytes = Buffer.from(text, 'utf8')
  const length = Buffer.alloc(2)
  length.writeUInt16BE(Math.min(bytes.length, 0xffff))
  return Buffer.concat([length, bytes])
}

/** The tag of a group (by its key) at one step of one handshake: 32 bytes. */
export function groupTag (key: Uint8Array, step: TagStep, t: Transcript): Buffer {
  return createHmac('sha256', key).update(TAG_DOMAIN).update(STEPS[step])
    .update(t.initiatorNonce).update(t.responderNonce)
    .update(lengthPrefixed(t.initiator)).update(lengthPrefixed(t.responder)).digest()
}

/** Key for maps of tags. */
export function tagKey (tag: Uint8Array): string {
  return Buffer.from(tag.buffer, tag.byteOffset, tag.length).toString('base64')
}

/** Maps each group's tag at `step` (by {@link tagKey}) to its group id; `groups` maps group id → group key. */
export function tagAll (groups: ReadonlyMap<string, Uint8Array>, step: TagStep, t: Transcript): Map<string, string> {
  const out = new Map<string, string>()
  for (const [id, key] of groups) out.set(tagKey(groupTag(key, step, t)), id)
  return out
}
