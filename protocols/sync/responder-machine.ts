/**
 * The responder's side of a sync session as a pure state machine: initiator messages in,
 * actions out. No I/O and no clock; the driver (responder.ts, or a test) runs the actions.
 *
 * On Hello it answers with a Status, then (when the sets differ) a first batch of coded
 * symbols, or its symbol list when that is cheaper, or every record when the initiator is
 * empty. It serves Requests, then the Want, and ends with Done once the pushed records are
 * applied.
 */
import { PeerhoodError } from '../common/errors.ts'
import { DIGEST_BYTES, MAX_GROUP_ID_BYTES, MAX_SET_SIZE, SYMBOL_BYTES } from './constants.ts'
import { initiatorPart } from './messages.ts'
import type { Hello, InitiatorMessage, Records, Request, ResponderMessage, Want } from './pb/sync.ts'
import { Status } from './pb/sync.ts'
import { initialSymbols, listIsCheaper, maxSymbols } from './policy.ts'
import { type CodedSymbol, Encoder } from './riblt.ts'
import { EMPTY_SET_INDEX, type SetIndex } from './set-index.ts'
import { invalid } from './status.ts'
import { decodeSymbols, encodeCoded, encodeSymbols } from './symbols.ts'
import type { ApplyResult, SyncLimits, SyncMode } from './types.ts'
import { sameBytes } from '../common/bytes.ts'

/** What the responder machine asks its driver to do, in order. */
export type ResponderAction =
  /** Write this message. */
  | { type: 'send', message: ResponderMessage }
  /** Fetch these records and write them as Records pages, the last one flagged. */
  | { type: 'send-records', hashes: readonly Uint8Array[] | AsyncIterable<Uint8Array> }
  /** Give these records to the local set, then call {@link ResponderMachine.applied}. */
  | { type: 'apply', records: Uint8Array[] }
  /** The session is complete: close the stream. */
  | { type: 'done' }

/** Parameters of one responder session. */
export interface ResponderMachineInit {
  /** Size limits. */
  limits: SyncLimits
}

type State = 'new' | 'coded' | 'await-want' | 'wants' | 'push' | 'done'

const EMPTY = new Uint8Array(0)
const utf8 = new TextEncoder()


/** The responder role of one session. */
export class ResponderMachine {
  readonly #hello: Hello
  readonly #index: SetIndex
  readonly #init: ResponderMachineInit
  #state: State = 'new'
  #encoder?: Encoder
  #produced = 0
  #wantedSymbols = 0
  readonly #wanted: Uint8Array[] = []
  #expectedPush = 0
  #lastPending = false
  /** Pages handed to `apply` whose {@link ResponderMachine.applied} has not come yet (the driver may apply several at once). */
  #applying = 0

  /** How the difference was found, once known. */
  mode?: SyncMode
  /** Symbols sent (coded and listed). */
  symbols = 0
  /** Records the machine asked the driver to send. */
  recordsToSend = 0
  /** Records the initiator pushed. */
  recordsReceived = 0
  /** Pushed records the local set accepted. */
  accepted = 0
  /** Pushed records the local set refused. */
  rejected = 0

  /** The set's hashes as they are read, for an initiator that holds nothing ({@link ResponderMachine.streaming}). */
  readonly #stream?: AsyncIterable<Uint8Array>

  /** The set size the Status reports: the index's, or a streamed set's hint. */
  readonly #size: number

  constructor (hello: Hello, index: SetIndex, init: ResponderMachineInit, streamed?: { hashes: AsyncIterable<Uint8Array>, sizeHint: number }) {
    this.#hello = hello
    this.#index = index
    this.#init = init
    this.#stream = streamed?.hashes
    this.#size = Math.min(MAX_SET_SIZE, Math.max(0, Math.trunc(streamed?.sizeHint ?? index.size)))
  }

