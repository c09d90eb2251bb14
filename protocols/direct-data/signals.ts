/**
 * Small helpers for bounding waits with abort signals, and for what those waits throw.
 */

/** A signal that aborts after `ms` milliseconds, or earlier with `outer`. */
export function withTimeout (outer: AbortSignal | undefined, ms: number): AbortSignal {
  const timeout = AbortSignal.timeout(ms)
  return outer === undefined ? timeout : AbortSignal.any([outer, timeout])
}

/** Settles with `promise`, or rejects with the signal's reason once it aborts. */
export async function untilAborted<T> (promise: Promise<T>, signal: AbortSignal): Promise<T> {
  signal.throwIfAborted()
  let onAbort = (): void => {}
  const aborted = new Promise<never>((_resolve, reject) => {
    onAbort = () => { reject(signal.reason) }
    signal.addEventListener('abort', onAbort, { once: true })
  })
  try {
    return await Promise.race([promise, aborted])
  } finally {
    signal.removeEventListener('abort', onAbort)
  }
}

/** A caught value as an Error (what `stream.abort` takes). */
export function asError (err: unknown): Error {
  return err instanceof Error ? err : new Error(String(err))
}
