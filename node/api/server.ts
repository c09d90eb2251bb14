/**
 * The control API's HTTP server: HTTP + JSON on 127.0.0.1, bearer token, server-sent events.
 */
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { PeerhoodError } from '../../protocols/common/errors.ts'
import type { PeerhoodNode } from '../types.ts'
import { removeApiFile, writeApiFile } from './api-file.ts'
import { API_HOST, SSE_KEEP_ALIVE_MS } from './constants.ts'
import { createRequestListener } from './handle.ts'
import { ApiRouter } from './router.ts'
import { addNodeRoutes } from './routes.ts'
import { addConnectionRoutes } from './routes-connections.ts'
import { addGroupRoutes } from './routes-groups.ts'
import { addJoiningRoutes } from './routes-joining.ts'
import { addRevocationRoutes } from './routes-revocation.ts'
import { addNearRoutes } from './routes-near.ts'
import { addRecordRoutes } from './routes-records.ts'
import { addCollabRoutes } from './routes-collab.ts'
import { addContactRoutes } from './routes-contacts.ts'

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
  /** Told about every error answered as 500 `INTERNAL` (nothing is logged otherwise). @default undefined (ignored) */
  onError?: (err: unknown, req: { method: string, path: string }) => void
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
 * Starts the control API for `node` on 127.0.0.1. Codes: `PORT_IN_USE` (details.port),
 * `UNABLE_TO_LISTEN`, `INVALID_ARGUMENT` (empty token), `DATA_DIR_UNWRITABLE` (api.json).
 */
export async function startApiServer (node: PeerhoodNode, init: ApiServerInit): Promise<ApiServer> {
  if (typeof init.token !== 'string' || init.token === '') {
    throw new PeerhoodError('INVALID_ARGUMENT', 'the API token must be a non-empty string', { details: { key: 'token' } })
  }
  const port = init.port ?? 0
  const router = new ApiRouter()
  for (const addRoutes of [addNodeRoutes, addGroupRoutes, addRecordRoutes, addJoiningRoutes, addRevocationRoutes, addConnectionRoutes, addCollabRoutes, addContactRoutes, addNearRoutes]) addRoutes(router, node)
  const streams = new Set<() => void>()
  const server = createServer(createRequestListener({
    router,
    token: init.token,
    keepAliveMs: init.keepAliveMs ?? SSE_KEEP_ALIVE_MS,
    streams,
    ...(init.onError === undefined ? {} : { onError: init.onError })
  }))

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
