/**
 * Sending one of the dashboard's files, gzipped when the browser accepts it, with a
 * Content-Security-Policy that allows no inline code or styles.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { UiAssets } from './assets.ts'

/** Answers `GET /ui…` from `assets` (404 for an unknown file, a redirect from `/ui` to `/ui/`). */
export function serveUiFile (req: IncomingMessage, res: ServerResponse, path: string, assets: UiAssets): void {
  if (path === '/ui') {
    res.writeHead(308, { location: '/ui/', 'cache-control': 'no-store' }).end()
    return
  }
  const file = assets.files.get(path)
  if (file === undefined) {
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' }).end('not found\n')
    return
  }
  const gzip = /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))
  const body = gzip ? file.gzip : file.body
  res.writeHead(200, {
    'content-type': file.contentType,
    'content-length': body.length,
    ...(gzip ? { 'content-encoding': 'gzip' } : {}),
    vary: 'accept-encoding',
    'cache-control': 'no-cache',
    'content-security-policy': assets.csp,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'x-frame-options': 'DENY'
  })
  res.end(req.method === 'HEAD' ? undefined : body)
}