  /**
   * A machine for an initiator that holds nothing (Hello's set size 0) and a set that is not
   * empty: it sends the set's records as `hashes` yields them, so the first page leaves once the
   * first hashes are read instead of once the whole set is read and indexed (a cold join's first
   * 10,000 records waited some 0.2 s for that). `recordsToSend` is then not known in advance.
   */
  static streaming (hello: Hello, hashes: AsyncIterable<Uint8Array>, sizeHint: number, init: ResponderMachineInit): ResponderMachine {
    if (hello.setSize !== 0) throw new Error('only an empty initiator is served from a stream')
    return new ResponderMachine(hello, EMPTY_SET_INDEX, init, { hashes, sizeHint })
  }

  /** The Hello of an opening message; throws `INVALID_MESSAGE` if it is not a well-formed Hello. */
  static checkHello (message: InitiatorMessage): Hello {
    if (initiatorPart(message) !== 'hello') throw invalid('a session starts with Hello')
    const hello = message.hello!
    const groupIdBytes = utf8.encode(hello.groupId).byteLength
    if (groupIdBytes === 0 || groupIdBytes > MAX_GROUP_ID_BYTES) throw invalid('group id length out of range')
    if (!Number.isSafeInteger(hello.cutoff) || hello.cutoff < 0) throw invalid('cutoff out of range')
    if (!Number.isSafeInteger(hello.setSize) || hello.setSize < 0 || hello.setSize > MAX_SET_SIZE) throw invalid('set size out of range')
    if (hello.setDigest.byteLength !== DIGEST_BYTES) throw invalid('set digest is not 32 bytes')
    return hello
  }

  /** Whether the session is complete. */
  get done (): boolean {
    return this.#state === 'done'
  }

