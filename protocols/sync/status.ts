/**
 * What crosses the wire when a session fails is a status code, kept apart from local errors:
 * these two maps are the only bridge between them.
 */
import { type ErrorCode, isPeerhoodError, PeerhoodError } from '../common/errors.ts'
import { Status } from './pb/sync.ts'

const FROM_STATUS: Partial<Record<Status.Code, ErrorCode>> = {
  [Status.Code.NOT_A_MEMBER]: 'NOT_A_MEMBER',
  [Status.Code.INVALID_MESSAGE]: 'INVALID_MESSAGE',
  [Status.Code.LIMIT_EXCEEDED]: 'SYNC_LIMIT_EXCEEDED',
  [Status.Code.INTERNAL]: 'INTERNAL',
  [Status.Code.BUSY]: 'SYNC_BUSY'
}

/** The local error for a refusal status the responder sent. */
export function statusError (code: Status.Code | undefined): PeerhoodError {
  const mapped = code === undefined ? undefined : FROM_STATUS[code]
  return new PeerhoodError(mapped ?? 'INVALID_MESSAGE', `the responder refused the sync: ${code ?? 'unknown status'}`, { details: { remote: true, status: code } })
}

/** The status to send the initiator for a local failure. */
export function statusOf (err: unknown): Status.Code {
  if (isPeerhoodError(err, 'NOT_A_MEMBER')) return Status.Code.NOT_A_MEMBER
  if (isPeerhoodError(err, 'INVALID_MESSAGE') || isPeerhoodError(err, 'MESSAGE_TOO_LARGE')) return Status.Code.INVALID_MESSAGE
  if (isPeerhoodError(err, 'SYNC_LIMIT_EXCEEDED')) return Status.Code.LIMIT_EXCEEDED
  if (isPeerhoodError(err, 'SYNC_BUSY')) return Status.Code.BUSY
  return Status.Code.INTERNAL
}

/** Shorthand for the error every malformed or unexpected message raises. */
export function invalid (message: string, details?: Record<string, unknown>): PeerhoodError {
  return new PeerhoodError('INVALID_MESSAGE', message, details === undefined ? {} : { details })
}
