/**
 * The dashboard's endpoints: the one-time login code (`peerhood ui` asks for it with the token),
 * its exchange for a session cookie, and the API description.
 */
import { PeerhoodError } from '../../protocols/common/errors.ts'
import { openApiDocument } from './openapi.ts'
import { JsonReply } from './replies.ts'
import type { ApiRouter } from './router.ts'
import { SessionBody } from './schemas.ts'
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
export function addUiRoutes (router: ApiRouter, site: { url: string, sessions: () => UiSessions }): ApiRouter {
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
    .add('GET', '/v1/openapi.json', async () => openApiDocument(router.entries()), { summary: 'This document', tags: ['node'] })
}
