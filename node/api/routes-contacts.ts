/**
 * Contact endpoints (`/v1/collab/card`, `/v1/collab/contacts...`): export my card (or a
 * contact's), parse a card without storing it, add from a card or a People Near Me entry, list,
 * get, update, delete.
 */
import { PeerhoodError } from '../../protocols/common/errors.ts'
import { cardToJson } from '../../protocols/contacts/card-json.ts'
import { isWatcherPermission } from '../../protocols/contacts/rules.ts'
import type { ContactPatch } from '../../protocols/contacts/types.ts'
import type { PeerhoodNode } from '../types.ts'
import { contactJson } from './collab-json.ts'
import type { ApiRouter } from './router.ts'
import { stringField } from './routes.ts'
import { bodyObject, optionalField } from './routes-groups.ts'
import { AddContactBody, CardBody, ContactPatchBody } from './schemas-collab.ts'

/** Adds the contact endpoints to `router`. */
export function addContactRoutes (router: ApiRouter, node: PeerhoodNode): ApiRouter {
  const collab = () => node.collaboration
  return router
    .add('GET', '/v1/collab/card', async ({ query }) => cardToJson(await collab().exportCard(query.get('peer') ?? undefined)), { summary: 'My contact card, or a contact\'s (?peer=)', tags: ['collab'] })
    .add('POST', '/v1/collab/contacts/parse', async ({ body }) => cardToJson(collab().parseCard(stringField(bodyObject(body, ['card']), 'card'))), { body: CardBody, summary: 'Verifies a contact card (stores nothing)', tags: ['collab'] })
    .add('POST', '/v1/collab/contacts', async ({ body, signal }) => {
      const b = bodyObject(body, ['card', 'nearId'])
      const nearId = optionalField(b, 'nearId', 'string')
      if ((nearId === undefined) === (b.card === undefined)) throw new PeerhoodError('INVALID_ARGUMENT', 'give "card" or "nearId"', { details: { key: 'card' } })
      return contactJson(nearId === undefined ? await collab().addContact(stringField(b, 'card')) : await collab().addContactNear(nearId, { signal }))
    }, { body: AddContactBody, summary: 'Adds a trusted contact from a card or a People Near Me entry', tags: ['collab'] })
    .add('GET', '/v1/collab/contacts', async () => collab().contacts().map(contactJson), { summary: 'The contacts', tags: ['collab'] })
    .add('GET', '/v1/collab/contacts/:peer', async ({ params }) => contactJson(collab().contact(params.peer!)), { summary: 'One contact', tags: ['collab'] })
    .add('PATCH', '/v1/collab/contacts/:peer', async ({ params, body }) => {
      const b = bodyObject(body, ['nickname', 'displayName', 'email', 'watch', 'watcherPermission'])
      const patch: ContactPatch = {}
      for (const key of ['nickname', 'displayName', 'email'] as const) {
        const value = optionalField(b, key, 'string')
        if (value !== undefined) patch[key] = value
      }
      const watch = optionalField(b, 'watch', 'boolean')
      if (watch !== undefined) patch.watch = watch
      if (b.watcherPermission !== undefined) {
        if (!isWatcherPermission(b.watcherPermission)) throw new PeerhoodError('INVALID_ARGUMENT', '"watcherPermission" is allowed or blocked', { details: { key: 'watcherPermission' } })
        patch.watcherPermission = b.watcherPermission
      }
      return contactJson(await collab().updateContact(params.peer!, patch))
    }, { body: ContactPatchBody, summary: 'Watches, allows or renames a contact', tags: ['collab'] })
    .add('DELETE', '/v1/collab/contacts/:peer', async ({ params }) => { await collab().deleteContact(params.peer!) }, { summary: 'Deletes a contact', tags: ['collab'] })
}
