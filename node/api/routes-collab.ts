/**
 * The collaboration endpoints (`/v1/collab/...`): sign-in, Me, presence, objects, applications
 * and endpoint data. Contacts and cards are in `routes-contacts.ts`; `GET /v1/collab/near` is
 * People Near Me's.
 */
import { parseScope } from '../../protocols/collaboration/rules.ts'
import type { Scope } from '../../protocols/collaboration/types.ts'
import type { PeerhoodNode } from '../types.ts'
import { applicationJson, bytesOf, endpointDataJson, objectJson } from './collab-json.ts'
import type { ApiRouter } from './router.ts'
import { stringField } from './routes.ts'
import { bodyObject, optionalField, optionalStringList } from './routes-groups.ts'

function scopeOf (b: Record<string, unknown>, fallback?: Scope): Scope | undefined {
  const value = optionalField(b, 'scope', 'string')
  return value === undefined ? fallback : parseScope(value)
}

/** Adds the collaboration endpoints to `router`. */
export function addCollabRoutes (router: ApiRouter, node: PeerhoodNode): ApiRouter {
  const collab = () => node.collaboration
  return router
    .add('GET', '/v1/collab/signin', async () => collab().signinStatus())
    .add('POST', '/v1/collab/signin', async ({ body }) => await collab().signin(scopeOf(bodyObject(body, ['scope']), 'all')!))
    .add('POST', '/v1/collab/signout', async ({ body }) => await collab().signout(scopeOf(bodyObject(body, ['scope']), 'all')!))
    .add('GET', '/v1/collab/me', async () => ({ ...collab().me(), ...collab().signinStatus(), presence: collab().presence() }))
    .add('PATCH', '/v1/collab/me', async ({ body }) => {
      const b = bodyObject(body, ['nickname', 'displayName', 'email', 'endpointName'])
      return await collab().setMe({
        ...definedString(b, 'nickname'), ...definedString(b, 'displayName'), ...definedString(b, 'email'), ...definedString(b, 'endpointName')
      })
    })
    .add('GET', '/v1/collab/presence', async ({ query }) => collab().presence(query.get('peer') ?? undefined))
    .add('PUT', '/v1/collab/presence', async ({ body }) => {
      const b = bodyObject(body, ['status', 'text'])
      return await collab().setPresence({ status: stringField(b, 'status') as never, text: optionalField(b, 'text', 'string') ?? '' })
    })
    .add('GET', '/v1/collab/objects', async ({ query }) => {
      const peer = query.get('peer')
      return (peer === null ? collab().objects() : collab().endpointObjects(peer)).map(objectJson)
    })
    .add('PUT', '/v1/collab/objects/:oid', async ({ params, body }) => {
      const b = bodyObject(body, ['data', 'dataText', 'scope'])
      const scope = scopeOf(b)
      return objectJson(await collab().setObject({ id: params.oid!, data: bytesOf(b) ?? new Uint8Array(0), ...(scope === undefined ? {} : { scope }) }))
    })
    .add('DELETE', '/v1/collab/objects/:oid', async ({ params }) => { await collab().deleteObject(params.oid!) })
    .add('GET', '/v1/collab/apps', async ({ query }) => {
      const peer = query.get('peer')
      return (peer === null ? collab().applications() : collab().endpointApplications(peer)).map(applicationJson)
    })
    .add('PUT', '/v1/collab/apps/:aid', async ({ params, body }) => {
      const b = bodyObject(body, ['description', 'data', 'dataText', 'launch', 'args', 'scope'])
      const scope = scopeOf(b)
      const launch = optionalField(b, 'launch', 'string')
      const args = optionalStringList(b, 'args')
      const data = bytesOf(b)
      return applicationJson(await collab().registerApplication({
        id: params.aid!,
        description: optionalField(b, 'description', 'string') ?? '',
        ...(data === undefined ? {} : { data }),
        ...(launch === undefined ? {} : { launch }),
        ...(args === undefined ? {} : { args }),
        ...(scope === undefined ? {} : { scope })
      }))
    })
    .add('DELETE', '/v1/collab/apps/:aid', async ({ params }) => { await collab().unregisterApplication(params.aid!) })
    .add('POST', '/v1/collab/endpoints/subscribe', async ({ body, signal }) => endpointDataJson(await collab().subscribe(stringField(bodyObject(body, ['peer']), 'peer'), { signal })))
    .add('POST', '/v1/collab/endpoints/unsubscribe', async ({ body }) => { await collab().unsubscribe(stringField(bodyObject(body, ['peer']), 'peer')) })
    .add('POST', '/v1/collab/endpoints/refresh', async ({ body, signal }) => endpointDataJson(await collab().refresh(stringField(bodyObject(body, ['peer']), 'peer'), { signal })))
    .add('POST', '/v1/collab/endpoints/forget', async ({ body }) => { collab().forget(stringField(bodyObject(body, ['peer']), 'peer')) })
    .add('GET', '/v1/collab/endpoints', async ({ query }) => collab().endpoints(stringField({ contact: query.get('contact') ?? '' }, 'contact')))
    .add('GET', '/v1/collab/endpoints/:peer', async ({ params }) => endpointDataJson(collab().endpoint(params.peer!)))
}

function definedString (b: Record<string, unknown>, key: string): Record<string, string> {
  const value = optionalField(b, key, 'string')
  return value === undefined ? {} : { [key]: value }
}
