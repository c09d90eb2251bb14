/**
 * How many requests this process has in flight to one control API. `fetch` opens one socket per
 * concurrent request, without bound, while the server closes every connection over its cap
 * (`api.maxConnections`, 64 by default) as soon as it accepts it: a burst of calls would be reset
 * (ECONNRESET) instead of answered. Requests over the limit wait here, in order.
 */
import { API_CLIENT_MAX_REQUESTS } from './constants.ts'

/** A counting semaphore whose waiters are served first in, first out. */
export class RequestLimit {
  /** Most requests in flight at once. */
  readonly max: number
  private active = 0
  private readonly waiting: Array<{ grant: () => void }> = []

  constructor (max: number) {
    this.max = max
  }

  /** Requests in flight. */
  get inFlight (): number { return this.active }

  /** Requests waiting for a slot. */
  get queued (): number { return this.waiting.length }

  /**
   * Resolves with a release function once a slot is free. Rejects with the signal's reason (an
   * `AbortError`) if `signal` aborts first; the request was then never sent.
   */
  async acquire (signal?: AbortSignal): Promise<() => void> {
    signal?.throwIfAborted()
    if (this.active < this.max) {
      this.active++
      return this.releaser()
    }
    return await new Promise((resolve, reject) => {
      const entry = {
        grant: () => {
          signal?.removeEventListener('abort', onAbort)
          this.active++
          resolve(this.releaser())
        }
      }
      const onAbort = (): void => {
        const at = this.waiting.indexOf(entry)
        if (at >= 0) this.waiting.splice(at, 1)
        reject(signal!.reason)
      }
      signal?.addEventListener('abort', onAbort, { once: true })
      this.waiting.push(entry)
    })
  }

  private releaser (): () => void {
    let released = false
    return () => {
      if (released) return
      released = true
      this.active--
      this.waiting.shift()?.grant()
    }
  }
}

/** One limit per API origin, shared by every client in this process; dropped when idle. */
const limits = new Map<string, RequestLimit>()

/**
 * Runs `exchange` (a request and the reading of its whole response) once fewer than
 * {@link API_CLIENT_MAX_REQUESTS} requests to `url`'s origin are in flight in this process.
 */
export async function limitRequest<T> (url: string, signal: AbortSignal | undefined, exchange: () => Promise<T>): Promise<T> {
  const origin = new URL(url).origin
  let limit = limits.get(origin)
  if (limit === undefined) {
    limit = new RequestLimit(API_CLIENT_MAX_REQUESTS)
    limits.set(origin, limit)
  }
  const release = await limit.acquire(signal)
  try {
    return await exchange()
  } finally {
    release()
    if (limit.inFlight === 0 && limit.queued === 0 && limits.get(origin) === limit) limits.delete(origin)
  }
}
