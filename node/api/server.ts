/**
 * The control API's HTTP server: HTTP + JSON on 127.0.0.1, bearer token, server-sent events.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { PeerhoodError } from '../../protocols/common/errors.ts'
import type { PeerhoodNode } from '../types.ts'
import { removeApiFile, writeApiFile } from './api-file.ts'
import {
  API_HOST,
  API_KEEP_ALIVE_GRACE_MS,
  API_KEEP_ALIVE_TIMEOUT_MS,
  API_REQUEST_TIMEOUT_MS,
  API_TIMEOUT_CHECK_INTERVAL_MS,
  DEFAULT_API_HEADERS_TIMEOUT_MS,
  DEFAULT_API_MAX_CONNECTIONS,
  SSE_KEEP_ALIVE_MS
} from './constants.ts'
import { type ApiSite, createRequestListener } from './handle.ts'
import { loadUiAssets, type UiAssets } from '../ui/assets.ts'
import { ApiRouter } from './router.ts'
import { addNodeRoutes } from './routes.ts'
import { addConnectionRoutes } from './routes-connections.ts'
import { addGroupRoutes } from './routes-groups.ts'
import { addJoiningRoutes } from './routes-joining.ts'
import { addRevocationRoutes } from './routes-revocation.ts'
import { addNearRoutes } from './routes-near.ts'
import { addRecordRoutes } from './routes-records.ts'
import { addRecordBatchRoutes } from './routes-records-batch.ts'
import { addCollabRoutes } from './routes-collab.ts'
import { addContactRoutes } from './routes-contacts.ts'
import { addUiRoutes } from './routes-ui.ts'
import { UiSessions } from './session.ts'
import { addInvitationRoutes } from './routes-invitations.ts'

/** Options of {@link startApiServer}. */
export interface ApiServerInit {
  /** TCP port on 127.0.0.1; 0 picks a free one. @default 0 */
  port?: number
  /** The bearer token every request must carry (see `loadOrCreateToken`). Required, non-empty. */
  token: string
  /** When set, `api.json` ({ url, port, pid }, mode 0600) is written here once listening and removed on close. @default undefined (no file) */
  dataDir?: string
  /** Period of the `: keep-alive` comment on event streams, in milliseconds. @default 15000 */
  keepAliveMs?: number
  /** Most open connections (event streams included); more are closed as soon as they are accepted. @default 64 */
  maxConnections?: number
  /** Time a client has to send a request's headers, in milliseconds; an idle or slow-header socket is closed after it. @default 10000 */
  headersTimeoutMs?: number
  /** Told about every error answered as 500 `INTERNAL` (nothing is logged otherwise). @default undefined (ignored) */
  onError?: (err: unknown, req: { method: string, path: string }) => void
  /** Told about every request refused with a 4xx code (for the log). @default undefined (ignored) */
  onRefused?: (code: string, status: number, req: { method: string, path: string }) => void
  /** Told about every connection closed on accept because `maxConnections` were open (for the log). @default undefined (ignored) */
  onDropped?: (maxConnections: number, remote: { address?: string, port?: number }) => void
}

/** A listening control API. */
export interface ApiServer {
  /** Base URL, `http://127.0.0.1:<port>`. */
  readonly url: string
  /** The TCP port it listens on. */
  readonly port: number
  /** Its routes: add endpoints here. */
  readonly router: ApiRouter
  /** Stops listening, ends open event streams and in-flight requests, removes `api.json`. Idempotent. */
  close (): Promise<void>
}

/**
 * node:http times out headers only once a request has begun: a socket that sends nothing at all
 * would stay open. Close one whose first request's headers have not arrived within `timeoutMs`;
 * after that request, node:http's keep-alive and header timeouts take over.
 */
function closeSilentSockets (server: Server, timeoutMs: number): void {
  const waiting = new WeakMap<Socket, NodeJS.Timeout>()
  server.on('connection', (socket: Socket) => {
    const timer = setTimeout(() => { socket.destroy() }, timeoutMs)
    waiting.set(socket, timer)
    socket.once('close', () => { clearTimeout(timer) })
  })
  server.on('request', (req: IncomingMessage) => {
    clearTimeout(waiting.get(req.socket))
    waiting.delete(req.socket)
  })
}

/**
 * Starts the control API for `node` on 127.0.0.1. Codes: `PORT_IN_USE` (details.port),
 * `UNABLE_TO_LISTEN`, `INVALID_ARGUMENT` (empty token), `DATA_DIR_UNWRITABLE` (api.json).
 */
