/**
 * The application invitation endpoints (`/v1/collab/invitations...`): send, list, status,
 * accept, decline, cancel. Data crosses as base64 (`data`) or text (`dataText`).
 */
import type { IncomingInvitation, OutgoingInvitation } from '../../protocols/app-invitations/types.ts'
import { isPeerhoodError } from '../../protocols/common/errors.ts'
import type { PeerhoodNode } from '../types.ts'
import { bytesOf } from './collab-json.ts'
import type { ApiRouter } from './router.ts'
import { stringField } from './routes.ts'
import { bodyObject, optionalField, optionalStringList } from './routes-groups.ts'
import { AcceptBody, CancelBody, DeclineBody, InviteAppBody, SessionHostBody } from './schemas-collab.ts'

/** An invitation as JSON: bytes as base64 and their size. */
export type InvitationJson<T extends OutgoingInvitation | IncomingInvitation> = Omit<T, 'data'> & { data: string, dataSize: number, direction: 'sent' | 'received' }

/** An outgoing invitation as JSON. */
export function sentJson (inv: OutgoingInvitation): InvitationJson<OutgoingInvitation> {
  return { ...inv, data: Buffer.from(inv.data).toString('base64'), dataSize: inv.data.byteLength, direction: 'sent' }
}

/** A received invitation as JSON. */
export function receivedJson (inv: IncomingInvitation): InvitationJson<IncomingInvitation> {
  return { ...inv, data: Buffer.from(inv.data).toString('base64'), dataSize: inv.data.byteLength, direction: 'received' }
}

/** Adds the invitation endpoints to `router`. */
export function addInvitationRoutes (router: ApiRouter, node: PeerhoodNode): ApiRouter {
  const inv = () => node.invitations
  return router
    .add('GET', '/v1/collab/invitations', async () => ({ received: inv().received().map(receivedJson), sent: inv().sent().map(sentJson) }), { summary: 'Application invitations received and sent', tags: ['collab'] })
    .add('POST', '/v1/collab/invitations', async ({ body, signal }) => {
      const b = bodyObject(body, ['to', 'appId', 'message', 'data', 'dataText', 'expiresIn', 'wait'])
      const data = bytesOf(b)
      const expiresInMs = optionalField(b, 'expiresIn', 'number')
      const options = {
        appId: stringField(b, 'appId'),
        message: optionalField(b, 'message', 'string') ?? '',
        ...(data === undefined ? {} : { data }),
        ...(expiresInMs === undefined ? {} : { expiresInMs })
      }
      // several endpoints of one person: the first acceptance wins, the others are cancelled
      if (Array.isArray(b.to)) return (await inv().inviteEach(optionalStringList(b, 'to') ?? [], options)).map(sentJson)
      const sent = await inv().invite(stringField(b, 'to'), options)
      if (optionalField(b, 'wait', 'boolean') !== true) return sentJson(sent)
      return sentJson(await inv().waitForResponse(sent.id, { signal }))
    }, { body: InviteAppBody, summary: 'Invites a contact or endpoint to an application', tags: ['collab'] })
    .add('GET', '/v1/collab/invitations/:id', async ({ params }) => {
      try {
        return sentJson(inv().status(params.id!))
      } catch (err) {
        if (!isPeerhoodError(err, 'NOT_FOUND')) throw err
        return receivedJson(inv().incoming(params.id!))
      }
    }, { summary: 'One invitation and its status', tags: ['collab'] })
    .add('POST', '/v1/collab/invitations/:id/accept', async ({ params, body }) => {
      const b = bodyObject(body, ['message', 'join'])
      const join = optionalField(b, 'join', 'boolean')
      return receivedJson(await inv().accept(params.id!, { message: optionalField(b, 'message', 'string') ?? '', ...(join === undefined ? {} : { join }) }))
    }, { body: AcceptBody, summary: 'Accepts an invitation (launches its application)', tags: ['collab'] })
    .add('POST', '/v1/collab/invitations/:id/decline', async ({ params, body }) => {
      const b = bodyObject(body, ['message'])
      return receivedJson(await inv().decline(params.id!, { message: optionalField(b, 'message', 'string') ?? '' }))
    }, { body: DeclineBody, summary: 'Declines an invitation', tags: ['collab'] })
    .add('POST', '/v1/collab/invitations/:id/cancel', async ({ params }) => sentJson(await inv().cancel(params.id!)), { body: CancelBody, summary: 'Cancels a sent invitation', tags: ['collab'] })
    // one request for the whole hosted session; its progress is on /v1/events as session:progress
    .add('POST', '/v1/collab/sessions', async ({ body }) => {
      const b = bodyObject(body, ['appId', 'invite', 'message', 'data', 'dataText', 'timeout', 'groupName', 'groupId'])
      const data = bytesOf(b)
      const timeoutMs = optionalField(b, 'timeout', 'number')
      const groupName = optionalField(b, 'groupName', 'string')
      const groupId = optionalField(b, 'groupId', 'string')
      return await inv().hostSession({
        appId: stringField(b, 'appId'),
        invite: optionalStringList(b, 'invite') ?? [],
        message: optionalField(b, 'message', 'string') ?? '',
        ...(data === undefined ? {} : { data }),
        ...(timeoutMs === undefined ? {} : { timeoutMs }),
        ...(groupName === undefined ? {} : { groupName }),
        ...(groupId === undefined ? {} : { groupId })
      })
    }, { body: SessionHostBody, summary: 'Hosts a collaboration session: invites, collects, creates the group, admits acceptors', tags: ['collab'] })
}
