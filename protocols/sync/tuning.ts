/**
 * The knobs of a session, shared by the service and the two roles, and their defaults.
 */
import {
  DEFAULT_MAX_MESSAGE_BYTES,
  DEFAULT_MAX_RECORDS_PER_MESSAGE,
  DEFAULT_MAX_SYMBOLS_PER_MESSAGE,
  DEFAULT_MESSAGE_TIMEOUT_MS,
  DEFAULT_PAGE_BYTES,
  DEFAULT_SESSION_TIMEOUT_MS,
  DEFAULT_WINDOW_PAGES
} from './constants.ts'
import type { SyncLimits } from './types.ts'

/** Limits and timeouts of a session; every field is optional. */
export interface SyncTuning {
  /** Largest message either way, in bytes. @default 4194304 (4 MiB) */
  maxMessageBytes?: number
  /** Most records in one page. @default 1024 */
  maxRecordsPerMessage?: number
  /** Size a records page is filled to before it is sent, in bytes. @default 1048576 (1 MiB) */
  pageBytes?: number
  /** Most coded symbols in one page. @default 65536 */
  maxSymbolsPerMessage?: number
  /** Pages a sender may have unacknowledged. @default 4 */
  windowPages?: number
  /** Time allowed for each message read, in milliseconds. @default 30000 */
  messageTimeoutMs?: number
  /** Time allowed for a whole session, in milliseconds. @default 600000 */
  sessionTimeoutMs?: number
}

/** {@link SyncTuning} with every default resolved. */
export interface ResolvedTuning {
  limits: SyncLimits
  windowPages: number
  messageTimeoutMs: number
  sessionTimeoutMs: number
}

/** Resolves the defaults of a {@link SyncTuning}. */
export function resolveTuning (tuning: SyncTuning = {}): ResolvedTuning {
  const maxMessageBytes = tuning.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES
  return {
    limits: {
      maxMessageBytes,
      maxRecordsPerMessage: tuning.maxRecordsPerMessage ?? DEFAULT_MAX_RECORDS_PER_MESSAGE,
      pageBytes: Math.min(tuning.pageBytes ?? DEFAULT_PAGE_BYTES, maxMessageBytes),
      maxSymbolsPerMessage: Math.min(tuning.maxSymbolsPerMessage ?? DEFAULT_MAX_SYMBOLS_PER_MESSAGE, Math.floor((maxMessageBytes - 64) / 26))
    },
    windowPages: Math.max(1, tuning.windowPages ?? DEFAULT_WINDOW_PAGES),
    messageTimeoutMs: tuning.messageTimeoutMs ?? DEFAULT_MESSAGE_TIMEOUT_MS,
    sessionTimeoutMs: tuning.sessionTimeoutMs ?? DEFAULT_SESSION_TIMEOUT_MS
  }
}

/** Smallest page sent over a limited connection, in bytes (a page still carries at least one record). */
export const MIN_LIMITED_PAGE_BYTES = 4096

/**
 * The tuning of a session on a connection with a data limit (a circuit relay's, in bytes):
 * pages of an eighth of the limit, so a session cut at the limit has applied most of what
 * crossed, and the next session (over the next circuit or a direct connection) carries only the
 * rest. Unchanged without a limit.
 */
export function tuningForLimit<T extends SyncTuning> (tuning: T, limitBytes: bigint | number | undefined): T {
  if (limitBytes === undefined) return tuning
  const page = Math.max(MIN_LIMITED_PAGE_BYTES, Math.floor(Number(limitBytes) / 8))
  return { ...tuning, pageBytes: Math.min(tuning.pageBytes ?? DEFAULT_PAGE_BYTES, page) }
}
