/**
 * Drives the two pure machines against each other through encoded messages, with no streams:
 * every message is encoded and decoded, the pushed and sent records are paged as on the wire,
 * and applies run against the in-memory sets.
 */
import { InitiatorMachine } from '../../../protocols/sync/initiator-machine.ts'
import { recordPages } from '../../../protocols/sync/pages.ts'
import { InitiatorMessage, ResponderMessage } from '../../../protocols/sync/pb/sync.ts'
import { ResponderMachine } from '../../../protocols/sync/responder-machine.ts'
import { indexSet } from '../../../protocols/sync/set-index.ts'
import type { SyncLimits, SyncSet } from '../../../protocols/sync/types.ts'
import { LIMITS, NOW } from './fixtures.ts'

/** What a pumped session did. */
export interface Pumped {
  initiator: InitiatorMachine
  responder?: ResponderMachine
  /** Bytes from initiator to responder (encoded messages plus 4-byte length allowance). */
  sentBytes: number
  /** Bytes from responder to initiator. */
  receivedBytes: number
  /** Records carried responder → initiator. */
  recordsPulled: number
  /** Records carried initiator → responder. */
  recordsPushed: number
  /** Bytes of those records. */
  recordBytes: number
}

/** Options of {@link pump}. */
export interface PumpOptions {
  now?: number
  limits?: SyncLimits
  groupId?: string
}

const PREFIX = 4

/** Runs one session from `a` (initiator) to `b` (responder). */
export async function pump (a: SyncSet, b: SyncSet, options: PumpOptions = {}): Promise<Pumped> {
  const limits = options.limits ?? LIMITS
  const cutoff = options.now ?? NOW
  const initiator = new InitiatorMachine(await indexSet(a, cutoff), { groupId: options.groupId ?? 'group', cutoff, limits })
  const toResponder: Uint8Array[] = []
  const toInitiator: Uint8Array[] = []
  const out: Pumped = { initiator, sentBytes: 0, receivedBytes: 0, recordsPulled: 0, recordsPushed: 0, recordBytes: 0 }
  let responder: ResponderMachine | undefined

  const runInitiator = async (actions: ReturnType<InitiatorMachine['receive']>): Promise<void> => {
    for (const action of actions) {
      if (action.type === 'send') {
        toResponder.push(InitiatorMessage.encode(action.message))
      } else if (action.type === 'push') {
        for await (const page of recordPages(a, action.hashes, limits)) {
          out.recordsPushed += page.records.length
          for (const r of page.records) out.recordBytes += r.byteLength
          toResponder.push(InitiatorMessage.encode({ records: { records: page.records as Array<Uint8Array<ArrayBuffer>>, last: page.last }, ack: 0 }))
        }
      } else if (action.type === 'apply') {
        await runInitiator(initiator.applied(await a.apply(action.records)))
      }
    }
  }
  const runResponder = async (actions: ReturnType<ResponderMachine['receive']>): Promise<void> => {
    for (const action of actions) {
      if (action.type === 'send') {
        toInitiator.push(ResponderMessage.encode(action.message))
      } else if (action.type === 'send-records') {
        for await (const page of recordPages(b, action.hashes, limits)) {
          out.recordsPulled += page.records.length
          for (const r of page.records) out.recordBytes += r.byteLength
          toInitiator.push(ResponderMessage.encode({ records: { records: page.records as Array<Uint8Array<ArrayBuffer>>, last: page.last }, ack: 0 }))
        }
      } else if (action.type === 'apply') {
        await runResponder(responder!.applied(await b.apply(action.records)))
      }
    }
  }

  await runInitiator(initiator.start())
  for (let turns = 0; !initiator.done; turns++) {
    if (turns > 10_000) throw new Error('the session does not end')
    if (toResponder.length === 0 && toInitiator.length === 0) throw new Error('the session stalled')
    for (let bytes = toResponder.shift(); bytes !== undefined; bytes = toResponder.shift()) {
      if (bytes.byteLength > limits.maxMessageBytes) throw new Error(`a ${bytes.byteLength}-byte initiator message`)
      out.sentBytes += bytes.byteLength + PREFIX
      const message = InitiatorMessage.decode(bytes)
      if (responder === undefined) {
        const hello = ResponderMachine.checkHello(message)
        responder = new ResponderMachine(hello, await indexSet(b, hello.cutoff), { limits })
        out.responder = responder
        await runResponder(responder.open())
      } else {
        await runResponder(responder.receive(message))
      }
    }
    for (let bytes = toInitiator.shift(); bytes !== undefined && !initiator.done; bytes = toInitiator.shift()) {
      if (bytes.byteLength > limits.maxMessageBytes) throw new Error(`a ${bytes.byteLength}-byte responder message`)
      out.receivedBytes += bytes.byteLength + PREFIX
      await runInitiator(initiator.receive(ResponderMessage.decode(bytes)))
    }
  }
  return out
}
