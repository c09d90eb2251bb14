/**
 * Counts ingress outcomes by action, stable reason and group, for `/metrics`. The group label is
 * bounded: the first {@link MAX_LABELLED_GROUPS} groups seen keep their id, later ones count as
 * `other`, so a node in many groups cannot grow the exposition without limit.
 */
import type { IngressVerdict } from '../records/reasons.ts'

/** Groups counted under their own id; the rest share the label {@link OTHER_GROUPS}. */
export const MAX_LABELLED_GROUPS = 16
/** Group label of the groups beyond {@link MAX_LABELLED_GROUPS}. */
export const OTHER_GROUPS = 'other'

/** One counted (action, reason, group). */
export interface IngressCount {
  action: string
  reason: string
  /** The group id, or `other`. */
  group: string
  count: number
}

/** Ingress outcome counters. */
export class IngressCounters {
  private readonly counts = new Map<string, IngressCount>()
  private readonly labelled = new Set<string>()

  constructor (private readonly maxGroups: number = MAX_LABELLED_GROUPS) {}

  /** Counts one verdict of a group. */
  count (verdict: IngressVerdict, groupId: string = OTHER_GROUPS): void {
    const group = this.label(groupId)
    const key = `${verdict.action}\n${verdict.reason}\n${group}`
    const entry = this.counts.get(key)
    if (entry !== undefined) entry.count++
    else this.counts.set(key, { action: verdict.action, reason: verdict.reason, group, count: 1 })
  }

  /** Every (action, reason, group) seen with its count. */
  entries (): IngressCount[] {
    return [...this.counts.values()].map(e => ({ ...e }))
  }

  private label (groupId: string): string {
    if (this.labelled.has(groupId)) return groupId
    if (this.labelled.size >= this.maxGroups) return OTHER_GROUPS
    this.labelled.add(groupId)
    return groupId
  }
}
