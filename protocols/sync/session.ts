/**
 * The networking half of a sync session: length-prefixed protobuf messages on one libp2p
 * stream, every read bounded in size and time, writes serialised in one queue, and a window of
 * pages (Records and Symbols messages) a sender may have in flight before the receiver
 * acknowledges them — so a slow `apply` holds the sender back instead of overflowing buffers.
 * Acknowledgements bypass the queue, so two sides streaming pages at each other never wait on
 * each other's queue.
 */
import type { AbortOptions, Stream } from '@libp2p/interface'
import { type LengthPrefixedStream, lpStream } from '@libp2p/utils'
import { isPeerhoodError, PeerhoodError } from '../common/errors.ts'

/** A protobuf codec as protons generates it. */
export interface MessageCodec<T> {
  encode (message: T): Uint8Array
  decode (bytes: Uint8Array, options?: { limits?: Record<string, unknown> }): T
}

/** Options of a {@link Session}. */
export interface SessionInit<In, Out> {
  /** Codec of the messages read. */
  incoming: MessageCodec<In>
  /** Codec of the messages written. */
  outgoing: MessageCodec<Out>
  /** protons decode limits for incoming messages. */
  decodeLimits?: Record<string, unknown>
  /** Whether a message counts against the page window. */
  isPage (message: In | Out): boolean
  /** The cumulative acknowledgement carried by a message (0 when none). */
  ackOf (message: In): number
  /** A message that only acknowledges `pages` pages. */
  ackMessage (pages: number): Out
  /** Largest message read, in bytes. */
  maxMessageBytes: number
  /** Pages a sender may have unacknowledged. */
  windowPages: number
  /** Time allowed for each read, in milliseconds. */
  messageTimeoutMs: number
  /** Aborts the whole session (user signal and session time limit). */
  signal: AbortSignal
}

function varintLength (value: number): number {
  let length = 1
  while (value >= 0x80) {
    value = Math.floor(value / 0x80)
    length++
  }
  return length
}

/** Maps a stream or codec failure to a stable code. */
export function sessionError (err: unknown): unknown {
  if (isPeerhoodError(err)) return err
  const name = (err as Error | undefined)?.name
  if (name === 'TimeoutError') return new PeerhoodError('TIMEOUT', 'the sync peer did not answer in time', { cause: err })
  if (name === 'AbortError') return err
  if (name === 'InvalidDataLengthError' || name === 'InvalidDataLengthLengthError') return new PeerhoodError('MESSAGE_TOO_LARGE', 'a sync message is larger than allowed', { cause: err })
  if (name === 'InvalidMessageLengthError') return new PeerhoodError('INVALID_MESSAGE', 'a malformed sync message', { cause: err })
  return new PeerhoodError('CONNECTION_FAILED', 'the sync stream failed', { cause: err })
}

/** One side of a session on a stream. */
export class Session<In, Out> {
  /** Bytes written, length prefixes included. */
  bytesSent = 0
  /** Bytes read, length prefixes included. */
  bytesReceived = 0
  readonly #stream: Stream
  readonly #lp: LengthPrefixedStream<Stream>
  readonly #init: SessionInit<In, Out>
  readonly #failure = new AbortController()
  readonly #halt = new AbortController()
  readonly #signal: AbortSignal
  readonly #haltOrAbort: AbortSignal
  #queue: Promise<void> = Promise.resolve()
  #error?: unknown
  #pagesSent = 0
  #pagesAcked = 0
  #pagesReceived = 0
  #acked = Promise.withResolvers<void>()

  constructor (stream: Stream, init: SessionInit<In, Out>) {
    this.#stream = stream
    this.#init = init
    this.#signal = AbortSignal.any([init.signal, this.#failure.signal])
    this.#haltOrAbort = AbortSignal.any([this.#signal, this.#halt.signal])
    // the buffer holds at most the window of pages plus the control messages around them
    this.#lp = lpStream(stream, { maxDataLength: init.maxMessageBytes, maxBufferSize: (init.windowPages + 2) * init.maxMessageBytes })
  }

