/**
 * One error type for the whole project, with a closed union of stable codes.
 *
 * Codes are named after the Windows `PEER_E_*` codes where one exists (without the prefix).
 * Only the code crosses the wire or the API; messages are for people and may change.
 */

/** Every stable error code Peerhood can produce. */
export const ERROR_CODES = [
  // configuration and node life cycle
  'INVALID_CONFIG',
  'DATA_DIR_UNWRITABLE',
  'DATA_DIR_LOCKED',
  'DATA_DIR_NOT_EMPTY',
  'DATA_DIR_NOT_INITIALIZED',
  'DATA_DIR_READ_ONLY',
  // the datastore (LevelDB) of a data directory, or a record read from it
  'DATASTORE_CORRUPT',
  'DATASTORE_LOCKED',
  'PORT_IN_USE',
  'UNABLE_TO_LISTEN',
  'NODE_NOT_RUNNING',
  'NOT_STARTED',
  // identity
  'IDENTITY_NOT_FOUND',
  'INVALID_IDENTITY',
  'BAD_PASSWORD',
  'INVALID_EXPORT',
  'ALREADY_EXISTS',
  'NOT_FOUND',
  // control API
  'UNAUTHORIZED',
  'FORBIDDEN_HOST',
  'FORBIDDEN_ORIGIN',
  'INVALID_REQUEST',
  'METHOD_NOT_ALLOWED',
  'INVALID_ARGUMENT',
  'INVALID_MULTIADDR',
  'INVALID_PEER_ID',
  'CONNECTION_FAILED',
  'TIMEOUT',
  'INTERNAL',
  // groups and certificates (Windows PEER_E_* names)
  'CHAIN_TOO_LONG',
  'CIRCULAR_CHAIN_DETECTED',
  'INVALID_TIME_PERIOD',
  'INVALID_CERTIFICATE',
  'NOT_AUTHORIZED',
  'INVITATION_NOT_TRUSTED',
  'INVALID_GROUP',
  'INVALID_GROUP_PROPERTIES',
  'INVALID_CLASSIFIER',
  'INVALID_FRIENDLY_NAME',
  'INVALID_ROLE_PROPERTY',
  'GROUP_NOT_READY',
  'ALREADY_A_MEMBER',
  'IDENTITY_DELETED',
  'UNSUPPORTED_VERSION',
  'PASSWORD_NOT_SET',
  'PASSWORD_DOES_NOT_MEET_POLICY',
  // records
  'RECORD_NOT_FOUND',
  'MAX_RECORD_SIZE_EXCEEDED',
  'INVALID_ATTRIBUTES',
  'INVALID_SEARCH',
  'INVALID_RECORD',
  'INVALID_RECORD_EXPIRATION',
  'INVALID_RESERVED_RECORD',
  // connections and data
  'CONNECT_SELF',
  'CONNECTION_NOT_FOUND',
  'NO_MEMBERS_FOUND',
  'MAX_DATA_SIZE_EXCEEDED',
  'MAX_CONNECTIONS_EXCEEDED',
  'AUTHENTICATION_FAILED',
  'THROTTLED',
  // sync and wire protocols
  'NOT_A_MEMBER',
  'INVALID_MESSAGE',
  'MESSAGE_TOO_LARGE',
  'SYNC_LIMIT_EXCEEDED',
  // collaboration (Windows PEER_E_NOT_SIGNED_IN, PEER_E_INVALID_CONTACT; the limits of §4.6 each with its own code)
  'NOT_SIGNED_IN',
  'INVALID_CONTACT',
  'TOO_MANY_CONTACTS',
  'NAME_TOO_LONG',
  'PRESENCE_TEXT_TOO_LONG',
  'INVALID_OBJECT_ID',
  'OBJECT_EMPTY',
  'OBJECT_TOO_LARGE',
  'TOO_MANY_OBJECTS',
  'APPLICATION_DATA_TOO_LARGE',
  'DESCRIPTION_TOO_LONG',
  'TOO_MANY_APPLICATIONS',
  'TOO_MANY_ENDPOINTS',
  // an endpoint its identity revoked (its certificate is refused for good), and the revocation bound
  'ENDPOINT_REVOKED',
  'TOO_MANY_REVOCATIONS',
  'SYNC_BUSY',
  // application invitations (Windows PEER_E_INVITE_CANCELLED, PEER_E_INVITE_RESPONSE_NOT_AVAILABLE)
  'INVITE_CANCELLED',
  'INVITE_RESPONSE_NOT_AVAILABLE',
  'INVITATION_EXPIRED',
  'INVITATION_MESSAGE_TOO_LONG'
] as const

/** A stable error code: see {@link ERROR_CODES}. */
export type ErrorCode = typeof ERROR_CODES[number]

/** Whether `value` is one of the stable {@link ErrorCode}s. */
export function isErrorCode (value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value)
}

/**
 * The error Peerhood throws for every expected failure. Test and branch on `code`, never on
 * `message`.
 */
export class PeerhoodError extends Error {
  /** The stable code. */
  readonly code: ErrorCode
  /** Structured details (the offending key, value, limit...), safe to show a user. */
  readonly details?: Record<string, unknown>

  constructor (code: ErrorCode, message: string, options: { cause?: unknown, details?: Record<string, unknown> } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause })
    this.name = 'PeerhoodError'
    this.code = code
    if (options.details !== undefined) this.details = options.details
  }
}

/** Whether `err` is a {@link PeerhoodError}, optionally with the given code. */
export function isPeerhoodError (err: unknown, code?: ErrorCode): err is PeerhoodError {
  return err instanceof PeerhoodError && (code === undefined || err.code === code)
}
