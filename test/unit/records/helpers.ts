/**
 * Shared fixtures of the records tests: fixed member keys, credentials, records and signing.
 */
import { boundRecordId } from '../../../protocols/records/record-id.ts'
import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { generateKeyPairFromSeed } from '@libp2p/crypto/keys'
import { peerIdFromPrivateKey } from '@libp2p/peer-id'
import type { PrivateKey } from '@libp2p/interface'
import { encodeRecord, encodeRecordBody } from '../../../protocols/records/codec.ts'
import { signRecord } from '../../../protocols/records/sign.ts'
import type { GroupRecord, MemberCredential, MemberRole } from '../../../protocols/records/types.ts'

/** A fixed "now" for tests: 2023-11-14T22:13:20Z. */
export const T0 = 1_700_000_000_000
/** One hour, in ms. */
export const HOUR = 3_600_000
/** One day, in ms. */
export const DAY = 24 * HOUR
/** A group id for tests (52 base32 characters). */
export const GROUP = 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa'

/** A member with a fixed key. */
export interface TestMember {
  privateKey: PrivateKey
  peerId: string
}

/** The member whose key is seeded with `n` (same key every run). */
export async function member (n: number): Promise<TestMember> {
  const privateKey = await generateKeyPairFromSeed('Ed25519', new Uint8Array(32).fill(n))
  return { privateKey, peerId: peerIdFromPrivateKey(privateKey).toString() }
}

/** A credential valid from T0 - 1 day to T0 + 30 days unless told otherwise. */
export function credential (peerId: string, roles: MemberRole[] = ['member'], notBefore = T0 - DAY, notAfter = T0 + 30 * DAY): MemberCredential {
  return { peerId, roles, notBefore, notAfter }
}

/** A lookup over a mutable list of credentials. */
export function membership (credentials: MemberCredential[] = []): { lookup: (peerId: string) => MemberCredential | undefined, add: (c: MemberCredential) => void } {
  const map = new Map(credentials.map(c => [c.peerId, c]))
  return { lookup: peerId => map.get(peerId), add: c => { map.set(c.peerId, c) } }
}

/** The 8 bytes after the creator's tag in {@link record}'s default id. */
export const ID_TAIL = new Uint8Array([8, 9, 10, 11, 12, 13, 14, 15])

/** A record id of `creator` in the test group, ending in `tail` (8 bytes). */
export function idOf (creator: string, tail: number | Uint8Array = ID_TAIL): string {
  return boundRecordId(GROUP, creator, typeof tail === 'number' ? new Uint8Array(8).fill(tail) : tail)
}

/** A record by `author` (creator and modifier) with sensible defaults. */
export function record (author: string, overrides: Partial<GroupRecord> = {}): GroupRecord {
  return {
    groupId: GROUP,
    type: 'com.example.note',
    // bound to its creator (issue 15): the creator's tag, then fixed bytes
    id: boundRecordId(overrides.groupId ?? GROUP, overrides.creator ?? author, ID_TAIL),
    version: 1,
    creator: author,
    modifier: author,
    created: T0,
    modified: T0,
    expires: T0 + DAY,
    attributes: [],
    data: new TextEncoder().encode('hello'),
    deleted: false,
    ...overrides
  }
}

/** The encoded SignedRecord of `rec` signed with `key`. */
export function signed (rec: GroupRecord, key: PrivateKey): Uint8Array {
  return encodeRecord(signRecord(encodeRecordBody(rec), key))
}

/** A path in the repository (tests run from dist/, so find the folder holding package.json). */
export function repoPath (...parts: string[]): string {
  let dir = dirname(fileURLToPath(import.meta.url))
  while (!existsSync(join(dir, 'package.json')) || dir.endsWith('dist')) {
    const up = dirname(dir)
    if (up === dir) throw new Error('repository root not found')
    dir = up
  }
  return join(dir, ...parts)
}

/** A seeded pseudo-random generator (mulberry32): numbers in [0, 1). */
export function prng (seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6D2B79F5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
