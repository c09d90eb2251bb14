/**
 * Records parked while their signer's membership is unknown (Windows' deferred validation):
 * one entry per record hash, kept per sender with the time it was first parked. A sender may
 * park at most `perSender` records (beyond that its records are dropped); when the queue is full
 * in total, the sender holding the most gives up its oldest, so one sender's flood never evicts
 * the few records another sender is waiting on.
 */
import type { DecodedRecord } from './codec.ts'
import { bytesKey } from '../common/bytes.ts'

/** A parked record, the peer it came from (`''` when unknown) and when it was first parked. */
export interface ParkedRecord {
  record: DecodedRecord
  sender: string
  at: number
}

/** Default most records one sender may have parked. */
export const DEFAULT_MAX_DEFERRED_PER_SENDER = 256

/** A bounded queue of deferred records, per sender. */
export class DeferredQueue {
  /** Most records kept. */
  readonly capacity: number
  /** Most records kept from one sender. */
  readonly perSender: number
  private readonly entries = new Map<string, ParkedRecord>()
  private readonly bySender = new Map<string, Set<string>>()
  private droppedCount = 0

  constructor (capacity: number, perSender: number = DEFAULT_MAX_DEFERRED_PER_SENDER) {
    this.capacity = capacity
    this.perSender = perSender
  }

  /** Records parked now. */
  get size (): number {
    return this.entries.size
  }

  /** Records dropped so far because a budget was spent. */
  get dropped (): number {
    return this.droppedCount
  }

  /** Records parked now from one sender. */
  sizeOf (sender: string): number {
    return this.bySender.get(sender)?.size ?? 0
  }

  /** Records from `sender` first parked in (`after`, `upTo`]. */
  parkedBetween (sender: string, after: number, upTo: number): number {
    let n = 0
    for (const key of this.bySender.get(sender) ?? []) {
      const at = this.entries.get(key)?.at ?? -Infinity
      if (at > after && at <= upTo) n++
    }
    return n
  }

  /** Whether a record with this hash is parked. */
  has (hash: Uint8Array): boolean {
    return this.entries.has(bytesKey(hash))
  }

  /**
   * Parks a record from `sender` first parked at `at`; false when the sender has spent its budget
   * (the record is not parked). When the queue is full the largest sender's oldest record makes room.
   */
  add (record: DecodedRecord, sender: string = '', at: number = 0): boolean {
    const key = bytesKey(record.hash)
    this.remove(key)
    if (this.capacity < 1 || this.sizeOf(sender) >= Math.min(this.perSender, this.capacity)) {
      this.droppedCount++
      return false
    }
    if (this.entries.size >= this.capacity) this.evict()
    this.entries.set(key, { record, sender, at })
    let keys = this.bySender.get(sender)
    if (keys === undefined) this.bySender.set(sender, keys = new Set())
    keys.add(key)
    return true
  }

  /** Removes and returns the parked records `wanted` picks, oldest first; the others stay as they were. */
  takeWhere (wanted: (parked: ParkedRecord) => boolean): ParkedRecord[] {
    const taken: ParkedRecord[] = []
    for (const [key, parked] of this.entries) {
      if (!wanted(parked)) continue
      taken.push(parked)
      this.remove(key)
    }
    return taken
  }

  private remove (key: string): void {
    const parked = this.entries.get(key)
    if (parked === undefined) return
    this.entries.delete(key)
    const keys = this.bySender.get(parked.sender)
    keys?.delete(key)
    if (keys?.size === 0) this.bySender.delete(parked.sender)
  }

  private evict (): void {
    let largest: Set<string> | undefined
    for (const keys of this.bySender.values()) if (largest === undefined || keys.size > largest.size) largest = keys
    const oldest = largest?.values().next()
    if (oldest === undefined || oldest.done === true) return
    this.remove(oldest.value)
    this.droppedCount++
  }
}
