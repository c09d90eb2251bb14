/**
 * An expiry-ordered index in memory, for a datastore whose prefix queries do not come in key
 * order (the memory datastore reads every key it holds for any prefix): an expiry sweep then
 * takes what is due in O(k log n) for k due records instead of reading the whole datastore.
 *
 * A binary min-heap of (expires, id) with lazy deletion: the map of current expiries is the
 * truth, an entry whose record was replaced or removed stays in the heap until it surfaces and
 * is dropped then, and the heap is rebuilt when such entries outnumber the live ones.
 */

/** A record id and when it expires (ms since the epoch). */
export interface ExpiryEntry {
  /** Record id (32 hex). */
  id: string
  /** When it expires, ms since the epoch. */
  expires: number
}

// below this many heap entries, stale ones are not worth a rebuild
const MIN_REBUILD = 64

function before (a: ExpiryEntry, b: ExpiryEntry): boolean {
  return a.expires < b.expires
}

/** The records of one group by expiry time. */
export class ExpiryQueue {
  private heap: ExpiryEntry[] = []
  private readonly current = new Map<string, number>()

  /** Records in the queue. */
  get size (): number {
    return this.current.size
  }

  /** Sets (or moves) the expiry time of a record. */
  set (id: string, expires: number): void {
    if (this.current.get(id) === expires) return
    this.current.set(id, expires)
    this.push({ id, expires })
    if (this.heap.length > MIN_REBUILD && this.heap.length > 2 * this.current.size) this.rebuild()
  }

  /** Removes a record. */
  delete (id: string): void {
    this.current.delete(id)
  }

  /** Removes and returns the records due at `now` (expires ≤ now), earliest first. */
  takeDue (now: number): ExpiryEntry[] {
    const due: ExpiryEntry[] = []
    while (this.heap.length > 0 && this.heap[0]!.expires <= now) {
      const top = this.pop()
      if (this.current.get(top.id) !== top.expires) continue // replaced or removed since
      this.current.delete(top.id)
      due.push(top)
    }
    return due
  }

  private rebuild (): void {
    this.heap = [...this.current].map(([id, expires]) => ({ id, expires })).sort((a, b) => a.expires - b.expires)
  }

  private push (entry: ExpiryEntry): void {
    const heap = this.heap
    let i = heap.push(entry) - 1
    while (i > 0) {
      const parent = (i - 1) >> 1
      if (!before(entry, heap[parent]!)) break
      heap[i] = heap[parent]!
      i = parent
    }
    heap[i] = entry
  }

  private pop (): ExpiryEntry {
    const heap = this.heap
    const top = heap[0]!
    const last = heap.pop()!
    if (heap.length === 0) return top
    let i = 0
    for (;;) {
      const left = 2 * i + 1
      if (left >= heap.length) break
      const right = left + 1
      const child = right < heap.length && before(heap[right]!, heap[left]!) ? right : left
      if (!before(heap[child]!, last)) break
      heap[i] = heap[child]!
      i = child
    }
    heap[i] = last
    return top
  }
}
