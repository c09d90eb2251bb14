/**
 * At most one run per key at a time: a request for a key already running is dropped (a pull of a
 * group from a peer asked for by every held bundle of that peer runs once).
 */
export class SingleFlight {
  private readonly running = new Map<string, Promise<void>>()

  /**
   * Runs `fn` unless a run for `key` is under way; failures go to `onError`. Resolves when the
   * run for `key` (this one, or the one already under way) has ended; never rejects.
   */
  run (key: string, fn: () => Promise<unknown>, onError: (err: Error) => void): Promise<void> {
    const current = this.running.get(key)
    if (current !== undefined) return current
    const run = fn().then(() => {}, (err: Error) => { onError(err) }).finally(() => { this.running.delete(key) })
    this.running.set(key, run)
    return run
  }
}
