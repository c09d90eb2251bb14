/**
 * Ed25519 verifications on worker threads, a batch at a time. A cold join checks 10,000 record
 * signatures (75–160 µs each on the 2-core VM, by library); dispatched one by one to libuv's thread pool,
 * each cost the event loop 15–19 µs of job setup and a message copy, about 0.19 s of a 10k join's
 * main thread. Here a batch crosses to a thread as one transferred buffer and comes back as one
 * byte per check.
 *
 * Threads start at the first batch and stop after {@link Ed25519VerifyPoolInit.idleTimeoutMs}
 * without work, so an idle node holds none. A thread that fails (or cannot start) costs nothing
 * but speed: its batch is verified on the calling thread, and after a failed start the pool
 * verifies everything there.
 */
import { availableParallelism } from 'node:os'
import { Worker } from 'node:worker_threads'
import { ed25519Verify } from './ed25519-verify.ts'
import { type Ed25519Check, packable, packChecks } from './ed25519-batch.ts'
import type { VerifyRequest, VerifyResponse } from './ed25519-verify-worker.ts'

/** Options of an {@link Ed25519VerifyPool}. */
export interface Ed25519VerifyPoolInit {
  /** Worker threads. @default the machine's available parallelism (at least 1) */
  threads?: number
  /** Batches with fewer checks are verified on the calling thread (a round trip costs more). @default 16 */
  minBatch?: number
  /** A thread with no work for this long is stopped, in milliseconds. @default 10000 */
  idleTimeoutMs?: number
}

interface Pending {
  resolve: (results: Uint8Array) => void
  reject: (err: Error) => void
}

interface Thread {
  worker: Worker
  pending: Map<number, Pending>
  idle?: ReturnType<typeof setTimeout>
  /** Whether it answered a batch (or was stopped by the pool): its exit then is no sign the pool cannot run threads. */
  answeredOnce?: boolean
}

/**
 * A thread allocates a few small views a check and keeps its keys: a young generation of 2 MB
 * holds that. Inherited from a daemon's `--max-semi-space-size=16`, each thread's grew to tens of
 * MB, and a cold sync's peak RSS by 15–19 MB (the OrbitDB comparison's memory ratio, 0.469 → 0.505).
 */
const THREAD_LIMITS = { maxYoungGenerationSizeMb: 2, maxOldGenerationSizeMb: 32 }

