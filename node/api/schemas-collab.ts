/**
 * Zod schemas of the collaboration endpoints' request bodies (`/v1/collab/...`: sign-in, Me,
 * presence, objects, applications, endpoint data, contacts, application invitations, hosted
 * sessions) and of the batch record and revocation endpoints. The router validates with them before the handler
 * runs (which still checks values: scopes, sizes, statuses, each with its own code), and
 * `GET /v1/openapi.json` describes them; a test checks that every example validates.
 */
import { z } from 'zod'

const PEER = '12D3KooWGzBqj9sb2VhCqWQk6nRjV7nLgbP5tLQK9ELdFY3JsJ4H'
const text = z.string().min(1)
const scope = z.string()

/** `POST /v1/collab/signin` and `/signout`: the scope (`near`, `internet`, `all`; default `all`). */
export const ScopeBody = z.strictObject({ scope: scope.optional() }).meta({ examples: [{}, { scope: 'near' }] }).optional()

/** `PATCH /v1/collab/me`. */
export const MeBody = z.strictObject({
  nickname: z.string().optional(), displayName: z.string().optional(), email: z.string().optional(), endpointName: z.string().optional()
}).meta({ examples: [{ nickname: 'ali' }, { displayName: 'Alice Liddell', email: 'alice@example.org' }] })

/** `PUT /v1/collab/presence`. */
export const PresenceBody = z.strictObject({ status: text, text: z.string().optional() }).meta({ examples: [{ status: 'busy', text: 'writing' }] })

/** `PUT /v1/collab/objects/:oid`. */
export const ObjectBody = z.strictObject({ data: z.string().optional(), dataText: z.string().optional(), scope: scope.optional() })
  .meta({ examples: [{ dataText: 'hello', scope: 'all' }] })

/** `PUT /v1/collab/apps/:aid`. */
export const ApplicationBody = z.strictObject({
  description: z.string().optional(),
  data: z.string().optional(),
  dataText: z.string().optional(),
  launch: z.string().optional(),
  args: z.array(z.string()).optional(),
  scope: scope.optional()
}).meta({ examples: [{ description: 'Shared whiteboard', launch: '/usr/bin/whiteboard', args: ['--join'] }] })

/** `POST /v1/collab/endpoints/subscribe`, `unsubscribe`, `refresh`, `forget`. */
export const PeerBody = z.strictObject({ peer: text }).meta({ examples: [{ peer: PEER }] })

/** `POST /v1/collab/endpoints/revoke`: an endpoint of my identity, and why (at most 255 characters). */
export const RevokeEndpointBody = z.strictObject({ peer: text, reason: z.string().optional() })
  .meta({ examples: [{ peer: PEER, reason: 'laptop stolen' }] })

/** `POST /v1/collab/contacts/parse`. */
export const CardBody = z.strictObject({ card: text }).meta({ examples: [{ card: 'peerhood1:contact:…' }] })

/** `POST /v1/collab/contacts`: a card, or the id of a People Near Me entry. */
export const AddContactBody = z.strictObject({ card: text.optional(), nearId: text.optional() })
  .meta({ examples: [{ card: 'peerhood1:contact:…' }, { nearId: 'k3m5q7s9u2w4y6a8' }] })

/** `PATCH /v1/collab/contacts/:peer`. */
export const ContactPatchBody = z.strictObject({
  nickname: z.string().optional(),
  displayName: z.string().optional(),
  email: z.string().optional(),
  watch: z.boolean().optional(),
  watcherPermission: z.string().optional()
}).meta({ examples: [{ watch: true, watcherPermission: 'allowed' }] })

/** `POST /v1/collab/invitations`: to one contact, endpoint or People Near Me entry, or to several (first acceptance wins). */
export const InviteAppBody = z.strictObject({
  to: z.union([text, z.array(text)]),
  appId: text,
  message: z.string().optional(),
  data: z.string().optional(),
  dataText: z.string().optional(),
  expiresIn: z.number().optional(),
  wait: z.boolean().optional()
}).meta({ examples: [{ to: PEER, appId: 'org.example.whiteboard', message: 'draw with me?' }] })

/** `POST /v1/collab/invitations/:id/accept`. */
export const AcceptBody = z.strictObject({ message: z.string().optional(), join: z.boolean().optional() })
  .meta({ examples: [{}, { message: 'on my way', join: true }] }).optional()

/** `POST /v1/collab/invitations/:id/decline`. */
export const DeclineBody = z.strictObject({ message: z.string().optional() }).meta({ examples: [{}, { message: 'not now' }] }).optional()

/** `POST /v1/collab/invitations/:id/cancel`: no body. */
export const CancelBody = z.strictObject({}).meta({ examples: [{}] }).optional()

/** `POST /v1/collab/sessions`: one request for a whole hosted session. */
export const SessionHostBody = z.strictObject({
  appId: text,
  invite: z.array(text),
  message: z.string().optional(),
  data: z.string().optional(),
  dataText: z.string().optional(),
  timeout: z.number().optional(),
  groupName: z.string().optional(),
  groupId: z.string().optional()
}).meta({ examples: [{ appId: 'org.example.whiteboard', invite: [PEER], message: 'session at 3', timeout: 60_000 }] })

/** `POST /v1/groups/:id/records:batch`: 1 to 1,000 records, each in the shape `POST …/records` takes. */
export const RecordBatchBody = z.strictObject({ records: z.array(z.record(z.string(), z.unknown())) })
  .meta({ examples: [{ records: [{ type: 'chat.message', dataText: 'one' }, { type: 'chat.message', dataText: 'two' }] }] })

/** `POST /v1/groups/:id/revoke`: revoke a member's GMCs, or lift a revocation. */
export const RevokeBody = z.strictObject({ peerId: text, reason: z.string().optional(), lift: z.boolean().optional() })
  .meta({ examples: [{ peerId: PEER, reason: 'left the team' }, { peerId: PEER, lift: true }] })
