/**
 * Counts ingress outcomes by action and stable reason, for `/metrics`.
 */
import type { IngressVerdict } from '../records/reasons.ts'

/** Ingress outcome counters. */
export class IngressCounters {
  private readonly counts = new Map<string, number>()

  /** Counts one verdict. */
  count (verdict: IngressVerdict): void {
    const key = `${verdict.action}:${verdict.reason}`
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1)
  }

  /** Every (action, reason) seen with its count. */
  entries (): Array<{ action: string, reason: string, count: number }> {
    return [...this.counts.entries()].map(([key, count]) => {
      const [action, reason] = key.split(':') as [string, string]
      return { action, reason, count }
    })
  }
}
