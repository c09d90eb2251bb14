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
import { ApplicationBody, MeBody, ObjectBody, PeerBody, PresenceBody, RevokeEndpointBody, ScopeBody } from './schemas-collab.ts'

function scopeOf (b: Record<string, unknown>, fallback?: Scope): Scope | undefined {
  const value = optionalField(b, 'scope', 'string')
  return value === undefined ? fallback : parseScope(value)
}

/** Adds the collaboration endpoints to `router`. */
export function addCollabRoutes (router: ApiRouter, node: PeerhoodNode): ApiRouter {
  const collab = () => node.collaboration
  return router
    .add('GET', '/v1/collab/signin', async () => collab().signinStatus(), { summary: 'The scopes this node is signed in to', tags: ['collab'] })
    .add('POST', '/v1/collab/signin', async ({ body }) => await collab().signin(scopeOf(bodyObject(body, ['scope']), 'all')!), { body: ScopeBody, summary: 'Signs in to a scope (near advertises by mDNS)', tags: ['collab'] })
    .add('POST', '/v1/collab/signout', async ({ body }) => await collab().signout(scopeOf(bodyObject(body, ['scope']), 'all')!), { body: ScopeBody, summary: 'Signs out of a scope (all: drops published objects and cached endpoint data)', tags: ['collab'] })
    .add('GET', '/v1/collab/me', async () => ({ ...collab().me(), ...collab().signinStatus(), presence: collab().presence() }), { summary: 'The Me contact, sign-in and presence', tags: ['collab'] })
    .add('PATCH', '/v1/collab/me', async ({ body }) => {
      const b = bodyObject(body, ['nickname', 'displayName', 'email', 'endpointName'])
      return await collab().setMe({
        ...definedString(b, 'nickname'), ...definedString(b, 'displayName'), ...definedString(b, 'email'), ...definedString(b, 'endpointName')
      })
    }, { body: MeBody, summary: 'Changes the Me contact', tags: ['collab'] })
    .add('GET', '/v1/collab/presence', async ({ query }) => collab().presence(query.get('peer') ?? undefined), { summary: 'My presence, or a watched endpoint\'s (?peer=)', tags: ['collab'] })
    .add('PUT', '/v1/collab/presence', async ({ body }) => {
      const b = bodyObject(body, ['status', 'text'])
      return await collab().setPresence({ status: stringField(b, 'status') as never, text: optionalField(b, 'text', 'string') ?? '' })
    }, { body: PresenceBody, summary: 'Sets my presence', tags: ['collab'] })
    .add('GET', '/v1/collab/objects', async ({ query }) => {
      const peer = query.get('peer')
      return (peer === null ? collab().objects() : collab().endpointObjects(peer)).map(objectJson)
    }, { summary: 'My published objects, or a watched endpoint\'s (?peer=)', tags: ['collab'] })
    .add('PUT', '/v1/collab/objects/:oid', async ({ params, body }) => {
      const b = bodyObject(body, ['data', 'dataText', 'scope'])
      const scope = scopeOf(b)
      return objectJson(await collab().setObject({ id: params.oid!, data: bytesOf(b) ?? new Uint8Array(0), ...(scope === undefined ? {} : { scope }) }))
    }, { body: ObjectBody, summary: 'Publishes an object', tags: ['collab'] })
    .add('DELETE', '/v1/collab/objects/:oid', async ({ params }) => { await collab().deleteObject(params.oid!) }, { summary: 'Deletes a published object', tags: ['collab'] })
    .add('GET', '/v1/collab/apps', async ({ query }) => {
      const peer = query.get('peer')
      return (peer === null ? collab().applications() : collab().endpointApplications(peer)).map(applicationJson)
    }, { summary: 'My registered applications, or a watched endpoint\'s (?peer=)', tags: ['collab'] })
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
    }, { body: ApplicationBody, summary: 'Registers an application (its launch command stays local)', tags: ['collab'] })
    .add('DELETE', '/v1/collab/apps/:aid', async ({ params }) => { await collab().unregisterApplication(params.aid!) }, { summary: 'Unregisters an application', tags: ['collab'] })
    .add('POST', '/v1/collab/endpoints/subscribe', async ({ body, signal }) => endpointDataJson(await collab().subscribe(stringField(bodyObject(body, ['peer']), 'peer'), { signal })), { body: PeerBody, summary: 'Subscribes to an endpoint\'s data', tags: ['collab'] })
    .add('POST', '/v1/collab/endpoints/unsubscribe', async ({ body }) => { await collab().unsubscribe(stringField(bodyObject(body, ['peer']), 'peer')) }, { body: PeerBody, summary: 'Ends a subscription', tags: ['collab'] })
    .add('POST', '/v1/collab/endpoints/refresh', async ({ body, signal }) => endpointDataJson(await collab().refresh(stringField(bodyObject(body, ['peer']), 'peer'), { signal })), { body: PeerBody, summary: 'Fetches one snapshot of an endpoint\'s data', tags: ['collab'] })
    .add('POST', '/v1/collab/endpoints/forget', async ({ body }) => { collab().forget(stringField(bodyObject(body, ['peer']), 'peer')) }, { body: PeerBody, summary: 'Drops an endpoint\'s cached data', tags: ['collab'] })
    .add('GET', '/v1/collab/endpoints', async ({ query }) => collab().endpoints(stringField({ contact: query.get('contact') ?? '' }, 'contact')), { summary: 'A contact\'s signed-in endpoints (?contact=)', tags: ['collab'] })
    .add('POST', '/v1/collab/endpoints/revoke', async ({ body }) => {
      const b = bodyObject(body, ['peer', 'reason'])
      const reason = optionalField(b, 'reason', 'string')
      return await collab().revokeEndpoint(stringField(b, 'peer'), reason === undefined ? {} : { reason })
    }, { body: RevokeEndpointBody, summary: 'Revokes one endpoint of my identity for good (signed by the identity key)', tags: ['collab'] })
    .add('GET', '/v1/collab/endpoints/revocations', async ({ query }) => collab().revokedEndpoints(query.get('identity') ?? undefined), { summary: 'Endpoint revocations held (?identity=)', tags: ['collab'] })
    .add('GET', '/v1/collab/endpoints/:peer', async ({ params }) => endpointDataJson(collab().endpoint(params.peer!)), { summary: 'The data held of one endpoint', tags: ['collab'] })
}

function definedString (b: Record<string, unknown>, key: string): Record<string, string> {
  const value = optionalField(b, key, 'string')
  return value === undefined ? {} : { [key]: value }
}