const WORKER_URL = new URL(`./ed25519-verify-worker${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url)

/** Verifies batches of Ed25519 signatures on worker threads (see the module comment). */
export class Ed25519VerifyPool {
  readonly threads: number
  private readonly minBatch: number
  private readonly idleTimeoutMs: number
  private readonly running: Array<Thread | undefined>
  private nextId = 0
  /** Set once a thread could not start: every batch is then verified on the calling thread. */
  private broken = false

  constructor (init: Ed25519VerifyPoolInit = {}) {
    this.threads = Math.max(1, init.threads ?? availableParallelism())
    this.minBatch = init.minBatch ?? 16
    this.idleTimeoutMs = init.idleTimeoutMs ?? 10_000
    this.running = new Array(this.threads).fill(undefined)
  }

  /** Threads running now. */
  get runningThreads (): number {
    return this.running.filter(t => t !== undefined).length
  }

  /**
   * Whether each signature is valid, in order. `prefix` (a signature domain) is signed before
   * each message. Never rejects: a failed thread's checks are verified on the calling thread.
   */
  async verifyMany (checks: readonly Ed25519Check[], prefix?: Uint8Array): Promise<boolean[]> {
    const results: boolean[] = new Array(checks.length).fill(false)
    const indices: number[] = []
    checks.forEach((check, i) => { if (packable(check)) indices.push(i) })
    if (indices.length === 0) return results
    if (this.broken || indices.length < this.minBatch) {
      for (const i of indices) results[i] = this.verifyHere(checks[i]!, prefix)
      return results
    }
    const chunks = Math.min(this.threads, Math.ceil(indices.length / this.minBatch))
    const size = Math.ceil(indices.length / chunks)
    await Promise.all(Array.from({ length: chunks }, async (_, c) => {
      const part = indices.slice(c * size, (c + 1) * size)
      const answered = await this.post(c, packChecks(part.map(i => checks[i]!), prefix)).catch(() => undefined)
      part.forEach((i, k) => { results[i] = answered === undefined ? this.verifyHere(checks[i]!, prefix) : answered[k] === 1 })
    }))
    return results
  }

  /**
   * Starts the threads now, so that a batch about to come (a sync session's first page) does not
   * wait for their start-up; they stop again after the idle timeout if none comes.
   */
  warm (): void {
    if (this.broken) return
    for (let slot = 0; slot < this.threads; slot++) {
      const thread = this.thread(slot)
      if (thread !== undefined && thread.pending.size === 0 && thread.idle === undefined) this.rest(slot, thread)
    }
  }

  /** Stops every thread (pending batches are then verified on the calling thread). */
  async close (): Promise<void> {
    await Promise.all(this.running.map(async (thread, slot) => { if (thread !== undefined) await this.stop(slot, thread) }))
  }

  private verifyHere (check: Ed25519Check, prefix: Uint8Array | undefined): boolean {
    const message = prefix === undefined || prefix.byteLength === 0 ? check.message : Buffer.concat([prefix, check.message])
    return ed25519Verify(check.publicKey, message, check.signature)
  }

  private async post (slot: number, packed: Uint8Array): Promise<Uint8Array> {
    const thread = this.thread(slot)
    if (thread === undefined) throw new Error('no verify thread')
    if (thread.idle !== undefined) clearTimeout(thread.idle)
    thread.idle = undefined
    const id = this.nextId++
    const answer = new Promise<Uint8Array>((resolve, reject) => { thread.pending.set(id, { resolve, reject }) })
    if (thread.pending.size === 1) thread.worker.ref()
    const request: VerifyRequest = { id, packed }
    thread.worker.postMessage(request, [packed.buffer as ArrayBuffer])
    return await answer
  }

  private thread (slot: number): Thread | undefined {
    const existing = this.running[slot]
    if (existing !== undefined) return existing
    let worker: Worker
    try {
      worker = new Worker(WORKER_URL, { resourceLimits: THREAD_LIMITS })
    } catch {
      this.broken = true
      return undefined
    }
    worker.unref()
    const thread: Thread = { worker, pending: new Map() }
    this.running[slot] = thread
    worker.on('message', (response: VerifyResponse) => {
      const pending = thread.pending.get(response.id)
      if (pending === undefined) return
      thread.pending.delete(response.id)
      if (response.results !== undefined) pending.resolve(response.results)
      else pending.reject(new Error(response.error ?? 'verify thread failed'))
      if (thread.pending.size === 0) this.rest(slot, thread)
    })
    const fail = (err: Error): void => {
      // a thread that never answered one batch probably cannot start here (no worker file, no threads)
      if (!thread.answeredOnce) this.broken = true
      if (this.running[slot] === thread) this.running[slot] = undefined
      for (const pending of thread.pending.values()) pending.reject(err)
      thread.pending.clear()
    }
    worker.once('message', () => { thread.answeredOnce = true })
    worker.on('error', fail)
    worker.on('exit', code => { fail(new Error(`verify thread exited with code ${code}`)) })
    return thread
  }

  /** With nothing pending, lets the process exit, and stops the thread after the idle timeout. */
  private rest (slot: number, thread: Thread): void {
    thread.worker.unref()
    thread.idle = setTimeout(() => { void this.stop(slot, thread) }, this.idleTimeoutMs)
    thread.idle.unref?.()
  }

  private async stop (slot: number, thread: Thread): Promise<void> {
    if (thread.idle !== undefined) clearTimeout(thread.idle)
    if (this.running[slot] === thread) this.running[slot] = undefined
    // answered already: its exit is not a failure
    thread.answeredOnce = true
    await thread.worker.terminate()
  }
}

let shared: Ed25519VerifyPool | undefined

/** The process-wide pool (created at first use). */
export function sharedVerifyPool (): Ed25519VerifyPool {
  shared ??= new Ed25519VerifyPool()
  return shared
}
