/**
 * One live direct connection over its stream: a read loop that delivers `Data` frames until the
 * stream ends, a write queue that honours backpressure, keep-alives while idle, and one end
 * reason however it ends.
 */
import type { AbortOptions, Connection, Stream } from '@libp2p/interface'
import type { LengthPrefixedStream } from '@libp2p/utils'
import { decodeDataFrame, KEEP_ALIVE_FRAME, writeFrame } from './frames.ts'
import { endReason } from './rules.ts'
import { asError, untilAborted } from '../common/signals.ts'
import type { DirectEndReason, DirectMessage } from './types.ts'

/** Errors of `lpStream` for a length prefix that is invalid or over the limit. */
const BAD_LENGTH = new Set(['InvalidMessageLengthError', 'InvalidDataLengthError', 'InvalidDataLengthLengthError'])

/** Settings of a channel (resolved by the service). */
export interface ChannelOptions {
  /** Largest `data` accepted in a frame, in bytes; a bigger one resets the stream. */
  maxDataBytes: number
  /** Interval of keep-alives while nothing is sent, in milliseconds; 0 for none. */
  keepAliveMs: number
  /** Time a graceful close may take before the stream is reset, in milliseconds. */
  closeTimeoutMs: number
}

/** What a channel reports to its owner. */
export interface ChannelHooks {
  /** A valid message arrived. */
  onMessage: (message: DirectMessage) => void
  /** The connection ended (called once). */
  onEnd: (reason: DirectEndReason) => void
}

/** A direct connection's stream once the open handshake succeeded. */
export class Channel {
  private tail: Promise<void> = Promise.resolve()
  private reason?: DirectEndReason
  private wrote = false
  private timer?: NodeJS.Timeout
  private loop: Promise<void> = Promise.resolve()

  constructor (
    private readonly stream: Stream,
    private readonly connection: Connection,
    private readonly lp: LengthPrefixedStream<Stream>,
    private readonly options: ChannelOptions,
    private readonly hooks: ChannelHooks
  ) {}

  /** Whether the connection has ended. */
  get ended (): boolean {
    return this.reason !== undefined
  }

  /** Starts reading and, when configured, sending keep-alives. */
  start (): void {
    this.loop = this.read()
    // a `connected` listener may already have closed it
    if (this.options.keepAliveMs > 0 && !this.ended) {
      this.timer = setInterval(() => { this.keepAlive() }, this.options.keepAliveMs)
      this.timer.unref()
    }
  }

  /** Queues a ready frame behind earlier ones; resolves once the stream accepted it. */
  async send (frame: Uint8Array, options: AbortOptions = {}): Promise<void> {
    this.wrote = true
    await this.enqueue(frame, options)
  }

  /** Closes gracefully (flushing queued frames), waits for the peer's end, resets if it lingers. */
  async close (reason: DirectEndReason): Promise<void> {
    this.end(reason)
    await this.shutdown(true)
  }

  /** Resets the stream at once: queued frames are dropped. */
  abort (reason: DirectEndReason, err: Error = new Error(`direct connection ${reason}`)): void {
    this.end(reason)
    this.stream.abort(err)
  }

  private async read (): Promise<void> {
    let malformed = false
    let failed = false
    try {
      while (true) {
        const frame = decodeDataFrame(await this.lp.read(), this.options.maxDataBytes)
        if (frame.kind === 'malformed') {
          malformed = true
          break
        }
        // after a local close the peer may still send until it sees our end; drop it
        if (frame.kind === 'data' && !this.ended) this.hooks.onMessage(frame.message)
      }
    } catch (err) {
      malformed = BAD_LENGTH.has(asError(err).name)
      failed = asError(err).name !== 'UnexpectedEOFError'
    }
    const reason = endReason({ failed, malformed, streamStatus: this.stream.status, connectionStatus: this.connection.status })
    if (reason === 'protocol-error') {
      this.abort(reason)
    } else {
      this.end(reason)
      // the peer closed its side: close ours after what is queued, so the stream ends cleanly
      if (reason === 'remote-close') await this.shutdown(false)
    }
  }

  private async enqueue (frame: Uint8Array, options: AbortOptions): Promise<void> {
    const write = this.tail.then(async () => { await writeFrame(this.stream, frame, options) })
    this.tail = write.catch(() => {})
    await write
  }

  /** Half-closes our side after the queued frames; with `waitForPeer`, also waits for the peer's side. */
  private async shutdown (waitForPeer: boolean): Promise<void> {
    const signal = AbortSignal.timeout(this.options.closeTimeoutMs)
    try {
      await untilAborted(this.tail, signal)
      await this.stream.close({ signal })
      if (waitForPeer) await untilAborted(this.loop, signal)
    } catch (err) {
      this.stream.abort(asError(err))
    }
  }

  private keepAlive (): void {
    if (this.wrote || this.ended) {
      this.wrote = false
      return
    }
    this.enqueue(KEEP_ALIVE_FRAME, { signal: AbortSignal.timeout(this.options.keepAliveMs) }).catch(() => {})
  }

  private end (reason: DirectEndReason): void {
    if (this.reason !== undefined) return
    this.reason = reason
    clearInterval(this.timer)
    this.hooks.onEnd(reason)
  }
}
