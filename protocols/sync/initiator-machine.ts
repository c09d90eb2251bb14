/**
 * The initiator's side of a sync session as a pure state machine: responder messages in,
 * actions out. No I/O and no clock; the driver (initiator.ts, or a test) runs the actions.
 *
 * Hello → [Status (+ symbol batch)] → (Request → symbol batch)* → Want (+ pushed records)
 * → [records] → Done.
 */
import { MAX_ESTIMATOR_CELLS, MAX_SET_SIZE, SYMBOL_BYTES } from './constants.ts'
import { estimateDifference } from './estimate.ts'
import { responderPart } from './messages.ts'
import type { InitiatorMessage, Records, ResponderMessage, Symbols } from './pb/sync.ts'
import { Status } from './pb/sync.ts'
import { maxSymbols, nextRequest } from './policy.ts'
import { type Decoder, type Encoder, Encoder as RibltEncoder } from './riblt.ts'
import type { SetIndex } from './set-index.ts'
import { invalid, statusError } from './status.ts'
import { decodeCoded, decodeSymbols, encodeSymbols } from './symbols.ts'
import type { ApplyResult, SyncLimits, SyncMode, SyncProgress } from './types.ts'

/** What the initiator machine asks its driver to do, in order. */
export type InitiatorAction =
  /** Write this message. */
  | { type: 'send', message: InitiatorMessage }
  /** Fetch these records and write them as Records pages, the last one flagged. */
  | { type: 'push', hashes: Uint8Array[] }
  /** Give these records to the local set, then call {@link InitiatorMachine.applied}. */
  | { type: 'apply', records: Uint8Array[] }
  /** Report progress of the records received. */
  | { type: 'progress', progress: SyncProgress }
  /** The session is complete: close the stream. */
  | { type: 'done' }

/** Parameters of one initiator session. */
export interface InitiatorMachineInit {
  /** The group being reconciled. */
  groupId: string
  /** The agreed cutoff (ms since the epoch): the local index was built with it. */
  cutoff: number
  /** Size limits. */
  limits: SyncLimits
}

type State = 'new' | 'hello' | 'symbols' | 'transfer' | 'done'
interface Batch { kind: 'any' | 'coded' | 'list', limit: number }

/** The initiator role of one session. */
export class InitiatorMachine {
  readonly #index: SetIndex
  readonly #init: InitiatorMachineInit
  #state: State = 'new'
  #remoteSize = 0
  #batch: Batch = { kind: 'any', limit: 0 }
  #batchReceived = 0
  #codedReceived = 0
  #encoder?: Encoder
  #decoder?: Decoder
  readonly #residuals: number[] = []
  readonly #list: BigUint64Array[] = []
  #listed = 0
  #lastListed = -1n
  #wanted = 0

  /** How the difference was found, once known. */
  mode?: SyncMode
  /** Messages sent that waited for an answer: Hello, each Request, Want. */
  roundTrips = 0
  /** Symbols received (coded and listed). */
  symbols = 0
  /** Records received. */
  recordsReceived = 0
  /** Records the machine asked the driver to push. */
  recordsToPush = 0
  /** Received records the local set accepted. */
  accepted = 0
  /** Received records the local set refused. */
  rejected = 0
  /** Pushed records the responder accepted. */
  remoteAccepted = 0
  /** Pushed records the responder refused. */
  remoteRejected = 0

  constructor (index: SetIndex, init: InitiatorMachineInit) {
    this.#index = index
    this.#init = init
  }

  /** Whether the session is complete. */
  get done (): boolean {
    return this.#state === 'done'
  }

