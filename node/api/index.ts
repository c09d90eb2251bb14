/**
 * The control API: HTTP + JSON on 127.0.0.1 with a bearer token, server-sent events and
 * Prometheus metrics (see `docs/api.md`), and the client the CLI uses.
 */
export { readApiFile, removeApiFile, writeApiFile } from './api-file.ts'
export type { ApiFile } from './api-file.ts'
export { ApiClient, responseError } from './client.ts'
export type { ApiClientInit, ApiEventsOptions, ApiRequestOptions } from './client.ts'
export { API_FILE, API_HOST, MAX_BODY_BYTES, SSE_KEEP_ALIVE_MS, TOKEN_FILE } from './constants.ts'
export { errorResponse, httpStatusForCode } from './errors.ts'
export type { ApiErrorBody } from './errors.ts'
export { formatEventFilter, parseEventFilter } from './filter.ts'
export { EventStreamReply, TextReply } from './replies.ts'
export type { EventStreamOpener, SseSink } from './replies.ts'
export { ApiRouter } from './router.ts'
export type { ApiHandler, ApiMethod, ApiRequest, RouteMatch } from './router.ts'
export { stringField } from './routes.ts'
export type { NodeIdentity } from './routes.ts'
export { startApiServer } from './server.ts'
export type { ApiServer, ApiServerInit } from './server.ts'
export { generateToken, loadOrCreateToken } from './token.ts'
