/**
 * A sync session's stream settings, the same for both roles: flow control by pages of records
 * or symbols, cumulative acks, and the session's time and size bounds.
 */
import type { Stream } from '@libp2p/interface'
import { withTimeout } from '../common/signals.ts'
import type { InitiatorMessage, ResponderMessage } from './pb/sync.ts'
import { type MessageCodec, Session } from './session.ts'
import type { ResolvedTuning } from './tuning.ts'

type SyncMessage = InitiatorMessage | ResponderMessage

/** Opens the session of one role: `incoming` is what the other role sends, `outgoing` what this one does. */
export function openSyncSession<In extends SyncMessage, Out extends SyncMessage> (
  stream: Stream,
  codecs: { incoming: MessageCodec<In>, outgoing: MessageCodec<Out> },
  tuning: ResolvedTuning,
  signal: AbortSignal
): Session<In, Out> {
  return new Session<In, Out>(stream, {
    ...codecs,
    decodeLimits: { records: { records: tuning.limits.maxRecordsPerMessage } },
    isPage: message => message.records != null || (message as ResponderMessage).symbols != null,
    ackOf: message => message.ack,
    ackMessage: pages => ({ ack: pages }) as Out,
    maxMessageBytes: tuning.limits.maxMessageBytes,
    windowPages: tuning.windowPages,
    messageTimeoutMs: tuning.messageTimeoutMs,
    signal
  })
}

/** The whole session's signal: the caller's, bounded by the session time limit. */
export function sessionSignal (tuning: ResolvedTuning, signal: AbortSignal | undefined): AbortSignal {
  return withTimeout(signal, tuning.sessionTimeoutMs)
}
