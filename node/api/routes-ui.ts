/**
 * The dashboard's endpoints: the one-time login code (`peerhood ui` asks for it with the token),
 * its exchange for a session cookie, and the API description.
 */
import { PeerhoodError } from '../../protocols/common/errors.ts'
import { openApiDocument } from './openapi.ts'
import { EventStreamReply, JsonReply } from './replies.ts'
import type { ApiRouter } from './router.ts'
import { MetricsStreamQuery, SessionBody } from './schemas.ts'
import type { UiSessions } from './session.ts'

/** What `POST /v1/ui/login-codes` returns. */
export interface LoginCodeJson {
  /** The one-time code (valid 60 s, single use). */
  code: string
  /** The dashboard URL carrying the code in its fragment (never sent to any server). */
  url: string
  /** When the code expires, epoch milliseconds. */
  expiresMs: number
}

/** Adds the dashboard endpoints and `GET /v1/openapi.json` to `router`. */
export function addUiRoutes (router: ApiRouter, site: { url: string, sessions: () => UiSessions, metrics: () => Promise<string> }): ApiRouter {
  return router
    .add('POST', '/v1/ui/login-codes', async (): Promise<LoginCodeJson> => {
      const { code, expiresMs } = site.sessions().issueCode()
      return { code, url: `${site.url}/ui/#code=${code}`, expiresMs }
    }, { summary: 'A one-time dashboard login code (60 s, single use)', tags: ['ui'] })
    .add('POST', '/ui/session', async ({ body }) => {
      const sessions = site.sessions()
      const session = sessions.redeem((body as { code: string }).code)
      if (session === undefined) throw new PeerhoodError('UNAUTHORIZED', 'the login code is unknown, used or expired')
      return new JsonReply({ ok: true }, { 'set-cookie': sessions.cookie(session) })
    }, { body: SessionBody, public: true, summary: 'Trades a login code for an HttpOnly session cookie', tags: ['ui'] })
    .add('GET', '/v1/metrics/stream', async ({ query }) => {
      const intervalMs = Math.min(60_000, Math.max(250, Number(query.get('intervalMs') ?? 1000) || 1000))
      return new EventStreamReply(sink => {
        const tick = (): void => {
          site.metrics().then(text => { sink.event('metrics:sample', { time: Date.now(), values: parsePrometheus(text) }) }, () => {})
        }
        tick()
        const timer = setInterval(tick, intervalMs)
        return () => { clearInterval(timer) }
      })
    }, { query: MetricsStreamQuery, summary: 'The node\'s metrics pushed every intervalMs as metrics:sample events (server-sent events)', tags: ['node'] })
    .add('GET', '/v1/openapi.json', async () => openApiDocument(router.entries()), { summary: 'This document', tags: ['node'] })
}

/** Most samples sent per metrics event (a node with libp2p metrics has a few hundred). */
const MAX_SAMPLES = 2000

/** Prometheus text exposition → `{ 'name{labels}': value }` (comments and NaN left out). */
export function parsePrometheus (text: string): Record<string, number> {
  const out: Record<string, number> = {}
  let n = 0
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue
    const space = line.lastIndexOf(' ')
    const value = Number(line.slice(space + 1))
    if (space <= 0 || !Number.isFinite(value)) continue
    out[line.slice(0, space)] = value
    if (++n >= MAX_SAMPLES) break
  }
  return out
}
