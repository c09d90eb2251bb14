/**
 * Runs tasks one at a time per key (here: per group), so a read-compare-write in the store is
 * never interleaved with another write of the same group.
 */
export class KeyedLock {
  private readonly tails = new Map<string, Promise<unknown>>()

  /** Runs `task` after every task queued before it under `key`. */
  async run<T> (key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve()
    const result = previous.then(task, task)
    const tail = result.catch(() => {})
    this.tails.set(key, tail)
    try {
      return await result
    } finally {
      if (this.tails.get(key) === tail) this.tails.delete(key)
    }
  }

  /**
   * Runs `task` holding every key of `keys` (taken in sorted order, so two callers holding
   * several keys never wait on each other in a cycle).
   */
  async runAll<T> (keys: Iterable<string>, task: () => Promise<T>): Promise<T> {
    const sorted = [...new Set(keys)].sort()
    const from = async (i: number): Promise<T> => i === sorted.length ? task() : this.run(sorted[i]!, async () => from(i + 1))
    return from(0)
  }
}
