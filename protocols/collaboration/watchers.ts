/**
 * The watchers of this node: open inbound subscriptions, at most one per peer and
 * `MAX_WATCHERS` in all. Frames to one watcher go out in order through its own queue; a watcher
 * that falls `MAX_PENDING_FRAMES` behind gets a whole new snapshot instead of the backlog.
 */
import type { Stream } from '@libp2p/interface'
import type { ProtobufStream } from '@libp2p/utils'
import { MAX_PENDING_FRAMES } from './constants.ts'
import { type Frame, Frame as FrameCodec } from './pb/collab.ts'

/** One open inbound subscription. */
export class Watcher {
  /** The watcher's PeerId (its endpoint). */
  readonly peerId: string
  /** The identity its endpoint certificate proved (its PeerId when it presented none): the contact it is. */
  readonly identity: string
  readonly #stream: Stream
  readonly #pb: ProtobufStream
  #queue: Promise<void> = Promise.resolve()
  #pending = 0
  #closed = false
  /** Set when the backlog overflowed: the next push is a whole snapshot. */
  needsSnapshot = false

  readonly #snapshot: () => Frame[]

  /** `snapshot` makes the whole snapshot sent after the backlog overflowed; `identity` is the contact the watcher proved to be. */
  constructor (peerId: string, stream: Stream, pb: ProtobufStream, snapshot: () => Frame[], identity = peerId) {
    this.peerId = peerId
    this.identity = identity
    this.#stream = stream
    this.#pb = pb
    this.#snapshot = snapshot
  }

  /** Whether the stream is gone. */
  get closed (): boolean { return this.#closed }

  /**
   * Queues frames; returns false when a single change would overflow the backlog (the caller
   * sends a whole snapshot instead, which is always queued).
   */
  push (frames: Frame[], signalMs: number): boolean {
    if (this.#closed) return false
    if (frames.length === 1 && (this.needsSnapshot || this.#pending + 1 > MAX_PENDING_FRAMES)) {
      this.needsSnapshot = true
      return false
    }
    this.#pending += frames.length
    this.#queue = this.#queue.then(async () => {
      for (const f of frames) {
        if (this.#closed) return
        await this.#pb.write(f, FrameCodec, { signal: AbortSignal.timeout(signalMs) })
        this.#pending--
      }
      if (this.#pending === 0 && this.needsSnapshot) {
        this.needsSnapshot = false
        this.push(this.#snapshot(), signalMs)
      }
    }).catch((err: Error) => { this.abort(err) })
    return true
  }

  /** Sends `last` (if any), then closes the stream. */
  async end (last?: Frame, signalMs = 5_000): Promise<void> {
    if (this.#closed) return
    if (last !== undefined) this.push([last], signalMs)
    await this.#queue
    this.#closed = true
    await this.#stream.close({ signal: AbortSignal.timeout(signalMs) }).catch((err: Error) => { this.#stream.abort(err) })
  }

  /** Resets the stream. */
  abort (err: Error): void {
    this.#closed = true
    this.#stream.abort(err)
  }

  /** Marks it closed (the stream went away). */
  markClosed (): void { this.#closed = true }
}

/** The open subscriptions, one per peer. */
export class WatcherRegistry {
  readonly #byPeer = new Map<string, Watcher>()
  readonly #max: number

  constructor (max: number) {
    this.#max = max
  }

  /** Whether there is room for one more (a peer's second subscription replaces its first). */
  hasRoom (peerId: string): boolean {
    return this.#byPeer.has(peerId) || this.#byPeer.size < this.#max
  }

  /** Adds a watcher; returns the one it replaced. */
  add (watcher: Watcher): Watcher | undefined {
    const old = this.#byPeer.get(watcher.peerId)
    this.#byPeer.set(watcher.peerId, watcher)
    return old
  }

  /** Removes this very watcher (not a newer one of the same peer). */
  remove (watcher: Watcher): void {
    if (this.#byPeer.get(watcher.peerId) === watcher) this.#byPeer.delete(watcher.peerId)
  }

  /** The watcher of a peer. */
  get (peerId: string): Watcher | undefined { return this.#byPeer.get(peerId) }

  /** Every watcher. */
  all (): Watcher[] { return [...this.#byPeer.values()] }

  /** Number of watchers. */
  get size (): number { return this.#byPeer.size }
}
