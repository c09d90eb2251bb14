/**
 * How errors leave the control API: a stable code, a message for people and an HTTP status
 * chosen from the code. Nothing else (no stack, no cause) crosses the API.
 */
import { type ErrorCode, isPeerhoodError } from '../../protocols/common/errors.ts'

/** The JSON body of every error response. */
export interface ApiErrorBody {
  /** Stable error code; clients branch on this. */
  code: ErrorCode
  /** Human-readable message; may change between versions. */
  message: string
  /** Structured details from the {@link PeerhoodError}, when it has any. */
  details?: Record<string, unknown>
}

/** Codes whose status the naming patterns below would not give, or would give wrongly. */
const EXPLICIT_STATUS: Partial<Record<ErrorCode, number>> = {
  UNAUTHORIZED: 401,
  NOT_AUTHORIZED: 403,
  // DNS rebinding and cross-origin requests (docs/security.md, issue 16)
  FORBIDDEN_HOST: 403,
  FORBIDDEN_ORIGIN: 403,
  NOT_A_MEMBER: 403,
  // the group password was wrong: the API request itself was authenticated (401 is the token's)
  AUTHENTICATION_FAILED: 403,
  METHOD_NOT_ALLOWED: 405,
  PASSWORD_NOT_SET: 409,
  THROTTLED: 429,
  MAX_CONNECTIONS_EXCEEDED: 429,
  TIMEOUT: 504,
  CONNECTION_FAILED: 502,
  GROUP_NOT_READY: 503,
  NOT_STARTED: 503,
  NODE_NOT_RUNNING: 503,
  CONNECT_SELF: 400,
  BAD_PASSWORD: 400,
  CHAIN_TOO_LONG: 400,
  CIRCULAR_CHAIN_DETECTED: 400,
  PASSWORD_DOES_NOT_MEET_POLICY: 400,
  UNSUPPORTED_VERSION: 400,
  INVITATION_NOT_TRUSTED: 403,
  NO_MEMBERS_FOUND: 404,
  INVALID_GROUP: 404,
  MAX_RECORD_SIZE_EXCEEDED: 413,
  MAX_DATA_SIZE_EXCEEDED: 413,
  NOT_SIGNED_IN: 409,
  TOO_MANY_CONTACTS: 409,
  TOO_MANY_OBJECTS: 409,
  TOO_MANY_APPLICATIONS: 409,
  TOO_MANY_ENDPOINTS: 429,
  ENDPOINT_REVOKED: 403,
  TOO_MANY_REVOCATIONS: 409,
  NAME_TOO_LONG: 400,
  PRESENCE_TEXT_TOO_LONG: 400,
  DESCRIPTION_TOO_LONG: 400,
  OBJECT_EMPTY: 400,
  OBJECT_TOO_LARGE: 413,
  APPLICATION_DATA_TOO_LARGE: 413,
  INVITATION_MESSAGE_TOO_LONG: 400,
  INVITE_CANCELLED: 409,
  INVITATION_EXPIRED: 409,
  INVITE_RESPONSE_NOT_AVAILABLE: 409,
  INTERNAL: 500
}

/**
 * The HTTP status for an error code: `INVALID_*` and `*_ARGUMENT` → 400, `UNAUTHORIZED` → 401,
 * `NOT_AUTHORIZED` → 403, `NOT_FOUND` and `*_NOT_FOUND` → 404, `METHOD_NOT_ALLOWED` → 405,
 * `ALREADY_*` → 409, `MAX_RECORD_SIZE_EXCEEDED` / `MAX_DATA_SIZE_EXCEEDED` → 413,
 * `CONNECTION_FAILED` → 502, `GROUP_NOT_READY` / `NOT_STARTED` / `NODE_NOT_RUNNING` → 503,
 * `TIMEOUT` → 504; a few request-caused codes are listed explicitly (`CONNECT_SELF`,
 * `BAD_PASSWORD`, `CHAIN_TOO_LONG`, `CIRCULAR_CHAIN_DETECTED`, `PASSWORD_DOES_NOT_MEET_POLICY`,
 * `UNSUPPORTED_VERSION` (an invitation of a later format) → 400; `INVITATION_NOT_TRUSTED`,
 * `NOT_A_MEMBER`, `AUTHENTICATION_FAILED` (a wrong group password, not a wrong API token) → 403;
 * `NO_MEMBERS_FOUND` and `INVALID_GROUP` (no such local group) → 404; `PASSWORD_NOT_SET` → 409;
 * `THROTTLED` and `MAX_CONNECTIONS_EXCEEDED` → 429; the collaboration limits: `NOT_SIGNED_IN` and
 * `TOO_MANY_CONTACTS` / `_OBJECTS` / `_APPLICATIONS` / `TOO_MANY_REVOCATIONS` → 409, `TOO_MANY_ENDPOINTS` → 429,
 * `ENDPOINT_REVOKED` → 403,
 * `*_TOO_LONG` and `OBJECT_EMPTY` → 400, `OBJECT_TOO_LARGE` / `APPLICATION_DATA_TOO_LARGE` → 413;
 * an invitation that can no longer be answered: `INVITE_CANCELLED`, `INVITATION_EXPIRED`,
 * `INVITE_RESPONSE_NOT_AVAILABLE` → 409);
 * anything else → 500 (keeping its code).
 */
export function httpStatusForCode (code: ErrorCode): number {
  const explicit = EXPLICIT_STATUS[code]
  if (explicit !== undefined) return explicit
  if (code.startsWith('INVALID_') || code.endsWith('_ARGUMENT')) return 400
  if (code === 'NOT_FOUND' || code.endsWith('_NOT_FOUND')) return 404
  if (code.startsWith('ALREADY_')) return 409
  return 500
}

/** The status and body that report `err`. Anything but a PeerhoodError becomes a bare 500 `INTERNAL`. */
export function errorResponse (err: unknown): { status: number, body: ApiErrorBody } {
  if (!isPeerhoodError(err)) {
    return { status: 500, body: { code: 'INTERNAL', message: 'internal error' } }
  }
  const body: ApiErrorBody = { code: err.code, message: err.message }
  if (err.details !== undefined) body.details = err.details
  return { status: httpStatusForCode(err.code), body }
}
