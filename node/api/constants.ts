/**
 * Fixed values of the control API: file names in the data directory, limits and timings.
 */
import { API_INFO_FILE, API_TOKEN_FILE } from '../data-dir/layout.ts'

/** The only address the control API listens on. */
export const API_HOST = '127.0.0.1'


/** File in the data directory holding the bearer token (mode 0600). */
export const TOKEN_FILE = API_TOKEN_FILE

/** File in the data directory telling clients where the running node's API listens (mode 0600). */
export const API_FILE = API_INFO_FILE

/** Random bytes in a generated token (base64url-encoded: 43 characters). */
export const TOKEN_BYTES = 32

/** Largest request body accepted, in bytes (1 MiB); larger bodies get 413 `INVALID_REQUEST`. */
export const MAX_BODY_BYTES = 1024 * 1024

/** Period of the `: keep-alive` comment on open event streams, in milliseconds. */
export const SSE_KEEP_ALIVE_MS = 15_000

/** Content type of `GET /metrics` (Prometheus text exposition format 0.0.4). */
export const PROMETHEUS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8'

/** Content type of JSON responses. */
export const JSON_CONTENT_TYPE = 'application/json; charset=utf-8'

/** Content type of the event stream. */
export const SSE_CONTENT_TYPE = 'text/event-stream; charset=utf-8'

/** File mode of `api-token` and `api.json`: owner read/write only. */
export const PRIVATE_FILE_MODE = 0o600
