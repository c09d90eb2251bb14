/**
 * One HTTP request through the control API: authenticate, route, read the body, run the
 * handler, write the reply or the error.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import { PeerhoodError } from '../../protocols/common/errors.ts'
import { isBodyTooLarge, readJsonBody } from './body.ts'
import { JSON_CONTENT_TYPE, MAX_BODY_BYTES } from './constants.ts'
import { errorResponse } from './errors.ts'
import { serveEventStream } from './event-stream.ts'
import { serveUiFile } from '../ui/serve.ts'
import type { UiAssets } from '../ui/assets.ts'
import { checkRequestOrigin } from './guard.ts'
import { EventStreamReply, JsonReply, TextReply } from './replies.ts'
import type { ApiMethod, ApiRouter, BodyLimit } from './router.ts'
import type { UiSessions } from './session.ts'
import { isAuthorized } from './token.ts'
import { validateRequest } from './validate.ts'

/** What the listener knows once the server listens. */
export interface ApiSite {
  /** The port it listens on (the only `Host` accepted is `127.0.0.1:<port>`). */
  port: number
  /** Dashboard login codes and sessions. */
  sessions: UiSessions
  /** The dashboard's files (read on first use). */
  assets: () => Promise<UiAssets>
}

/** What the request listener needs from the server. */
export interface RequestListenerInit {
  /** Routes to serve. */
  router: ApiRouter
  /** The bearer token every request must carry. */
  token: string
  /** Period of keep-alive comments on event streams, in milliseconds. */
  keepAliveMs: number
  /** Open event streams, by their end function (the server ends them on close). */
  streams: Set<() => void>
  /** Told about every error answered as 500. */
  onError?: (err: unknown, req: { method: string, path: string }) => void
  /** Told about every request refused with a 4xx code. */
  onRefused?: (code: string, status: number, req: { method: string, path: string }) => void
  /** The listening site; undefined until the server listens. */
  site: () => ApiSite | undefined
}

/** Creates the `request` listener of the API's HTTP server. */
export function createRequestListener (init: RequestListenerInit): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    handle(init, req, res).catch(err => { sendError(init, res, err, req) })
  }
}

async function handle (init: RequestListenerInit, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const site = init.site()
  if (site === undefined) throw new PeerhoodError('NOT_STARTED', 'the API is not listening yet')
  checkRequestOrigin(req.headers, site.port)
  const url = new URL(req.url ?? '/', 'http://127.0.0.1')
  const method = req.method ?? 'GET'
  // the dashboard's static files hold no secret: they load before the login
  if ((method === 'GET' || method === 'HEAD') && (url.pathname === '/ui' || url.pathname.startsWith('/ui/'))) {
    serveUiFile(req, res, url.pathname, await site.assets())
    return
  }
  const authorized = isAuthorized(req.headers.authorization, init.token) || site.sessions.isValid(req.headers.cookie)
  const match = init.router.match(method, url.pathname)
  if (!authorized && !(match.kind === 'found' && match.options.public === true)) {
    throw new PeerhoodError('UNAUTHORIZED', 'missing or wrong bearer token')
  }
  if (match.kind === 'not-found') throw new PeerhoodError('NOT_FOUND', `no such endpoint: ${url.pathname}`)
  if (match.kind === 'method-not-allowed') {
    res.setHeader('allow', match.allow.join(', '))
    throw new PeerhoodError('METHOD_NOT_ALLOWED', `${method} not allowed on ${url.pathname}`)
  }

  const body = method === 'GET' ? undefined : await readBody(req, match.options.bodyLimit, match.params)
  validateRequest(match.options, body, url.searchParams)
  const controller = new AbortController()
  res.on('close', () => { if (!res.writableFinished) controller.abort() })

  const result = await match.handler({
    method: method as ApiMethod,
    path: url.pathname,
    params: match.params,
    query: url.searchParams,
    body,
    signal: controller.signal
  })
  if (res.destroyed) return

  if (result instanceof EventStreamReply) {
    const end = serveEventStream(res, result, init.keepAliveMs)
    init.streams.add(end)
    res.on('close', () => { init.streams.delete(end) })
  } else if (result instanceof JsonReply) {
    for (const [name, value] of Object.entries(result.headers)) res.setHeader(name, value)
    send(res, 200, JSON_CONTENT_TYPE, JSON.stringify(result.value))
  } else if (result instanceof TextReply) {
    send(res, result.status, result.contentType, result.body)
  } else if (result === undefined) {
    res.writeHead(204, { 'cache-control': 'no-store' }).end()
  } else {
    send(res, 200, JSON_CONTENT_TYPE, JSON.stringify(result))
  }
}

/** Reads the body within the route's limit; when that cannot be known (no such group), the handler reports why. */
async function readBody (req: IncomingMessage, limit: BodyLimit | undefined, params: Record<string, string>): Promise<unknown> {
  if (limit === undefined) return readJsonBody(req, MAX_BODY_BYTES)
  const bytes = await limit.bytes(params).catch(() => MAX_BODY_BYTES)
  return readJsonBody(req, Math.max(bytes, MAX_BODY_BYTES), limit.code)
}

function sendError (init: RequestListenerInit, res: ServerResponse, err: unknown, req: IncomingMessage): void {
  const { status, body } = errorResponse(err)
  const where = { method: req.method ?? '', path: (req.url ?? '').split('?')[0] ?? '' }
  if (status >= 500) init.onError?.(err, where)
  else init.onRefused?.(body.code, isBodyTooLarge(err) ? 413 : status, where)
  if (res.headersSent || res.destroyed) {
    res.destroy()
    return
  }
  if (body.code === 'UNAUTHORIZED') res.setHeader('www-authenticate', 'Bearer')
  send(res, isBodyTooLarge(err) ? 413 : status, JSON_CONTENT_TYPE, JSON.stringify(body))
}

function send (res: ServerResponse, status: number, contentType: string, body: string): void {
  res.writeHead(status, {
    'content-type': contentType,
    'content-length': Buffer.byteLength(body),
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'content-security-policy': "default-src 'none'; frame-ancestors 'none'"
  })
  res.end(body)
}
