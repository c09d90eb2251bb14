/**
 * Showing a group's synchronisation: a progress bar drawn from `sync:progress` events (on a
 * terminal only), and waiting until the group reports SYNCHRONIZED.
 */
import { PeerhoodError } from '../../protocols/common/errors.ts'
import type { ApiClient } from '../api/client.ts'
import type { GroupStatusJson } from '../api/routes-groups.ts'

/** Where a progress bar draws (stderr in the CLI). */
export interface ProgressSink {
  /** Writes text as it is (no newline added). */
  write (text: string): void
  /** Whether it is a terminal; nothing is drawn otherwise. */
  isTTY?: boolean
  /** Terminal width in columns. @default 80 */
  columns?: number
}

/** The bar's text: `[#####-----]  50% 500/1000 records`, or a count when the total is unknown. */
export function formatProgress (received: number, total: number | undefined, width = 30): string {
  if (total === undefined || total <= 0) return `syncing: ${received} records received`
  const ratio = Math.max(0, Math.min(1, received / total))
  const filled = Math.round(ratio * width)
  return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${String(Math.floor(ratio * 100)).padStart(3)}% ${received}/${total} records`
}

/** A one-line progress bar redrawn in place; silent unless the sink is a terminal. */
export class ProgressBar {
  private readonly sink: ProgressSink
  private drawn = false

  constructor (sink: ProgressSink) {
    this.sink = sink
  }

  /** Redraws the bar for `received` of `total` records. */
  update (received: number, total?: number): void {
    if (this.sink.isTTY !== true) return
    const width = Math.max(10, Math.min(40, (this.sink.columns ?? 80) - 40))
    this.sink.write(`\r${formatProgress(received, total, width)}\u001b[K`)
    this.drawn = true
  }

  /** Erases the bar (if it was drawn). */
  clear (): void {
    if (!this.drawn) return
    this.sink.write('\r\u001b[K')
    this.drawn = false
  }
}

/** Options of {@link waitForSynchronized}. */
export interface WaitForSyncOptions {
  /** Stops waiting (the wait then fails with `GROUP_NOT_READY`). @default undefined */
  signal?: AbortSignal
  /** Told about every `sync:progress` event. @default undefined */
  onProgress?: (received: number, total?: number) => void
  /** Period of the status check that backs up the events, in milliseconds. @default 1000 */
  pollMs?: number
}

/**
 * Resolves with the group's status once it is synchronised. Listens to the group's `sync:` and
 * `group:status` events (from their subscription on, so no change is missed) and checks the
 * status after each completion or status change. Codes: `GROUP_NOT_READY` when `signal` aborts
 * first, `NODE_NOT_RUNNING` when the node stops, and the status request's codes (`INVALID_GROUP`).
 */
export async function waitForSynchronized (client: ApiClient, groupId: string, options: WaitForSyncOptions = {}): Promise<GroupStatusJson> {
  const done = new AbortController()
  const onAbort = (): void => { done.abort() }
  options.signal?.addEventListener('abort', onAbort, { once: true })
  let result: GroupStatusJson | undefined
  let failure: unknown
  let checks = Promise.resolve()
  const check = (): void => {
    checks = checks.then(async () => {
      if (done.signal.aborted) return
      const status = await client.groupStatus(groupId)
      if (status.synchronized) {
        result = status
        done.abort()
      }
    }).catch((err: unknown) => {
      failure ??= err
      done.abort()
    })
  }
  const timer = setInterval(check, options.pollMs ?? 1000)
  try {
    await client.events({ group: groupId, types: ['sync:', 'group:status'] }, event => {
      if (event.type === 'sync:progress') {
        const { received, total } = event.data as { received?: unknown, total?: unknown }
        if (typeof received === 'number') options.onProgress?.(received, typeof total === 'number' ? total : undefined)
      } else {
        check()
      }
    }, { signal: done.signal, onOpen: check })
  } finally {
    clearInterval(timer)
    options.signal?.removeEventListener('abort', onAbort)
  }
  await checks
  if (failure !== undefined) throw failure
  if (result !== undefined) return result
  if (options.signal?.aborted === true) throw new PeerhoodError('GROUP_NOT_READY', 'stopped before the group synchronised', { details: { groupId } })
  throw new PeerhoodError('NODE_NOT_RUNNING', 'the node stopped before the group synchronised', { details: { groupId } })
}
