/**
 * Presence (Windows' presence records): where a member can be reached and that it is online.
 * Pure decisions; the service publishes what they say.
 */
import type { MemberInfo } from '../certificates/chain-result.ts'
import type { GroupProperties } from '../groups/properties.ts'
import type { GroupRecord } from '../records/types.ts'

/** Most addresses a presence record carries (more are not published, nor read). */
export const MAX_PRESENCE_ADDRESSES = 32

/** What a presence record carries. */
export interface Presence {
  /** Multiaddrs the member listens on. */
  addresses: string[]
  /** Always `online` while published; a member going offline deletes its record. */
  status: 'online'
}

/** What to do about this node's presence record. */
export type PresenceAction =
  | { action: 'publish', expires: number }
  | { action: 'withdraw' }
  | { action: 'keep' }

/**
 * Decides this node's presence: none when the group disables presence, or when this member's
 * GMC expires before the presence lifetime (the seed's rule: its addresses are not listed);
 * else published with the group's presence lifetime and refreshed once half of it has passed.
 */
export function presenceAction (input: {
  self: MemberInfo
  properties: GroupProperties
  now: number
  current?: GroupRecord
  addresses: string[]
}): PresenceAction {
  const lifetimeMs = input.properties.presenceLifetimeS * 1000
  const allowed = !input.properties.flags.disablePresence && input.self.notAfter >= input.now + lifetimeMs
  const live = input.current !== undefined && !input.current.deleted && input.current.expires > input.now
  if (!allowed) return live ? { action: 'withdraw' } : { action: 'keep' }
  const stale = !live || input.current!.expires - input.now < lifetimeMs / 2 || !sameAddresses(decodePresence(input.current!.data)?.addresses ?? [], input.addresses)
  return stale ? { action: 'publish', expires: input.now + lifetimeMs } : { action: 'keep' }
}

function sameAddresses (a: string[], b: string[]): boolean {
  return a.length === b.length && [...a].sort().every((x, i) => x === [...b].sort()[i])
}

/** Presence as record data (JSON), with at most {@link MAX_PRESENCE_ADDRESSES} addresses. */
export function encodePresence (presence: Presence): Uint8Array {
  return new TextEncoder().encode(JSON.stringify({ addresses: presence.addresses.slice(0, MAX_PRESENCE_ADDRESSES), status: presence.status }))
}

/** Reads presence record data; undefined when malformed. */
export function decodePresence (data: Uint8Array): Presence | undefined {
  try {
    const value = JSON.parse(new TextDecoder().decode(data)) as Presence
    if (!Array.isArray(value.addresses) || !value.addresses.every(a => typeof a === 'string')) return undefined
    return { addresses: value.addresses.slice(0, MAX_PRESENCE_ADDRESSES), status: 'online' }
  } catch {
    return undefined
  }
}

/** Whether a presence record shows its member online at `now`. */
export function isPresent (record: GroupRecord | undefined, now: number): boolean {
  return record !== undefined && !record.deleted && record.expires > now
}

/** The addresses `peerId` lists in its live presence records among `records`. */
export async function presenceAddresses (records: AsyncIterable<GroupRecord>, peerId: string): Promise<string[]> {
  const out: string[] = []
  for await (const record of records) {
    if (record.creator === peerId && !record.deleted) out.push(...(decodePresence(record.data)?.addresses ?? []))
  }
  return out
}
