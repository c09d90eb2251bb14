/**
 * At most one run per key at a time: a request for a key already running is dropped (a pull of a
 * group from a peer asked for by every held bundle of that peer runs once).
 */
export class SingleFlight {
  private readonly running = new Set<string>()

  /** Runs `fn` unless a run for `key` is under way; failures go to `onError`. */
  run (key: string, fn: () => Promise<unknown>, onError: (err: Error) => void): void {
    if (this.running.has(key)) return
    this.running.add(key)
    fn().catch((err: Error) => { onError(err) }).finally(() => { this.running.delete(key) })
  }
}