  /** The next message, or undefined once the remote closed its side. Throws a PeerhoodError. */
  async read (): Promise<In | undefined> {
    this.#throwIfFailed()
    const signal = AbortSignal.any([this.#signal, AbortSignal.timeout(this.#init.messageTimeoutMs)])
    let data: Uint8Array
    try {
      data = (await this.#lp.read({ signal })).subarray()
    } catch (err) {
      this.#throwIfFailed()
      if ((err as Error | undefined)?.name === 'UnexpectedEOFError') {
        // the remote closed its side: pages of ours it has not acknowledged never will be, and
        // writes waiting for room in the window must end now, not at the session timeout
        if (this.#pagesSent > this.#pagesAcked) this.#fail(new PeerhoodError('CONNECTION_FAILED', 'the sync peer closed before acknowledging every page'))
        return undefined
      }
      // a broken (or silent) stream fails the whole session, the writes waiting for
      // acknowledgements included (a relayed circuit cut at its data limit left a responder
      // waiting for 10 minutes); a malformed message is still answered with a Status
      const error = sessionError(err)
      if (!isPeerhoodError(error, 'MESSAGE_TOO_LARGE') && !isPeerhoodError(error, 'INVALID_MESSAGE')) this.#fail(error)
      throw error
    }
    this.bytesReceived += data.byteLength + varintLength(data.byteLength)
    let message: In
    try {
      message = this.#init.incoming.decode(data, { limits: this.#init.decodeLimits })
    } catch (err) {
      throw new PeerhoodError('INVALID_MESSAGE', 'a malformed sync message', { cause: err })
    }
    const ack = this.#init.ackOf(message)
    if (ack > this.#pagesAcked) {
      this.#pagesAcked = Math.min(ack, this.#pagesSent)
      this.#acked.resolve()
      this.#acked = Promise.withResolvers<void>()
    }
    return message
  }

  /** Queues a message; pages wait for room in the window. */
  send (message: Out): void {
    this.#enqueue(async () => { await this.#write(message) })
  }

  /** Queues the messages of an async source, in order, after what is already queued. */
  sendAll (messages: AsyncIterable<Out>): void {
    this.#enqueue(async () => {
      for await (const message of messages) {
        if (this.#halt.signal.aborted) return
        await this.#write(message)
      }
    })
  }

  /** Acknowledges one more page read and processed (written at once, outside the queue). */
  ack (): void {
    this.#pagesReceived++
    this.#writeNow(this.#init.ackMessage(this.#pagesReceived)).catch(err => { this.#fail(err) })
  }

  /** Waits for every queued write; throws the first write failure. */
  async flush (): Promise<void> {
    await this.#queue
    this.#throwIfFailed()
  }

  /** Flushes and half-closes the stream. */
  async close (options: AbortOptions = {}): Promise<void> {
    await this.flush()
    await this.#stream.close({ signal: options.signal ?? this.#signal })
  }

  /**
   * Ends a session that failed on our side: drops what is queued, writes `message` (the
   * reason) at once and half-closes.
   */
  async refuse (message: Out): Promise<void> {
    this.#halt.abort()
    this.#throwIfFailed()
    await this.#writeNow(message)
    await this.#stream.close({ signal: this.#signal })
  }

  /**
   * Ends a session that succeeded: flushes and half-closes while still reading (the pages
   * queued last wait for acknowledgements), until the remote closes too.
   */
  async finish (): Promise<void> {
    await Promise.all([this.close(), this.#drain()])
  }

  async #drain (): Promise<void> {
    try {
      while (await this.read() !== undefined) { /* acknowledgements */ }
    } catch {
      // the close (or the caller's abort) reports what went wrong
    }
  }

  #enqueue (task: () => Promise<void>): void {
    this.#queue = this.#queue.then(async () => {
      if (this.#error === undefined && !this.#halt.signal.aborted) await task()
    }).catch(err => {
      if (!this.#halt.signal.aborted) this.#fail(err)
    })
  }

  async #write (message: Out): Promise<void> {
    if (this.#init.isPage(message)) {
      while (this.#pagesSent - this.#pagesAcked >= this.#init.windowPages) {
        await this.#untilAcked()
      }
      this.#pagesSent++
    }
    await this.#writeNow(message)
  }

  async #untilAcked (): Promise<void> {
    const signal = this.#haltOrAbort
    signal.throwIfAborted()
    const aborted = Promise.withResolvers<void>()
    const onAbort = (): void => { aborted.resolve() }
    signal.addEventListener('abort', onAbort, { once: true })
    try {
      await Promise.race([this.#acked.promise, aborted.promise])
    } finally {
      signal.removeEventListener('abort', onAbort)
    }
    signal.throwIfAborted()
  }

  async #writeNow (message: Out): Promise<void> {
    const bytes = this.#init.outgoing.encode(message)
    this.bytesSent += bytes.byteLength + varintLength(bytes.byteLength)
    await this.#lp.write(bytes, { signal: this.#signal })
  }

  #fail (err: unknown): void {
    if (this.#error !== undefined) return
    this.#error = sessionError(err)
    this.#failure.abort(this.#error)
  }

  #throwIfFailed (): void {
    if (this.#error !== undefined) throw this.#error
    if (this.#init.signal.aborted) throw sessionError(this.#init.signal.reason)
  }
}
