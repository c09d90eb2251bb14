/**
 * The responder role on a stream: checks the Hello, asks the node for the group's set (which
 * also decides membership), runs the {@link ResponderMachine} and returns what the session did.
 * Expected refusals are answered with a Status and reported in the result, not thrown.
 */
import type { AbortOptions, PeerId, Stream } from '@libp2p/interface'
import { type ErrorCode, isPeerhoodError, PeerhoodError } from '../common/errors.ts'
import { PageApplier } from './page-applier.ts'
import { type RecordPage, recordPages } from './pages.ts'
import { type Hello, InitiatorMessage, ResponderMessage } from './pb/sync.ts'
import { ResponderMachine, type ResponderAction, type ResponderMachineInit } from './responder-machine.ts'
import { openSyncSession, sessionSignal } from './sync-session.ts'
import { EMPTY_SET_INDEX, indexSet, liveHashes } from './set-index.ts'
import { statusOf } from './status.ts'
import { resolveTuning, type SyncTuning } from './tuning.ts'
import type { RespondResult, SyncSet } from './types.ts'

/**
 * Finds the set of a group for a remote peer, or undefined when that peer may not sync it
 * (not a proven member, or a group we do not hold). `session.solicits`: the initiator holds
 * nothing of it and asks for everything.
 */
export type ResolveSet = (groupId: string, remotePeer: PeerId, session?: { solicits: boolean }) => SyncSet | undefined | Promise<SyncSet | undefined>

/** Options of {@link respond}. */
export interface RespondOptions extends AbortOptions, SyncTuning {
  /** The peer at the other end. */
  remotePeer: PeerId
  /** Finds the set to reconcile; undefined refuses with `NOT_A_MEMBER`. */
  resolveSet: ResolveSet
}

/** What {@link respond} returns: the session's counts, and why it ended early if it did. */
export interface RespondOutcome extends RespondResult {
  /** The code of a refusal or failure (`NOT_A_MEMBER`, `INVALID_MESSAGE`, `TIMEOUT`...). */
  error?: ErrorCode
}

async function * asMessages (pages: AsyncIterable<RecordPage>, count: (n: number) => void): AsyncGenerator<ResponderMessage> {
  for await (const page of pages) {
    count(page.records.length)
    yield { records: { records: page.records as Array<Uint8Array<ArrayBuffer>>, last: page.last }, ack: 0 }
  }
}

/**
 * The machine for a Hello. An initiator holding nothing, of a set that can hint its size, is sent
 * the set as it is read (`streamed`, to be closed with the session); every other session
 * reconciles against the set indexed at the cutoff.
 */
async function openMachine (hello: Hello, set: SyncSet, init: ResponderMachineInit): Promise<{ machine: ResponderMachine, streamed?: AsyncGenerator<Uint8Array> }> {
  if (hello.setSize !== 0 || set.countHint === undefined) return { machine: new ResponderMachine(hello, await indexSet(set, hello.cutoff), init) }
  const hashes = liveHashes(set, hello.cutoff)
  const first = await hashes.next()
  if (first.done === true) return { machine: new ResponderMachine(hello, EMPTY_SET_INDEX, init) }
  const streamed = prepend(first.value, hashes)
  try {
    return { machine: ResponderMachine.streaming(hello, streamed, await set.countHint(hello.cutoff), init), streamed }
  } catch (err) {
    await hashes.return(undefined)
    throw err
  }
}

async function * prepend<T> (first: T, rest: AsyncGenerator<T>): AsyncGenerator<T> {
  try {
    yield first
    yield * rest
  } finally {
    await rest.return(undefined)
  }
}

/** Failures after which nothing more can be said to the initiator. */
function isStreamFailure (err: unknown): boolean {
  return isPeerhoodError(err, 'CONNECTION_FAILED') || isPeerhoodError(err, 'TIMEOUT') || (err as Error | undefined)?.name === 'AbortError'
}

/** Serves one session on an inbound `stream`; closes or aborts it. */
export async function respond (stream: Stream, options: RespondOptions): Promise<RespondOutcome> {
  const tuning = resolveTuning(options)
  const started = performance.now()
  const signal = sessionSignal(tuning, options.signal)
  const session = openSyncSession<InitiatorMessage, ResponderMessage>(stream, { incoming: InitiatorMessage, outgoing: ResponderMessage }, tuning, signal)
  const outcome: RespondOutcome = { bytesSent: 0, bytesReceived: 0, symbols: 0, recordsSent: 0, recordsReceived: 0, accepted: 0, rejected: 0, durationMs: 0 }
  let machine: ResponderMachine | undefined
  let streamed: AsyncGenerator<Uint8Array> | undefined
  let set: SyncSet | undefined

  // pushed pages are applied as the initiator applies what it pulls: each acknowledged once applied
  const pages = new PageApplier()
  const run = async (actions: ResponderAction[]): Promise<void> => {
    for (const action of actions) {
      if (action.type === 'send') session.send(action.message)
      else if (action.type === 'send-records') session.sendAll(asMessages(recordPages(set!, action.hashes, tuning.limits), n => { outcome.recordsSent += n }))
      else if (action.type === 'apply') pages.add(set!.apply(action.records), async result => { await run(machine!.applied(result)); session.ack() })
    }
  }

  try {
    const first = await session.read()
    if (first === undefined) throw new PeerhoodError('CONNECTION_FAILED', 'the initiator closed before Hello')
    const hello = ResponderMachine.checkHello(first)
    outcome.groupId = hello.groupId
    // an initiator holding nothing asks for everything (a member that never synchronised the group)
    set = await options.resolveSet(hello.groupId, options.remotePeer, { solicits: hello.setSize === 0 })
    if (set === undefined) throw new PeerhoodError('NOT_A_MEMBER', 'the peer may not sync this group', { details: { groupId: hello.groupId } })
    const opened = await openMachine(hello, set, { limits: tuning.limits })
    machine = opened.machine
    streamed = opened.streamed
    await run(machine.open())
    while (!machine.done) {
      const message = await session.read()
      if (message === undefined) throw new PeerhoodError('CONNECTION_FAILED', 'the initiator closed the sync stream early')
      pages.throwIfFailed()
      await run(machine.receive(message))
      // a page with records is acknowledged once applied (above)
      if (message.records != null && message.records.records.length === 0) session.ack()
      // after the last pushed page the machine ends once every page is applied: wait, then look
      if (message.records?.last === true) await pages.drain()
      await pages.room()
      pages.throwIfFailed()
    }
    await pages.drain()
    pages.throwIfFailed()
    await session.finish()
  } catch (err) {
    outcome.error = isPeerhoodError(err) ? err.code : 'INTERNAL'
    if (isStreamFailure(err)) {
      stream.abort(err instanceof Error ? err : new Error(String(err)))
    } else {
      // a refusal (or our own failure): tell the initiator why, then close
      try {
        await session.refuse({ status: { code: statusOf(err), setSize: 0 }, ack: 0 })
      } catch {
        stream.abort(err instanceof Error ? err : new Error(String(err)))
      }
    }
  } finally {
    machine?.free()
    // a streamed set's reading stops with the session (a no-op once it was read to the end)
    streamed?.return(undefined).catch(() => {})
  }
  outcome.mode = machine?.mode
  outcome.bytesSent = session.bytesSent
  outcome.bytesReceived = session.bytesReceived
  outcome.symbols = machine?.symbols ?? 0
  outcome.recordsReceived = machine?.recordsReceived ?? 0
  outcome.accepted = machine?.accepted ?? 0
  outcome.rejected = machine?.rejected ?? 0
  outcome.durationMs = performance.now() - started
  return outcome
}