export async function startApiServer (node: PeerhoodNode, init: ApiServerInit): Promise<ApiServer> {
  if (typeof init.token !== 'string' || init.token === '') {
    throw new PeerhoodError('INVALID_ARGUMENT', 'the API token must be a non-empty string', { details: { key: 'token' } })
  }
  const port = init.port ?? 0
  const router = new ApiRouter()
  for (const addRoutes of [addNodeRoutes, addGroupRoutes, addRecordRoutes, addRecordBatchRoutes, addJoiningRoutes, addRevocationRoutes, addConnectionRoutes, addCollabRoutes, addContactRoutes, addNearRoutes, addInvitationRoutes]) addRoutes(router, node)
  const streams = new Set<() => void>()
  let site: ApiSite | undefined
  const headersTimeout = init.headersTimeoutMs ?? DEFAULT_API_HEADERS_TIMEOUT_MS
  // Local processes can still exhaust file descriptors: bound the sockets, and close those that
  // send nothing, headers too slowly, or sit idle between requests.
  const server = createServer({
    headersTimeout,
    requestTimeout: Math.max(API_REQUEST_TIMEOUT_MS, headersTimeout),
    keepAliveTimeout: API_KEEP_ALIVE_TIMEOUT_MS,
    connectionsCheckingInterval: Math.min(API_TIMEOUT_CHECK_INTERVAL_MS, headersTimeout)
  }, createRequestListener({
    router,
    token: init.token,
    keepAliveMs: init.keepAliveMs ?? SSE_KEEP_ALIVE_MS,
    streams,
    site: () => site,
    ...(init.onError === undefined ? {} : { onError: init.onError }),
    ...(init.onRefused === undefined ? {} : { onRefused: init.onRefused })
  }))
  // announce 5 s, keep 30 s: a lagging client closes its idle connection first (no-op before Node 24.6)
  ;(server as Server & { keepAliveTimeoutBuffer?: number }).keepAliveTimeoutBuffer = API_KEEP_ALIVE_GRACE_MS
  const maxConnections = init.maxConnections ?? DEFAULT_API_MAX_CONNECTIONS
  server.maxConnections = maxConnections
  // the client sees only a reset: say on this side why its connection went
  server.on('drop', (data?: { remoteAddress?: string, remotePort?: number }) => {
    init.onDropped?.(maxConnections, { ...(data?.remoteAddress === undefined ? {} : { address: data.remoteAddress }), ...(data?.remotePort === undefined ? {} : { port: data.remotePort }) })
  })
  closeSilentSockets(server, headersTimeout)

  await new Promise<void>((resolve, reject) => {
    const onListenError = (err: NodeJS.ErrnoException): void => {
      if (err.code === 'EADDRINUSE') reject(new PeerhoodError('PORT_IN_USE', `port ${port} on ${API_HOST} is in use`, { cause: err, details: { port } }))
      else reject(new PeerhoodError('UNABLE_TO_LISTEN', `cannot listen on ${API_HOST}:${port}`, { cause: err, details: { port } }))
    }
    server.once('error', onListenError)
    server.listen({ host: API_HOST, port, exclusive: true }, () => {
      server.off('error', onListenError)
      resolve()
    })
  })
  // a later server error must not crash the node
  server.on('error', err => { init.onError?.(err, { method: '', path: '' }) })
  const actualPort = (server.address() as AddressInfo).port
  const url = `http://${API_HOST}:${actualPort}`
  const sessions = new UiSessions(actualPort)
  let assets: Promise<UiAssets> | undefined
  site = { port: actualPort, sessions, assets: async () => await (assets ??= loadUiAssets()) }
  addUiRoutes(router, { url, sessions: () => sessions, metrics: async () => await node.metrics() })

  let closing: Promise<void> | undefined
  const close = async (): Promise<void> => {
    closing ??= (async () => {
      const closed = new Promise<void>(resolve => { server.close(() => { resolve() }) })
      for (const end of streams) end()
      server.closeAllConnections()
      await closed
      if (init.dataDir !== undefined) await removeApiFile(init.dataDir)
    })()
    await closing
  }

  if (init.dataDir !== undefined) {
    try {
      await writeApiFile(init.dataDir, { url, port: actualPort, pid: process.pid })
    } catch (err) {
      await close().catch(() => {})
      throw err
    }
  }
  return { url, port: actualPort, router, close }
}
