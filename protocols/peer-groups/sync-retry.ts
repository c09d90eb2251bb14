/**
 * Sync on connect, tried again while the member stays connected. A session can fail with the
 * member still proven: a relayed connection cut at the relay's data limit while a second
 * connection to the same peer lives on, or a direct connection replacing a relayed one (DCUtR).
 * No new proof follows then, so nothing else would start the catch-up again.
 */

/** How a sync is retried. */
export interface SyncRetryInit {
  /** Runs one sync session. */
  run: () => Promise<void>
  /** Whether the member is still proven on some connection. */
  stillConnected: () => boolean
  /** Reports a failed session. */
  onFailure: (err: unknown, attempt: number) => void
  /** Sessions tried in all. @default 8 */
  attempts?: number
  /** Wait before the second session, doubled each time, in milliseconds. @default 250 */
  delayMs?: number
}

/** Runs sync sessions until one succeeds, the member is gone, or the attempts are spent. */
export async function syncWithRetry (init: SyncRetryInit): Promise<boolean> {
  const attempts = init.attempts ?? 8
  let delay = init.delayMs ?? 250
  for (let attempt = 0; attempt < attempts; attempt++) {
    if (attempt > 0) {
      await new Promise(resolve => { setTimeout(resolve, delay).unref?.() })
      delay *= 2
      if (!init.stillConnected()) return false
    }
    try {
      await init.run()
      return true
    } catch (err) {
      init.onFailure(err, attempt)
    }
  }
  return false
}
