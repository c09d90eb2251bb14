/**
 * Ingress verdicts: what happens to a record that arrives from another member (gossip or sync),
 * with a stable reason that metrics count (go-libp2p-pubsub style accept / ignore / reject, plus
 * defer for records whose signer's membership is not known yet).
 */
import type { ErrorCode } from '../common/errors.ts'
import type { DecodedRecord } from './codec.ts'

/** What to do with an arriving record. `reject` should penalise the sender; `ignore` should not. */
export type IngressAction = 'accept' | 'ignore' | 'reject' | 'defer'

/** Every ingress reason, with the action it implies. A closed set: metrics label by it. */
export const INGRESS_REASONS = {
  /** Valid and newer than what is stored. */
  ACCEPTED: 'accept',
  /** These exact bytes are already known. */
  DUPLICATE: 'ignore',
  /** The record (or tombstone) has already expired. */
  EXPIRED: 'ignore',
  /** The stored version wins the conflict order. */
  STALE: 'ignore',
  /** The modifier's membership is not known yet: park and retry when credentials arrive. */
  UNKNOWN_SIGNER: 'defer',
  /** A signer's membership is not known and its sender has parked all the records it may: dropped. */
  UNKNOWN_SIGNER_FLOOD: 'ignore',
  /** Larger than the group's max record size. */
  MAX_RECORD_SIZE_EXCEEDED: 'reject',
  /** Not a decodable signed record. */
  MALFORMED: 'reject',
  /** For another group. */
  WRONG_GROUP: 'reject',
  /** Bad attribute names, duplicates, values or count. */
  INVALID_ATTRIBUTES: 'reject',
  /** Signature does not verify with the modifier's key. */
  BAD_SIGNATURE: 'reject',
  /** The modifier may not write this version. */
  NOT_AUTHORIZED: 'reject',
  /** Modified outside the modifier's credential validity. */
  INVALID_TIME_PERIOD: 'reject',
  /** Expires after the modifier's credential, or not after its modification. */
  INVALID_RECORD_EXPIRATION: 'reject',
  /** Bad type, or an immutable field differs from the stored version. */
  INVALID_RECORD: 'reject',
  /** A reserved (`peerhood.*`) type not in its exact shape, from another writer or under another id; or an application record in the reserved id space. */
  INVALID_RESERVED_RECORD: 'reject'
} as const satisfies Record<string, IngressAction>

/** A stable ingress reason: see {@link INGRESS_REASONS}. */
export type IngressReason = keyof typeof INGRESS_REASONS

/** The outcome of the ingress pipeline. */
export interface IngressVerdict {
  /** What to do. */
  action: IngressAction
  /** Why, as a stable reason. */
  reason: IngressReason
  /** The decoded record, once decoding succeeded. */
  record?: DecodedRecord
  /** Details for logs (never for branching). */
  message?: string
}

/** A verdict for `reason`, with its implied action. */
export function verdict (reason: IngressReason, record?: DecodedRecord, message?: string): IngressVerdict {
  const out: IngressVerdict = { action: INGRESS_REASONS[reason], reason }
  if (record !== undefined) out.record = record
  if (message !== undefined) out.message = message
  return out
}

/** The ingress reason of a rule's error code. */
export function reasonOfCode (code: ErrorCode): IngressReason {
  switch (code) {
    case 'MAX_RECORD_SIZE_EXCEEDED':
    case 'INVALID_ATTRIBUTES':
    case 'NOT_AUTHORIZED':
    case 'INVALID_TIME_PERIOD':
    case 'INVALID_RECORD_EXPIRATION':
    case 'INVALID_RECORD':
    case 'INVALID_RESERVED_RECORD':
      return code
    default:
      return 'MALFORMED'
  }
}
