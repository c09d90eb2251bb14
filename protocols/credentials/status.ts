/**
 * What crosses the wire is a status; this map is the only bridge to local error codes.
 */
import { type ErrorCode, PeerhoodError } from '../common/errors.ts'
import { Status } from './pb/credentials.ts'

const TO_CODE: Partial<Record<Status, ErrorCode>> = {
  [Status.NOT_FOUND]: 'NOT_FOUND',
  [Status.NOT_AUTHORIZED]: 'NOT_AUTHORIZED',
  [Status.INVALID_CERTIFICATE]: 'INVALID_CERTIFICATE',
  [Status.INVALID_TIME_PERIOD]: 'INVALID_TIME_PERIOD',
  [Status.CHAIN_TOO_LONG]: 'CHAIN_TOO_LONG',
  [Status.INVALID_REQUEST]: 'INVALID_MESSAGE',
  [Status.INTERNAL]: 'INTERNAL'
}

/** The local error for a refusal the administrator sent. */
export function statusError (status: Status): PeerhoodError {
  return new PeerhoodError(TO_CODE[status] ?? 'INVALID_MESSAGE', `the administrator refused the renewal: ${status}`, { details: { remote: true, status } })
}
