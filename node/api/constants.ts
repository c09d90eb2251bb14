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

/** Most open connections to the control API; more are closed on accept. */
export const DEFAULT_API_MAX_CONNECTIONS = 64

/**
 * Most requests one process keeps in flight to one control API (event streams not counted); more
 * wait in the client. Well under {@link DEFAULT_API_MAX_CONNECTIONS}, so the sockets a client has
 * just closed and the server has not yet counted out, event streams and other clients (CLI,
 * dashboard) still fit under the server's cap.
 */
export const API_CLIENT_MAX_REQUESTS = 8

/** Time a client has to send a request's headers, in milliseconds (slow-header sockets are closed after it). */
export const DEFAULT_API_HEADERS_TIMEOUT_MS = 10_000

/** Time a client has to send a whole request, body included, in milliseconds. */
export const API_REQUEST_TIMEOUT_MS = 120_000

/** How long an idle keep-alive connection stays open, as the server announces it to clients (`Keep-Alive: timeout=5`), in milliseconds. */
export const API_KEEP_ALIVE_TIMEOUT_MS = 5_000

/**
 * How much longer than it announces the server really keeps an idle keep-alive connection, in
 * milliseconds (node:http's `keepAliveTimeoutBuffer`, Node ≥ 24.6; older Node closes at the
 * announced time plus 1 s). A client reuses an idle connection until shortly before the announced
 * time; when its event loop lags, it may send a request on a connection the server closed at that
 * very moment, and the request fails with a reset (seen at load averages above 40). With the grace,
 * the client's own timer closes the connection long before the server would.
 */
export const API_KEEP_ALIVE_GRACE_MS = 25_000

/** How often node:http checks the header and request timeouts, in milliseconds (its default, 30 s, would let a slow-header socket live three times the timeout). */
export const API_TIMEOUT_CHECK_INTERVAL_MS = 1_000

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
