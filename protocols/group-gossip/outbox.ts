/**
 * The gossip outbox: records published in one burst leave as bundles.
 *
 * A record is queued, and the queue is sent packed into bundles of up to `maxBytes`:
 * - after the current turn of the event loop (`setImmediate`) when nothing was sent in the last
 *   `lingerMs`, so a lone record leaves at once;
 * - else `lingerMs` after the previous send (Nagle's rule), so records added one after the
 *   other — each add waiting on storage, which lets the event loop turn — still share bundles.
 *
 * A burst thus pays gossip's per-message cost (framing, encryption, message id, IHAVE/IWANT, on
 * every hop) once per bundle instead of once per record, for at most `lingerMs` of latency, and
 * only while records keep coming.
 */
import { BUNDLE_OVERHEAD_PER_RECORD, DEFAULT_BUNDLE_BYTES, MAX_BUNDLE_RECORDS, encodeBundle } from './bundle.ts'

/** Hands one bundle to gossip. Failures are the sender's to log; the outbox goes on. */
export type BundleSender = (topic: string, bundle: Uint8Array) => Promise<void>

/** Default wait after a send before the next one, in milliseconds. */
export const DEFAULT_LINGER_MS = 2

/** Options of {@link GossipOutbox}. */
export interface GossipOutboxInit {
  /** Sends a bundle on a topic. */
  send: BundleSender
  /** Size a bundle is filled up to, in bytes (a larger record still leaves, alone). @default 65536 */
  maxBytes?: number
  /** Least time between two sends while records keep coming, in milliseconds (0: every turn). @default 2 */
  lingerMs?: number
  /** Monotonic clock in milliseconds. @default performance.now */
  now?: () => number
}

/** Splits queued records into bundles of at most `maxBytes` and {@link MAX_BUNDLE_RECORDS} records. */
export function packBundles (records: readonly Uint8Array[], maxBytes: number): Uint8Array[][] {
  const bundles: Uint8Array[][] = []
  let current: Uint8Array[] = []
  let size = 0
  for (const record of records) {
    const cost = record.byteLength + BUNDLE_OVERHEAD_PER_RECORD
    if (current.length > 0 && (size + cost > maxBytes || current.length === MAX_BUNDLE_RECORDS)) {
      bundles.push(current)
      current = []
      size = 0
    }
    current.push(record)
    size += cost
  }
  if (current.length > 0) bundles.push(current)
  return bundles
}

/** How long to wait before sending what is queued: 0 (next turn) when the last send is `lingerMs` old. */
export function lingerDelay (now: number, lastSent: number, lingerMs: number): number {
  return Math.max(0, lastSent + lingerMs - now)
}

/** Queues records per topic and sends them as bundles (see the module header for when). */
export class GossipOutbox {
  private readonly queues = new Map<string, Uint8Array[]>()
  private scheduled?: { cancel: () => void }
  private sending: Promise<void> = Promise.resolve()
  private lastSent = Number.NEGATIVE_INFINITY
  private readonly maxBytes: number
  private readonly lingerMs: number
  private readonly now: () => number

  constructor (private readonly init: GossipOutboxInit) {
    this.maxBytes = init.maxBytes ?? DEFAULT_BUNDLE_BYTES
    this.lingerMs = init.lingerMs ?? DEFAULT_LINGER_MS
    this.now = init.now ?? (() => performance.now())
  }

  /** Queues a signed record for `topic`. */
  enqueue (topic: string, record: Uint8Array): void {
    const queue = this.queues.get(topic)
    if (queue === undefined) this.queues.set(topic, [record])
    else queue.push(record)
    if (this.scheduled === undefined) this.schedule(lingerDelay(this.now(), this.lastSent, this.lingerMs))
  }

  private schedule (delay: number): void {
    const fire = (): void => { void this.flush() }
    if (delay === 0) {
      const immediate = setImmediate(fire)
      this.scheduled = { cancel: () => { clearImmediate(immediate) } }
    } else {
      const timer = setTimeout(fire, delay)
      this.scheduled = { cancel: () => { clearTimeout(timer) } }
    }
  }

  /** Records queued and not yet handed to gossip. */
  get pending (): number {
    let n = 0
    for (const q of this.queues.values()) n += q.length
    return n
  }

  /** Sends everything queued now; resolves once it (and every earlier send) was handed to gossip. */
  async flush (): Promise<void> {
    this.scheduled?.cancel()
    this.scheduled = undefined
    const batches = [...this.queues]
    this.queues.clear()
    if (batches.length > 0) this.lastSent = this.now()
    const previous = this.sending
    this.sending = (async () => {
      await previous
      for (const [topic, records] of batches) {
        for (const bundle of packBundles(records, this.maxBytes)) {
          // the sender logs its failures; a failed bundle must not hold back the next ones
          await this.init.send(topic, encodeBundle(bundle)).catch(() => {})
        }
      }
    })()
    await this.sending
  }

  /** Drops what is queued for one topic (the group was left). */
  drop (topic: string): void {
    this.queues.delete(topic)
  }

  /** Drops whatever is queued (the node is stopping). */
  close (): void {
    this.scheduled?.cancel()
    this.scheduled = undefined
    this.queues.clear()
  }
}
