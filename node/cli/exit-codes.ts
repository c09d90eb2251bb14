/**
 * Exit statuses of the `peerhood` command, and the map from error codes to them.
 */
import type { ErrorCode } from '../../protocols/common/errors.ts'

/** Exit statuses. */
export const EXIT = {
  /** Success. */
  OK: 0,
  /** The operation failed (the printed code says why). */
  FAILED: 1,
  /** Bad usage: unknown command or flag, missing argument, invalid configuration. */
  USAGE: 2,
  /** No node is running on the data directory. */
  NO_NODE: 3,
  /** Forced exit on a second signal. */
  FORCED: 130
} as const

/** Exit status for an error code. */
export function exitCodeFor (code: ErrorCode): number {
  switch (code) {
    case 'INVALID_CONFIG':
    case 'INVALID_ARGUMENT':
      return EXIT.USAGE
    case 'NODE_NOT_RUNNING':
      return EXIT.NO_NODE
    default:
      return EXIT.FAILED
  }
}
