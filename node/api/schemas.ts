/**
 * Zod schemas of the control API's request bodies and queries. The router validates each request
 * with its route's schema before the handler runs, and `GET /v1/openapi.json` is generated from the
 * same schemas, so the document cannot drift from what the API accepts. Examples ride in each
 * schema's metadata; a test checks that every one of them validates.
 */
import { z } from 'zod'

const PEER = '12D3KooWGzBqj9sb2VhCqWQk6nRjV7nLgbP5tLQK9ELdFY3JsJ4H'
const text = z.string().min(1)
const date = z.union([z.string(), z.number().int().nonnegative()])
const roles = z.array(z.string())
/** A lifetime in milliseconds, or "infinite": as long as the issuer's own certificate. */
const lifetime = z.union([z.number(), z.literal('infinite')])
// names, types and values are the service's to check (INVALID_ATTRIBUTES), not the router's
const attribute = z.record(z.string(), z.unknown())

/** `POST /v1/connect`. */
export const ConnectBody = z.strictObject({ multiaddr: text }).meta({ examples: [{ multiaddr: `/ip4/127.0.0.1/tcp/4001/p2p/${PEER}` }] })

/** `POST /v1/ping`. */
export const PingBody = z.strictObject({ peer: text }).meta({ examples: [{ peer: PEER }] })

/** `POST /v1/groups`. */
export const CreateGroupBody = z.strictObject({
  // the service checks the name (INVALID_FRIENDLY_NAME, as Windows does), not the router
  friendlyName: z.string(),
  classifier: z.string().optional(),
  comment: z.string().optional(),
  presenceLifetimeS: z.number().optional(),
  memberDataLifetimeS: z.number().optional(),
  maxRecordSize: z.number().optional(),
  passwordRole: z.string().optional(),
  flags: z.record(z.string(), z.unknown()).optional()
}).meta({ examples: [{ friendlyName: 'team' }, { friendlyName: 'lab', classifier: 'chat', maxRecordSize: 65536 }] })

/** `POST /v1/groups/import`. */
export const ImportGroupBody = z.strictObject({ text, password: text }).meta({ examples: [{ text: 'peerhood1:…', password: 'correct horse' }] })

/** `POST /v1/groups/:id/issue`. */
export const IssueBody = z.strictObject({
  peerId: text, roles: roles.optional(), lifetimeMs: lifetime.optional(), store: z.boolean().optional(), displayName: z.string().optional()
}).meta({ examples: [{ peerId: PEER, roles: ['member'] }, { peerId: PEER, lifetimeMs: 'infinite' }] })

/** `POST /v1/groups/:id/export`. */
export const ExportBody = z.strictObject({ password: text, includeRootKey: z.boolean().optional() }).meta({ examples: [{ password: 'correct horse' }] })

/** `PATCH /v1/groups/:id/properties`. */
export const PropertiesBody = z.record(z.string(), z.unknown()).meta({ examples: [{ friendlyName: 'renamed', comment: 'for the lab' }] })

/** `POST /v1/groups/:id/records`. */
export const AddRecordBody = z.strictObject({
  type: text,
  data: z.string().optional(),
  dataText: z.string().optional(),
  attributes: z.array(attribute).optional(),
  expires: date.optional()
}).meta({ examples: [{ type: 'chat.message', dataText: 'hello', attributes: [{ name: 'room', type: 'string', value: 'lobby' }] }] })

/** `PATCH /v1/groups/:id/records/:rid`. */
export const UpdateRecordBody = AddRecordBody.omit({ type: true }).meta({ examples: [{ dataText: 'hello again' }, { expires: '2030-01-01T00:00:00Z' }] })

/** `POST /v1/groups/:id/records/search`: a JSON query object or `<peersearch>` XML text. */
export const SearchBody = z.strictObject({ query: z.union([z.string(), z.record(z.string(), z.unknown())]) }).meta({
  examples: [{ query: { type: 'chat.message' } }, { query: '<peersearch><attribute name="room" type="string">lobby</attribute></peersearch>' }]
})

/** Query of `GET /v1/groups/:id/records/page`. */
export const RecordPageQuery = z.strictObject({
  offset: z.string().regex(/^\d+$/).optional(),
  limit: z.string().regex(/^\d+$/).optional(),
  type: text.optional()
}).meta({ examples: [{ offset: '0', limit: '100' }, { offset: '500', limit: '50', type: 'chat.message' }] })

/** `POST /v1/groups/:id/invitations`. */
export const InviteBody = z.strictObject({
  peerId: text, roles: roles.optional(), expiresAt: date.optional(), lifetimeMs: lifetime.optional(), displayName: z.string().optional(), addresses: z.array(z.string()).optional()
}).meta({ examples: [{ peerId: PEER }, { peerId: PEER, roles: ['member'], lifetimeMs: 3_600_000 }] })

/** `POST /v1/groups/:id/invitations/password`. */
export const PasswordInviteBody = z.strictObject({ expiresAt: date.optional(), lifetimeMs: lifetime.optional(), addresses: z.array(z.string()).optional() })
  .meta({ examples: [{ lifetimeMs: 86_400_000 }] }).optional()

/** `POST /v1/invitations/parse`. */
export const ParseInvitationBody = z.strictObject({ token: text }).meta({ examples: [{ token: 'peerhood1:…' }] })

/** `POST /v1/groups/join`. */
export const JoinBody = z.strictObject({ token: text, password: z.string().optional() }).meta({ examples: [{ token: 'peerhood1:…' }] })

/** `PUT /v1/groups/:id/password`. */
export const SetPasswordBody = z.strictObject({ password: text, role: z.string().optional() }).meta({ examples: [{ password: 'correct horse', role: 'member' }] })

/** `POST /v1/groups/:id/renew`. */
export const RenewBody = z.strictObject({ peerId: z.string().optional() }).meta({ examples: [{}, { peerId: PEER }] }).optional()

/** `POST /v1/groups/:id/connect`. */
export const GroupConnectBody = z.strictObject({ addresses: z.array(z.string()).optional(), timeoutMs: z.number().optional() })
  .meta({ examples: [{}, { timeoutMs: 10_000 }] }).optional()

/** `POST /v1/groups/:id/connections`. */
export const OpenConnectionBody = z.strictObject({ peerId: text }).meta({ examples: [{ peerId: PEER }] })

/** `POST /v1/groups/:id/send`. */
export const SendBody = z.strictObject({
  peerId: z.string().optional(), connectionId: z.string().optional(), type: text, data: z.string().optional(), dataText: z.string().optional()
}).meta({ examples: [{ peerId: PEER, type: 'chat', dataText: 'hi' }] })

/** `POST /ui/session`: the one-time code from `peerhood ui`. */
export const SessionBody = z.strictObject({ code: text }).meta({ examples: [{ code: 'q1Vx0d9bR2c' }] })

/** Query of `GET /v1/metrics/stream`. */
export const MetricsStreamQuery = z.strictObject({ intervalMs: z.string().regex(/^\d+$/).optional() }).meta({ examples: [{ intervalMs: '1000' }] })
