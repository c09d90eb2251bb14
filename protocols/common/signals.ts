/**
 * Small helpers for bounding waits with abort signals, and for what those waits throw.
 */
import { PeerhoodError } from './errors.ts'

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

/**
 * Maps a failure of one side of a request/response exchange to an error with a stable code:
 * PeerhoodErrors pass through, a timeout becomes `TIMEOUT`, a caller's abort keeps its reason,
 * anything else `CONNECTION_FAILED`. `what` names the exchange in the message.
 */
export function exchangeError (err: unknown, signal: AbortSignal, what: string): unknown {
  if (err instanceof PeerhoodError) return err
  const reason = signal.aborted ? signal.reason as Error | undefined : undefined
  if (reason?.name === 'TimeoutError' || (err as Error | undefined)?.name === 'TimeoutError') return new PeerhoodError('TIMEOUT', `the ${what} timed out`, { cause: err })
  if (signal.aborted) return reason ?? err
  return new PeerhoodError('CONNECTION_FAILED', `the ${what} could not be completed`, { cause: err })
}
