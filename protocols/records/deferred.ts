/**
 * Records parked while their signer's membership is unknown (Windows' deferred validation):
 * bounded, oldest dropped first, one entry per record hash.
 */
import type { DecodedRecord } from './codec.ts'
import { bytesKey } from './peer-ids.ts'

/** A bounded FIFO of deferred records. */
export class DeferredQueue {
  /** Most records kept. */
  readonly capacity: number
  private readonly entries = new Map<string, DecodedRecord>()
  private droppedCount = 0

  constructor (capacity: number) {
    this.capacity = capacity
  }

  /** Records parked now. */
  get size (): number {
    return this.entries.size
  }

  /** Records dropped so far because the queue was full. */
  get dropped (): number {
    return this.droppedCount
  }

  /** Whether a record with this hash is parked. */
  has (hash: Uint8Array): boolean {
    return this.entries.has(bytesKey(hash))
  }

  /** Parks a record, dropping the oldest when full. */
  add (record: DecodedRecord): void {
    if (this.capacity < 1) { this.droppedCount++; return }
    const key = bytesKey(record.hash)
    this.entries.delete(key)
    this.entries.set(key, record)
    while (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next()
      if (oldest.done === true) break
      this.entries.delete(oldest.value)
      this.droppedCount++
    }
  }

  /** Removes and returns every parked record, oldest first. */
  take (): DecodedRecord[] {
    const all = [...this.entries.values()]
    this.entries.clear()
    return all
  }
}
