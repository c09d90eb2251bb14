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

function hashBytes (bytes: Uint8Array, start: number, end: number): number {
  let h = 0x811c9dc5
  // the tail of a multihash is key material, and strings differ at the end as often as anywhere
  for (let i = Math.max(start, end - 8); i < end; i++) h = Math.imul(h ^ bytes[i]!, 0x01000193)
  return (h ^ (end - start)) >>> 0
}

function equal (a: Uint8Array, b: Uint8Array, start: number, end: number): boolean {
  if (a.length !== end - start) return false
  for (let i = a.length - 1; i >= 0; i--) if (a[i] !== b[start + i]) return false
  return true
}

function find<V> (generation: Generation<V>, hash: number, bytes: Uint8Array, start: number, end: number): Slot<V> | undefined {
  const chain = generation.get(hash)
  if (chain === undefined) return undefined
  for (const slot of chain) if (equal(slot.bytes, bytes, start, end)) return slot
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

  /**
   * The value for `bytes[start..end)` (all of `bytes` by default), made on first use. A hit reads
   * the bytes in place: no view, copy or string is made.
   */
  get (bytes: Uint8Array, start = 0, end = bytes.length): V {
    const hash = hashBytes(bytes, start, end)
    const hit = find(this.young, hash, bytes, start, end)
    if (hit !== undefined) return hit.value
    let slot = find(this.old, hash, bytes, start, end)
    if (slot === undefined) {
      // a copy (`slice` on a plain Uint8Array; a Buffer's would share memory), so no caller's buffer is pinned
      const key = new Uint8Array(bytes.buffer, bytes.byteOffset + start, end - start).slice()
      slot = { bytes: key, value: this.make(key) }
    }
    this.insert(hash, slot)
    return slot.value
  }
}
