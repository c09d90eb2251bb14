/**
 * Deterministic records and sets for the sync tests: fixed seeds, no randomness.
 */
import { createHash } from 'node:crypto'
import { generateKeyPairFromSeed } from '@libp2p/crypto/keys'
import type { PeerId } from '@libp2p/interface'
import { peerIdFromPrivateKey } from '@libp2p/peer-id'
import { MemorySyncSet, type MemorySyncSetInit, memoryRecord } from '../../../protocols/sync/memory-set.ts'
import { DEFAULT_MAX_MESSAGE_BYTES, DEFAULT_MAX_RECORDS_PER_MESSAGE, DEFAULT_MAX_SYMBOLS_PER_MESSAGE, DEFAULT_PAGE_BYTES } from '../../../protocols/sync/constants.ts'
import type { SyncLimits } from '../../../protocols/sync/types.ts'

/** The clock every test uses (ms since the epoch). */
export const NOW = 1_700_000_000_000

/** Records live for a day after {@link NOW} unless told otherwise. */
export const LIVE = NOW + 86_400_000

/** Default limits. */
export const LIMITS: SyncLimits = {
  maxMessageBytes: DEFAULT_MAX_MESSAGE_BYTES,
  maxRecordsPerMessage: DEFAULT_MAX_RECORDS_PER_MESSAGE,
  pageBytes: DEFAULT_PAGE_BYTES,
  maxSymbolsPerMessage: DEFAULT_MAX_SYMBOLS_PER_MESSAGE
}

/** `bytes` deterministic bytes from a seed string. */
export function seeded (seed: string, bytes: number): Uint8Array {
  const out = new Uint8Array(bytes)
  for (let at = 0, block = 0; at < bytes; block++) {
    const chunk = createHash('sha256').update(`${seed}/${block}`).digest()
    out.set(chunk.subarray(0, Math.min(32, bytes - at)), at)
    at += 32
  }
  return out
}

/** Record number `i` of a family: a 16-byte id, an expiry and `size` bytes in all. */
export function record (family: string, i: number, options: { expires?: number, size?: number } = {}): Uint8Array {
  const size = Math.max(24, options.size ?? 64)
  return memoryRecord(seeded(`${family}/id/${i}`, 16), options.expires ?? LIVE, seeded(`${family}/data/${i}`, size - 24))
}

/** `count` records of a family, numbered from `from`. */
export function records (family: string, count: number, options: { from?: number, expires?: number, size?: number } = {}): Uint8Array[] {
  const out: Uint8Array[] = []
  const from = options.from ?? 0
  for (let i = from; i < from + count; i++) out.push(record(family, i, options))
  return out
}

/** A memory set holding these records. */
export function setOf (contents: Uint8Array[], init: MemorySyncSetInit = {}): MemorySyncSet {
  const set = new MemorySyncSet(init)
  for (const r of contents) set.add(r)
  return set
}

/**
 * Two sets sharing `common` records, with `onlyA` records only in A and `onlyB` only in B.
 */
export function pairOf (common: number, onlyA: number, onlyB: number, size = 64): { a: MemorySyncSet, b: MemorySyncSet } {
  const shared = records('common', common, { size })
  return {
    a: setOf([...shared, ...records('only-a', onlyA, { size })]),
    b: setOf([...shared, ...records('only-b', onlyB, { size })])
  }
}

/** The PeerId the sync tests' responders see as their remote peer (from a fixed seed). */
export async function remotePeerOf (): Promise<PeerId> {
  return peerIdFromPrivateKey(await generateKeyPairFromSeed('Ed25519', seeded('peer', 32)))
}
