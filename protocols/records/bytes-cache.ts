/**
 * A bounded cache of values computed from short byte strings (signer PeerId multihashes, group
 * ids, record types), looked up by the bytes without building a string key: the ingress hot path
 * sees the same few of them over and over.
 *
 * Two generations approximate LRU at O(1) with no reordering on hits: lookups fill the young
 * generation; when it holds `capacity / 2` entries it becomes the old one (the previous old one
 * is dropped), and an old entry that is used again moves to the young generation.
 */

interface Slot<V> {
  bytes: Uint8Array
  value: V
}

type Generation<V> = Map<number, Array<Slot<V>>>

function hashBytes (bytes: Uint8Array): number {
  let h = 0x811c9dc5
  // the tail of a multihash is key material, and strings differ at the end as often as anywhere
  for (let i = Math.max(0, bytes.length - 8); i < bytes.length; i++) h = Math.imul(h ^ bytes[i]!, 0x01000193)
  return (h ^ bytes.length) >>> 0
}

function equal (a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false
  for (let i = a.length - 1; i >= 0; i--) if (a[i] !== b[i]) return false
  return true
}

function find<V> (generation: Generation<V>, hash: number, bytes: Uint8Array): Slot<V> | undefined {
  const chain = generation.get(hash)
  if (chain === undefined) return undefined
  for (const slot of chain) if (equal(slot.bytes, bytes)) return slot
  return undefined
}

/** Values computed once per byte string (`make`), kept for about `capacity` recent ones. */
export class BytesCache<V> {
  private young: Generation<V> = new Map()
  private old: Generation<V> = new Map()
  private youngSize = 0
  private readonly half: number
  private readonly make: (bytes: Uint8Array) => V

  constructor (capacity: number, make: (bytes: Uint8Array) => V) {
    this.half = Math.max(1, Math.floor(capacity / 2))
    this.make = make
  }

  private insert (hash: number, slot: Slot<V>): void {
    if (this.youngSize >= this.half) {
      this.old = this.young
      this.young = new Map()
      this.youngSize = 0
    }
    const chain = this.young.get(hash)
    if (chain === undefined) this.young.set(hash, [slot])
    else chain.push(slot)
    this.youngSize++
  }

  /** The value for `bytes`, made on first use. */
  get (bytes: Uint8Array): V {
    const hash = hashBytes(bytes)
    const hit = find(this.young, hash, bytes)
    if (hit !== undefined) return hit.value
    let slot = find(this.old, hash, bytes)
    if (slot === undefined) slot = { bytes: Uint8Array.from(bytes), value: this.make(bytes) }
    this.insert(hash, slot)
    return slot.value
  }
}