  /** The answer to the Hello. */
  open (): ResponderAction[] {
    if (this.#state !== 'new') throw new Error('already opened')
    const index = this.#index
    const hello = this.#hello
    if (this.#stream !== undefined) {
      this.mode = 'pull-all'
      return [this.#status(Status.Code.OK), { type: 'send-records', hashes: this.#stream }, ...this.#done()]
    }
    if (hello.setSize === index.size && sameBytes(hello.setDigest, index.digest)) {
      this.mode = 'in-sync'
      this.#state = 'done'
      return [this.#status(Status.Code.IN_SYNC), { type: 'done' }]
    }
    const actions: ResponderAction[] = [this.#status(Status.Code.OK)]
    if (hello.setSize === 0) {
      this.mode = 'pull-all'
      const hashes = index.allHashes()
      this.recordsToSend = hashes.length
      actions.push({ type: 'send-records', hashes })
      return [...actions, ...this.#done()]
    }
    this.#state = 'await-want'
    if (index.size === 0) {
      this.mode = 'push-all'
      return actions
    }
    const first = initialSymbols(hello.setSize, index.size)
    if (listIsCheaper(first, index.size)) return [...actions, ...this.#list()]
    this.mode = 'coded'
    this.#state = 'coded'
    this.#encoder = Encoder.of(index.symbols)
    return [...actions, ...this.#coded(first)]
  }

  /** Handles one initiator message; throws a PeerhoodError (`INVALID_MESSAGE`, `SYNC_LIMIT_EXCEEDED`). */
  receive (message: InitiatorMessage): ResponderAction[] {
    const part = initiatorPart(message)
    if (part === 'ack') return []
    if (part === 'request' && this.#state === 'coded') return this.#onRequest(message.request!)
    if (part === 'want' && (this.#state === 'coded' || this.#state === 'await-want' || this.#state === 'wants')) return this.#onWant(message.want!)
    if (part === 'records' && this.#state === 'push') return this.#onRecords(message.records!)
    throw invalid(`unexpected ${part} message`, { state: this.#state })
  }

  /** Records what the local set made of an `apply`; ends the session after the last pushed page. */
  applied (result: ApplyResult): ResponderAction[] {
    this.accepted += result.accepted
    this.rejected += result.rejected
    this.#applying--
    return this.#lastPending && this.#applying === 0 ? this.#done() : []
  }

  /** Releases the wasm memory of the coder (safe to call more than once). */
  free (): void {
    this.#encoder?.free()
    this.#encoder = undefined
  }

  #status (code: Status.Code): ResponderAction {
    return { type: 'send', message: { status: { code, setSize: this.#size }, ack: 0 } }
  }

  #done (): ResponderAction[] {
    this.#state = 'done'
    this.free()
    return [{ type: 'send', message: { done: { accepted: this.accepted, rejected: this.rejected }, ack: 0 } }, { type: 'done' }]
  }

  #coded (count: number): ResponderAction[] {
    this.#produced += count
    this.symbols += count
    const perPage = this.#init.limits.maxSymbolsPerMessage
    const actions: ResponderAction[] = []
    for (let sent = 0; sent < count;) {
      const cells: CodedSymbol[] = []
      const size = Math.min(perPage, count - sent)
      for (let i = 0; i < size; i++) cells.push(this.#encoder!.next())
      sent += size
      actions.push({ type: 'send', message: { symbols: { coded: encodeCoded(cells), list: EMPTY, last: sent === count }, ack: 0 } })
    }
    return actions
  }

  #list (): ResponderAction[] {
    this.mode = 'list'
    this.#state = 'await-want'
    this.free()
    const symbols = this.#index.symbols
    this.symbols += symbols.length
    const limits = this.#init.limits
    const perPage = Math.max(1, Math.floor((Math.min(limits.maxMessageBytes, limits.pageBytes) - 64) / SYMBOL_BYTES))
    const actions: ResponderAction[] = []
    for (let start = 0; start < symbols.length; start += perPage) {
      const list = encodeSymbols(symbols.subarray(start, start + perPage))
      actions.push({ type: 'send', message: { symbols: { coded: EMPTY, list, last: start + perPage >= symbols.length }, ack: 0 } })
    }
    return actions
  }

  #onRequest (request: Request): ResponderAction[] {
    if (request.list) return this.#list()
    if (request.symbols <= 0) throw invalid('a request for no symbols')
    const limit = maxSymbols(this.#hello.setSize, this.#index.size)
    if (this.#produced + request.symbols > limit) {
      throw new PeerhoodError('SYNC_LIMIT_EXCEEDED', 'the initiator asked for more coded symbols than the sets can need', { details: { limit } })
    }
    return this.#coded(request.symbols)
  }

  #onWant (want: Want): ResponderAction[] {
    const symbols = decodeSymbols(want.symbols)
    this.#wantedSymbols += symbols.length
    if (this.#wantedSymbols > this.#index.symbols.length) throw invalid('more wanted symbols than the responder holds')
    for (const symbol of symbols) this.#wanted.push(...this.#index.hashes(symbol))
    if (!want.last) {
      this.#state = 'wants'
      return []
    }
    if (want.push > MAX_SET_SIZE) throw invalid('push count out of range')
    this.free()
    const actions: ResponderAction[] = []
    this.recordsToSend = this.#wanted.length
    if (this.#wanted.length > 0) actions.push({ type: 'send-records', hashes: this.#wanted.splice(0) })
    if (want.push === 0) return [...actions, ...this.#done()]
    this.#state = 'push'
    this.#expectedPush = want.push
    return actions
  }

  #onRecords (page: Records): ResponderAction[] {
    if (page.records.length > this.#init.limits.maxRecordsPerMessage) throw invalid('too many records in one page')
    this.recordsReceived += page.records.length
    if (this.recordsReceived > this.#expectedPush) throw invalid('more records pushed than announced')
    this.#lastPending = page.last
    if (page.records.length > 0) {
      this.#applying++
      return [{ type: 'apply', records: page.records }]
    }
    return page.last && this.#applying === 0 ? this.#done() : []
  }
}
