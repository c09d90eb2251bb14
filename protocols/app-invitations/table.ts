/**
 * Finished invitations kept for `status`, at most `max`: the oldest is forgotten first.
 */
import { MAX_FINISHED } from './constants.ts'

/** A bounded, insertion-ordered table. */
export class FinishedTable<T> {
  readonly #items = new Map<string, T>()
  readonly #max: number

  constructor (max = MAX_FINISHED) { this.#max = max }

  /** Adds (or moves to the newest) one item. */
  add (id: string, item: T): void {
    this.#items.delete(id)
    this.#items.set(id, item)
    while (this.#items.size > this.#max) this.#items.delete(this.#items.keys().next().value!)
  }

  /** One item. */
  get (id: string): T | undefined { return this.#items.get(id) }

  /** Every item, newest last. */
  values (): T[] { return [...this.#items.values()] }
}

/** Token buckets of senders, at most `max` remembered (the least recently seen is forgotten first). */
export class BucketTable<B> {
  readonly #items = new Map<string, B>()
  readonly #max: number

  constructor (max: number) { this.#max = max }

  /** The bucket of a sender. */
  get (key: string): B | undefined { return this.#items.get(key) }

  /** Stores a sender's bucket as the most recently seen. */
  set (key: string, bucket: B): void {
    this.#items.delete(key)
    this.#items.set(key, bucket)
    while (this.#items.size > this.#max) this.#items.delete(this.#items.keys().next().value!)
  }

  /** How many senders are remembered. */
  get size (): number { return this.#items.size }
}
