/**
 * The initiator role on a stream: proposes the cutoff, runs the {@link InitiatorMachine}
 * and returns what the session did.
 */
import type { AbortOptions, Stream } from '@libp2p/interface'
import { APPLYING_PAGES } from './constants.ts'
import { InitiatorMachine, type InitiatorAction } from './initiator-machine.ts'
import { type RecordPage, recordPages } from './pages.ts'
import { InitiatorMessage, ResponderMessage } from './pb/sync.ts'
import { openSyncSession, sessionSignal } from './sync-session.ts'
import { indexSet } from './set-index.ts'
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
  const machine = new InitiatorMachine(await indexSet(set, cutoff), { groupId: options.groupId, cutoff, limits: tuning.limits })
  const session = openSyncSession<ResponderMessage, InitiatorMessage>(stream, { incoming: ResponderMessage, outgoing: InitiatorMessage }, tuning, signal)
  let recordsSent = 0
  // pages being applied: the next page is read and its records checked while the last batches
  // of the one before are still written; each page is acknowledged once applied, so the
  // responder's window still bounds what waits here
  const applying = new Set<Promise<void>>()
  let failure: { err: unknown } | undefined
  const throwIfFailed = (): void => { if (failure !== undefined) throw failure.err }

  const run = async (actions: InitiatorAction[]): Promise<void> => {
    for (const action of actions) {
      if (action.type === 'send') session.send(action.message)
      else if (action.type === 'push') session.sendAll(asMessages(recordPages(set, action.hashes, tuning.limits), n => { recordsSent += n }))
      else if (action.type === 'apply') {
        const page = set.apply(action.records)
          .then(async result => { await run(machine.applied(result)) })
          .then(() => { session.ack() }, (err: unknown) => { failure ??= { err } })
          .finally(() => { applying.delete(page) })
        applying.add(page)
      } else if (action.type === 'progress') options.onProgress?.(action.progress)
    }
  }

  try {
    await run(machine.start())
    while (!machine.done) {
      throwIfFailed()
      const message = await session.read()
      if (message === undefined) throw new PeerhoodError('CONNECTION_FAILED', 'the responder closed the sync stream early')
      await run(machine.receive(message))
      // a page with records is acknowledged once applied (above)
      if (message.symbols != null || (message.records != null && message.records.records.length === 0)) session.ack()
      while (applying.size >= APPLYING_PAGES) await Promise.race(applying)
    }
    await Promise.all(applying)
    throwIfFailed()
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
