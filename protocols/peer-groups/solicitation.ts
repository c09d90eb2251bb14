/**
 * Time-based solicitation: besides the sync on connect, every interval each open and synchronised
 * group reconciles with one connected member, the next in PeerId order after the one asked last
 * time (Windows' graphing had the same, beside its sync on connect). Gossip can drop a record: a
 * peer's send queue full, or an event loop stalled longer than gossipsub's message cache keeps
 * it. Sync on connect would repair that only at the next reconnect, which on a steady connection
 * never comes. Two equal sets cost one round trip of a few hundred bytes.
 */

/** How the solicitation finds its groups and members, and asks. */
export interface SolicitationInit {
  /** Period, in milliseconds; each wait is drawn from 0.75–1.25 of it so members do not ask in step; `0` turns it off. */
  intervalMs: number
  /** The open groups, with whether each has synchronised once. */
  groups: () => Iterable<{ groupId: string, synchronized: boolean }>
  /** The members of a group connected and proven now, not cooling down from penalties. */
  members: (groupId: string) => readonly string[]
  /** Runs one reconciliation of a group with a member; resolves when it has ended (its failures are its own). */
  solicit: (groupId: string, peerId: string) => Promise<void>
  /** Uniform random number in [0, 1). @default Math.random */
  random?: () => number
  /** Quiet after the last lost forward of a group before its repair round, in milliseconds. @default 2000 */
  repairQuietMs?: number
  /** Longest a repair round waits for the quiet, counted from the first lost forward, in milliseconds. @default 15000 */
  repairMaxWaitMs?: number
  /** Clock, epoch milliseconds. @default Date.now */
  now?: () => number
}

/** Default quiet before a repair round, in milliseconds. */
export const REPAIR_QUIET_MS = 2_000
/** Default longest wait of a repair round, in milliseconds. */
export const REPAIR_MAX_WAIT_MS = 15_000

/** The member to ask after `last`: the next PeerId in order, wrapping around; undefined when there is none. */
export function nextSolicited (members: readonly string[], last: string | undefined): string | undefined {
  if (members.length === 0) return undefined
  const sorted = [...members].sort()
  return (last === undefined ? undefined : sorted.find(peerId => peerId > last)) ?? sorted[0]
}

/**
 * Asks one member of each synchronised group for a reconciliation, every interval; and, after a
 * burst whose forwards gossip dropped ({@link Solicitation.repairSoon}), every connected member
 * once. The repair runs whatever the interval, `0` included: it answers a loss this node saw.
 */
export class Solicitation {
  private timer?: ReturnType<typeof setTimeout> | undefined
  /** group id → the member asked last */
  private readonly last = new Map<string, string>()
  /** group id → the repair round waiting for its quiet */
  private readonly repairs = new Map<string, { first: number, timer: ReturnType<typeof setTimeout> }>()
  private readonly random: () => number
  private readonly now: () => number
  private stopped = false

  constructor (private readonly init: SolicitationInit) {
    this.random = init.random ?? Math.random
    this.now = init.now ?? Date.now
  }

  /** Starts the timer (nothing when the interval is 0). */
  start (): void {
    this.stopped = false
    if (this.init.intervalMs <= 0 || this.timer !== undefined) return
    this.schedule()
  }

  /** Stops the timer and drops the repair rounds not yet run. */
  stop (): void {
    this.stopped = true
    clearTimeout(this.timer)
    this.timer = undefined
    for (const { timer } of this.repairs.values()) clearTimeout(timer)
    this.repairs.clear()
  }

  /**
   * A bundle of the group was accepted too late for gossip to forward it: once the group has gone
   * {@link SolicitationInit.repairQuietMs} without another such loss (at most
   * {@link SolicitationInit.repairMaxWaitMs} after the first), reconcile with every connected
   * member, one after the other, which brings each the records it missed. One round per burst,
   * not one per bundle; one member at a time, so a member that lacks records gets them once
   * from this node, and the members after it find their sets mostly equal already.
   */
  repairSoon (groupId: string): void {
    const now = this.now()
    const pending = this.repairs.get(groupId)
    const first = pending?.first ?? now
    clearTimeout(pending?.timer)
    const wait = Math.max(0, Math.min(this.init.repairQuietMs ?? REPAIR_QUIET_MS, first + (this.init.repairMaxWaitMs ?? REPAIR_MAX_WAIT_MS) - now))
    const timer = setTimeout(() => {
      this.repairs.delete(groupId)
      void this.repair(groupId)
    }, wait)
    timer.unref?.()
    this.repairs.set(groupId, { first, timer })
  }

  /** Asks one member of every synchronised group now. */
  tick (): void {
    const open = new Set<string>()
    for (const { groupId, synchronized } of this.init.groups()) {
      open.add(groupId)
      if (!synchronized) continue
      const peerId = nextSolicited(this.init.members(groupId), this.last.get(groupId))
      if (peerId === undefined) continue
      this.last.set(groupId, peerId)
      void this.init.solicit(groupId, peerId)
    }
    for (const groupId of this.last.keys()) if (!open.has(groupId)) this.last.delete(groupId)
  }

  private async repair (groupId: string): Promise<void> {
    for (const peerId of this.init.members(groupId)) {
      if (this.stopped) return
      await this.init.solicit(groupId, peerId)
    }
  }

  private schedule (): void {
    const wait = this.init.intervalMs * (0.75 + this.random() / 2)
    this.timer = setTimeout(() => {
      this.tick()
      if (this.timer !== undefined) this.schedule()
    }, wait)
    this.timer.unref?.()
  }
}
