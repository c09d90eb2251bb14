/**
 * A session's snapshot of one side's set at the agreed cutoff: the reconciliation symbols,
 * the records behind each, and a digest that tells identical sets apart in one message.
 *
 * Symbols are the first 8 bytes of content hashes. When several live hashes share those
 * 8 bytes, they form one collision group whose symbol is derived from all of them, so a side
 * holding only part of the group still sees a difference and receives the whole group.
 */
import { createHash } from 'node:crypto'
import { PeerhoodError } from '../common/errors.ts'
import { HASH_BYTES } from './constants.ts'
import { symbolOf } from './symbols.ts'
import type { SyncItem, SyncSet } from './types.ts'
import { bytesKey, sameBytes } from '../common/bytes.ts'

const COLLISION_DOMAIN = new TextEncoder().encode('peerhood/sync/collision\n')

/** One side's set, indexed for a session. */
export interface SetIndex {
  /** Distinct live content hashes. */
  readonly size: number
  /** SHA-256 over the content hashes in ascending byte order. */
  readonly digest: Uint8Array
  /** Reconciliation symbols, unique and ascending. */
  readonly symbols: BigUint64Array
  /** The content hashes behind a symbol (empty if the symbol is not ours). */
  hashes (symbol: bigint): readonly Uint8Array[]
  /** Every content hash. */
  allHashes (): Uint8Array[]
}

function compareBytes (a: Uint8Array, b: Uint8Array): number {
  for (let i = 0; i < a.length && i < b.length; i++) {
    if (a[i] !== b[i]) return a[i]! - b[i]!
  }
  return a.length - b.length
}


function groupSymbol (hashes: readonly Uint8Array[]): bigint {
  const sha = createHash('sha256').update(COLLISION_DOMAIN)
  for (const hash of hashes) sha.update(hash)
  return symbolOf(sha.digest())
}

/** Indexes content hashes (duplicates are dropped). Throws `INVALID_ARGUMENT` on a hash that is not 32 bytes. */
export function buildIndex (hashes: Iterable<Uint8Array>): SetIndex {
  const bySymbol = new Map<bigint, Uint8Array | Uint8Array[]>()
  let size = 0
  for (const hash of hashes) {
    if (hash.byteLength !== HASH_BYTES) throw new PeerhoodError('INVALID_ARGUMENT', `a content hash is ${HASH_BYTES} bytes`, { details: { length: hash.byteLength } })
    const symbol = symbolOf(hash)
    const held = bySymbol.get(symbol)
    if (held === undefined) {
      bySymbol.set(symbol, hash)
    } else if (held instanceof Uint8Array) {
      if (sameBytes(held, hash)) continue
      bySymbol.set(symbol, [held, hash])
    } else {
      if (held.some(h => sameBytes(h, hash))) continue
      held.push(hash)
    }
    size++
  }

  const raw = BigUint64Array.from(bySymbol.keys()).sort()
  const sha = createHash('sha256')
  const groups: Uint8Array[][] = []
  for (const symbol of raw) {
    const held = bySymbol.get(symbol)!
    if (held instanceof Uint8Array) {
      sha.update(held)
    } else {
      held.sort(compareBytes)
      for (const hash of held) sha.update(hash)
      bySymbol.delete(symbol)
      groups.push(held)
    }
  }
  for (let group of groups) {
    let symbol = groupSymbol(group)
    // a derived symbol that lands on a held one (never seen in practice) merges the two
    for (let other = bySymbol.get(symbol); other !== undefined; other = bySymbol.get(symbol)) {
      group = [...group, ...(other instanceof Uint8Array ? [other] : other)].sort(compareBytes)
      bySymbol.delete(symbol)
      symbol = groupSymbol(group)
    }
    bySymbol.set(symbol, group)
  }

  const symbols = groups.length === 0 ? raw : BigUint64Array.from(bySymbol.keys()).sort()
  return {
    size,
    digest: new Uint8Array(sha.digest()),
    symbols,
    hashes (symbol) {
      const held = bySymbol.get(symbol)
      if (held === undefined) return []
      return held instanceof Uint8Array ? [held] : held
    },
    allHashes () {
      const out: Uint8Array[] = []
      for (const held of bySymbol.values()) {
        if (held instanceof Uint8Array) out.push(held)
        else out.push(...held)
      }
      return out
    }
  }
}

/** The index of an empty set (read-only, so one serves every session). */
export const EMPTY_SET_INDEX: SetIndex = buildIndex([])

/** Indexes the live items of a set at `cutoff`: those with `expires > cutoff`, checked again here. */
export async function indexSet (set: SyncSet, cutoff: number): Promise<SetIndex> {
  const hashes: Uint8Array[] = []
  const items: AsyncIterable<SyncItem> | Iterable<SyncItem> = set.items(cutoff)
  if (Symbol.iterator in items) {
    for (const item of items) if (item.expires > cutoff) hashes.push(item.hash)
  } else {
    for await (const item of items) if (item.expires > cutoff) hashes.push(item.hash)
  }
  return buildIndex(hashes)
}

/**
 * The distinct content hashes of a set's live items at `cutoff` (`expires > cutoff`), as they
 * are read, unindexed: what an initiator holding nothing is sent. Throws `INVALID_ARGUMENT` on
 * a hash that is not 32 bytes, as {@link buildIndex} does.
 */
export async function * liveHashes (set: SyncSet, cutoff: number): AsyncGenerator<Uint8Array> {
  const seen = new Set<string>()
  for await (const item of set.items(cutoff)) {
    if (item.expires <= cutoff) continue
    const hash = item.hash
    if (hash.byteLength !== HASH_BYTES) throw new PeerhoodError('INVALID_ARGUMENT', `a content hash is ${HASH_BYTES} bytes`, { details: { length: hash.byteLength } })
    const name = bytesKey(hash)
    if (seen.has(name)) continue
    seen.add(name)
    yield hash
  }
}
