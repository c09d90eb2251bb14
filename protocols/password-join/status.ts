/**
 * What crosses the wire is a status; these maps are the only bridge to local error codes.
 */
import { type ErrorCode, isPeerhoodError, PeerhoodError } from '../common/errors.ts'
import { Status } from './pb/password-join.ts'

const TO_CODE: Partial<Record<Status, ErrorCode>> = {
  [Status.NOT_FOUND]: 'NOT_FOUND',
  [Status.AUTHENTICATION_FAILED]: 'AUTHENTICATION_FAILED',
  [Status.THROTTLED]: 'THROTTLED',
  [Status.INVALID_REQUEST]: 'INVALID_MESSAGE',
  [Status.NOT_AUTHORIZED]: 'NOT_AUTHORIZED',
  [Status.INTERNAL]: 'INTERNAL'
}

/** The local error for a refusal the administrator sent (`details.retryAfterMs` when throttled). */
export function statusError (status: Status, retryAfterMs = 0): PeerhoodError {
  const code = TO_CODE[status] ?? 'INVALID_MESSAGE'
  return new PeerhoodError(code, `the administrator refused the password join: ${status}`, {
    details: { remote: true, status, ...(status === Status.THROTTLED ? { retryAfterMs } : {}) }
  })
}

/** The status to send for a failure to issue credentials. */
export function issueStatus (err: unknown): Status {
  if (isPeerhoodError(err, 'NOT_AUTHORIZED') || isPeerhoodError(err, 'CHAIN_TOO_LONG') || isPeerhoodError(err, 'CIRCULAR_CHAIN_DETECTED')) return Status.NOT_AUTHORIZED
  if (isPeerhoodError(err, 'INVALID_TIME_PERIOD') || isPeerhoodError(err, 'INVALID_CERTIFICATE')) return Status.NOT_FOUND
  return Status.INTERNAL
}
