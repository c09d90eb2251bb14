/**
 * Which part a wire message carries. Each message carries exactly one part, or is only a
 * flow-control `ack`; anything else is `INVALID_MESSAGE`.
 */
import type { InitiatorMessage, ResponderMessage } from './pb/sync.ts'
import { invalid } from './status.ts'

/** The part an initiator message carries. */
export type InitiatorPart = 'hello' | 'request' | 'want' | 'records' | 'ack'

/** The part a responder message carries. */
export type ResponderPart = 'status' | 'symbols' | 'records' | 'done' | 'ack'

function onePart<K extends string> (message: object, keys: readonly K[], ack: number): K | 'ack' {
  let found: K | undefined
  for (const key of keys) {
    if ((message as Record<string, unknown>)[key] == null) continue
    if (found !== undefined) throw invalid('a message carries more than one part', { parts: [found, key] })
    found = key
  }
  if (found !== undefined) return found
  if (ack > 0) return 'ack'
  throw invalid('an empty message')
}

const INITIATOR_PARTS = ['hello', 'request', 'want', 'records'] as const
const RESPONDER_PARTS = ['status', 'symbols', 'records', 'done'] as const

/** The one part of an initiator message (`ack` if it only acknowledges pages). */
export function initiatorPart (message: InitiatorMessage): InitiatorPart {
  return onePart(message, INITIATOR_PARTS, message.ack)
}

/** The one part of a responder message (`ack` if it only acknowledges pages). */
export function responderPart (message: ResponderMessage): ResponderPart {
  return onePart(message, RESPONDER_PARTS, message.ack)
}
