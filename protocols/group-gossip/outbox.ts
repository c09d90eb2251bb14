/**
 * The gossip outbox: records published in one burst leave as bundles. A record is queued, and
 * the queue is sent once the current turn of the event loop has run (`setImmediate`), packed
 * into bundles of up to `maxBytes`. A lone record therefore leaves at once, as its own bundle,
 * while a burst (an application adding records in a loop, a joiner's first records) pays the
 * per-message cost of gossip once per bundle instead of once per record. Nothing waits on a
 * timer, so a quiet group sees no added latency.
 */
import { BUNDLE_OVERHEAD_PER_RECORD, DEFAULT_BUNDLE_BYTES, MAX_BUNDLE_RECORDS, encodeBundle } from './bundle.ts'

/** Hands one bundle to gossip. Failures are the sender's to log; the outbox goes on. */
export type BundleSender = (topic: string, bundle: Uint8Array) => Promise<void>

/** Options of {@link GossipOutbox}. */
export interface GossipOutboxInit {
  /** Sends a bundle on a topic. */
  send: BundleSender
  /** Size a bundle is filled up to, in bytes (a larger record still leaves, alone). @default 65536 */
  maxBytes?: number
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

/** Queues records per topic and sends them as bundles after the current event-loop turn. */
export class GossipOutbox {
  private readonly queues = new Map<string, Uint8Array[]>()
  private scheduled?: ReturnType<typeof setImmediate>
  private sending: Promise<void> = Promise.resolve()
  private readonly maxBytes: number

  constructor (private readonly init: GossipOutboxInit) {
    this.maxBytes = init.maxBytes ?? DEFAULT_BUNDLE_BYTES
  }

  /** Queues a signed record for `topic`. */
  enqueue (topic: string, record: Uint8Array): void {
    const queue = this.queues.get(topic)
    if (queue === undefined) this.queues.set(topic, [record])
    else queue.push(record)
    this.scheduled ??= setImmediate(() => { void this.flush() })
  }

  /** Records queued and not yet handed to gossip. */
  get pending (): number {
    let n = 0
    for (const q of this.queues.values()) n += q.length
    return n
  }

  /** Sends everything queued now; resolves once it (and every earlier send) was handed to gossip. */
  async flush (): Promise<void> {
    if (this.scheduled !== undefined) clearImmediate(this.scheduled)
    this.scheduled = undefined
    const batches = [...this.queues]
    this.queues.clear()
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
    if (this.scheduled !== undefined) clearImmediate(this.scheduled)
    this.scheduled = undefined
    this.queues.clear()
  }
}
