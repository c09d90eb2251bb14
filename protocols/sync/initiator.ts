/**
 * The initiator role on a stream: proposes the cutoff, runs the {@link InitiatorMachine}
 * and returns what the session did.
 */
import type { AbortOptions, Stream } from '@libp2p/interface'
import { InitiatorMachine, type InitiatorAction } from './initiator-machine.ts'
import { type RecordPage, recordPages } from './pages.ts'
import { PageApplier } from './page-applier.ts'
import { InitiatorMessage, ResponderMessage } from './pb/sync.ts'
import { openSyncSession, sessionSignal } from './sync-session.ts'
import { EMPTY_SET_INDEX, indexSet } from './set-index.ts'
import { resolveTuning, type SyncTuning } from './tuning.ts'
import type { SyncProgress, SyncResult, SyncSet } from './types.ts'
import { PeerhoodError } from '../common/errors.ts'

/** Options of {@link initiate}. */
export interface InitiateOptions extends AbortOptions, SyncTuning {
  /** The group being reconciled. */
  groupId: string
  /** The clock (ms since the epoch); the cutoff is its value at the start. @default Date.now */
  now?: () => number
  /** Called as records arrive, for a progress bar. */
  onProgress?: (progress: SyncProgress) => void
  /** Offer none of the set's own items, so the responder sends its whole set (`SyncOptions.solicitNew`). @default false */
  solicitNew?: boolean
}

async function * asMessages (pages: AsyncIterable<RecordPage>, count: (n: number) => void): AsyncGenerator<InitiatorMessage> {
  for await (const page of pages) {
    count(page.records.length)
    yield { records: { records: page.records as Array<Uint8Array<ArrayBuffer>>, last: page.last }, ack: 0 }
  }
}

/** Reconciles `set` with the responder at the other end of `stream`; closes the stream. */
export async function initiate (stream: Stream, set: SyncSet, options: InitiateOptions): Promise<SyncResult> {
  const now = options.now ?? Date.now
  const tuning = resolveTuning(options)
  const started = performance.now()
  const signal = sessionSignal(tuning, options.signal)
  const cutoff = now()
  // asking for everything, this node offers none of its own items (they go in a later session)
  const index = options.solicitNew === true ? EMPTY_SET_INDEX : await indexSet(set, cutoff)
  const machine = new InitiatorMachine(index, { groupId: options.groupId, cutoff, limits: tuning.limits })
  const session = openSyncSession<ResponderMessage, InitiatorMessage>(stream, { incoming: ResponderMessage, outgoing: InitiatorMessage }, tuning, signal)
  let recordsSent = 0
  // each page is acknowledged once applied, so the responder's window still bounds what waits here
  const pages = new PageApplier()

  const run = async (actions: InitiatorAction[]): Promise<void> => {
    for (const action of actions) {
      if (action.type === 'send') session.send(action.message)
      else if (action.type === 'push') session.sendAll(asMessages(recordPages(set, action.hashes, tuning.limits), n => { recordsSent += n }))
      else if (action.type === 'apply') pages.add(set.apply(action.records), async result => { await run(machine.applied(result)); session.ack() })
      else if (action.type === 'progress') options.onProgress?.(action.progress)
    }
  }

  try {
    await run(machine.start())
    while (!machine.done) {
      pages.throwIfFailed()
      const message = await session.read()
      if (message === undefined) throw new PeerhoodError('CONNECTION_FAILED', 'the responder closed the sync stream early')
      await run(machine.receive(message))
      // a page with records is acknowledged once applied (above)
      if (message.symbols != null || (message.records != null && message.records.records.length === 0)) session.ack()
      await pages.room()
    }
    await pages.drain()
    pages.throwIfFailed()
    await session.finish()
  } catch (err) {
    stream.abort(err instanceof Error ? err : new Error(String(err)))
    throw err
  } finally {
    machine.free()
  }
  return {
    mode: machine.mode!,
    roundTrips: machine.roundTrips,
    bytesSent: session.bytesSent,
    bytesReceived: session.bytesReceived,
    symbols: machine.symbols,
    recordsReceived: machine.recordsReceived,
    recordsSent,
    accepted: machine.accepted,
    rejected: machine.rejected,
    remoteAccepted: machine.remoteAccepted,
    remoteRejected: machine.remoteRejected,
    durationMs: performance.now() - started
  }
}