  /** The opening message. */
  start (): InitiatorAction[] {
    if (this.#state !== 'new') throw new Error('already started')
    this.#state = 'hello'
    this.roundTrips++
    return [{
      type: 'send',
      message: {
        hello: { groupId: this.#init.groupId, cutoff: this.#init.cutoff, setSize: this.#index.size, setDigest: this.#index.digest as Uint8Array<ArrayBuffer> },
        ack: 0
      }
    }]
  }

  /** Handles one responder message; throws a PeerhoodError (`INVALID_MESSAGE`, or the refusal's code). */
  receive (message: ResponderMessage): InitiatorAction[] {
    const part = responderPart(message)
    if (part === 'ack') return []
    if (part === 'status') return this.#onStatus(message.status!)
    if (this.#state === 'symbols' && part === 'symbols') return this.#onSymbols(message.symbols!)
    if (this.#state === 'transfer' && part === 'records') return this.#onRecords(message.records!)
    if (this.#state === 'transfer' && part === 'done') {
      this.remoteAccepted = message.done!.accepted
      this.remoteRejected = message.done!.rejected
      return this.#finish()
    }
    throw invalid(`unexpected ${part} message`, { state: this.#state })
  }

  /** Records what the local set made of an `apply`. */
  applied (result: ApplyResult): InitiatorAction[] {
    this.accepted += result.accepted
    this.rejected += result.rejected
    return []
  }

  /** Releases the wasm memory of the coder (safe to call more than once). */
  free (): void {
    this.#encoder?.free()
    this.#decoder?.free()
    this.#encoder = undefined
    this.#decoder = undefined
  }

  #finish (): InitiatorAction[] {
    this.#state = 'done'
    this.free()
    return [{ type: 'done' }]
  }

  #onStatus (status: Status): InitiatorAction[] {
    if (status.code !== Status.Code.OK && status.code !== Status.Code.IN_SYNC) throw statusError(status.code)
    if (this.#state !== 'hello') throw invalid('unexpected status', { state: this.#state })
    if (status.code === Status.Code.IN_SYNC) {
      this.mode = 'in-sync'
      return this.#finish()
    }
    if (!Number.isSafeInteger(status.setSize) || status.setSize > MAX_SET_SIZE) throw invalid('set size out of range')
    this.#remoteSize = status.setSize
    if (this.#index.size === 0) {
      this.mode = 'pull-all'
      this.#state = 'transfer'
      return []
    }
    if (this.#remoteSize === 0) {
      this.mode = 'push-all'
      return this.#want([], this.#index.symbols)
    }
    this.#state = 'symbols'
    this.#batch = { kind: 'any', limit: maxSymbols(this.#index.size, this.#remoteSize) }
    return []
  }

  #onSymbols (page: Symbols): InitiatorAction[] {
    const coded = page.coded.byteLength > 0
    const listed = page.list.byteLength > 0
    if (coded && listed) throw invalid('a symbols page carries both coded and listed symbols')
    if (coded) {
      if (this.#batch.kind === 'list') throw invalid('coded symbols where a list was asked for')
      this.#batch = { kind: 'coded', limit: this.#batch.limit }
      this.mode = 'coded'
      this.#addCoded(page.coded)
    } else if (listed || this.#batch.kind === 'list') {
      if (this.#batch.kind === 'coded') throw invalid('a list where coded symbols were asked for')
      this.#batch = { kind: 'list', limit: 0 }
      this.mode = 'list'
      this.#addListed(page.list)
    } else if (this.#batch.kind === 'any' || !page.last) {
      throw invalid('an empty symbols page')
    }
    if (!page.last) return []
    return this.#batch.kind === 'list' ? this.#diffList() : this.#decodeOrAsk()
  }

  #addCoded (bytes: Uint8Array): void {
    const cells = decodeCoded(bytes)
    const limit = this.#batch.limit
    this.#batchReceived += cells.length
    if (this.#batchReceived > limit) throw invalid('more coded symbols than asked for', { limit })
    if (this.#encoder === undefined) {
      this.#encoder = RibltEncoder.of(this.#index.symbols)
      this.#decoder = this.#encoder.toDecoder()
    }
    for (const cell of cells) {
      this.#decoder!.add(cell)
      if (this.#residuals.length < MAX_ESTIMATOR_CELLS) this.#residuals.push(Number(cell.count - this.#encoder.next().count))
    }
    this.#codedReceived += cells.length
    this.symbols += cells.length
  }

  #addListed (bytes: Uint8Array): void {
    const symbols = decodeSymbols(bytes)
    for (const symbol of symbols) {
      if (symbol <= this.#lastListed) throw invalid('listed symbols are not strictly ascending')
      this.#lastListed = symbol
    }
    this.#listed += symbols.length
    if (this.#listed > this.#remoteSize) throw invalid('more listed symbols than the responder holds')
    this.#list.push(symbols)
    this.symbols += symbols.length
  }

  #decodeOrAsk (): InitiatorAction[] {
    const decoded = this.#decoder!.tryDecode()
    if (decoded === true) return this.#want(this.#decoder!.remote(), this.#decoder!.local())
    const next = decoded === undefined
      ? { list: true as const }
      : nextRequest(this.#codedReceived, estimateDifference(this.#residuals), this.#index.size, this.#remoteSize)
    this.#batchReceived = 0
    this.#batch = 'list' in next ? { kind: 'list', limit: 0 } : { kind: 'coded', limit: next.symbols }
    this.roundTrips++
    return [{ type: 'send', message: { request: 'list' in next ? { symbols: 0, list: true } : { symbols: next.symbols, list: false }, ack: 0 } }]
  }

  #diffList (): InitiatorAction[] {
    const local = this.#index.symbols
    const remoteOnly: bigint[] = []
    const localOnly: bigint[] = []
    let i = 0
    for (const chunk of this.#list) {
      for (const symbol of chunk) {
        while (i < local.length && local[i]! < symbol) localOnly.push(local[i++]!)
        if (i < local.length && local[i] === symbol) i++
        else remoteOnly.push(symbol)
      }
    }
    while (i < local.length) localOnly.push(local[i++]!)
    this.#list.length = 0
    return this.#want(remoteOnly, localOnly)
  }

  #want (remoteOnly: ArrayLike<bigint>, localOnly: Iterable<bigint>): InitiatorAction[] {
    const wanted: bigint[] = []
    for (let i = 0; i < remoteOnly.length; i++) {
      if (this.#index.hashes(remoteOnly[i]!).length === 0) wanted.push(remoteOnly[i]!)
    }
    const push: Uint8Array[] = []
    for (const symbol of localOnly) push.push(...this.#index.hashes(symbol))
    this.free()
    this.#wanted = wanted.length
    this.recordsToPush = push.length
    this.#state = 'transfer'
    this.roundTrips++

    const perPage = Math.max(1, Math.floor((this.#init.limits.maxMessageBytes - 64) / SYMBOL_BYTES))
    const actions: InitiatorAction[] = []
    for (let start = 0; start === 0 || start < wanted.length; start += perPage) {
      const last = start + perPage >= wanted.length
      const symbols = encodeSymbols(wanted.slice(start, start + perPage))
      actions.push({ type: 'send', message: { want: { symbols, push: last ? push.length : 0, last }, ack: 0 } })
    }
    if (push.length > 0) actions.push({ type: 'push', hashes: push })
    return actions
  }

  #onRecords (page: Records): InitiatorAction[] {
    if (page.records.length > this.#init.limits.maxRecordsPerMessage) throw invalid('too many records in one page')
    this.recordsReceived += page.records.length
    const total = Math.max(this.recordsReceived, this.mode === 'pull-all' ? this.#remoteSize : this.#wanted)
    const actions: InitiatorAction[] = []
    if (page.records.length > 0) actions.push({ type: 'apply', records: page.records })
    actions.push({ type: 'progress', progress: { received: this.recordsReceived, total } })
    return actions
  }
}
