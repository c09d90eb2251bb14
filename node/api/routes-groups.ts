/**
 * The peer-group endpoints (`/v1/groups…`): create, list, show, delete, certificates, properties,
 * issuance, membership export / import, status and members. Binary fields cross the API as
 * base64, times both as ISO 8601 text and as epoch milliseconds (`…Ms`).
 */
import { X509Certificate } from 'node:crypto'
import type { MemberInfo } from '../../protocols/certificates/chain-result.ts'
import { INFINITE } from '../../protocols/certificates/constants.ts'
import { readCertificateFields } from '../../protocols/certificates/certificate-reader.ts'
import { chainToPem } from '../../protocols/certificates/pem.ts'
import { maskToRoles, type Role } from '../../protocols/certificates/roles.ts'
import { parseSubjectAltName } from '../../protocols/certificates/uris.ts'
import { PeerhoodError } from '../../protocols/common/errors.ts'
import type { GroupProperties } from '../../protocols/groups/properties.ts'
import type { GroupPropertiesPatch } from '../../protocols/groups/update-properties.ts'
import type { CreateGroupOptions, GroupStatus, GroupSummary, IssueCredentialsOptions } from '../../protocols/peer-groups/types.ts'
import type { PeerhoodNode } from '../types.ts'
import { TextReply } from './replies.ts'
import type { ApiRouter } from './router.ts'
import { stringField } from './routes.ts'
import { CreateGroupBody, ExportBody, ImportGroupBody, IssueBody, PropertiesBody } from './schemas.ts'

/** Content type of `GET /v1/groups/:id/cert?format=pem`. */
export const PEM_CONTENT_TYPE = 'text/plain; charset=utf-8'

/** A membership (a verified GMC) as the API reports it. */
export interface MemberJson {
  /** The group. */
  groupId: string
  /** The member's PeerId. */
  peerId: string
  /** Display name (certificate CN). */
  displayName: string
  /** Roles, highest first. */
  roles: Role[]
  /** Serial number, lowercase hex. */
  serialNumber: string
  /** Start of validity, ISO 8601. */
  notBefore: string
  /** End of validity, ISO 8601 (an "infinite" lifetime ends 1000 years after creation). */
  notAfter: string
  /** Start of validity, epoch milliseconds. */
  notBeforeMs: number
  /** End of validity, epoch milliseconds. */
  notAfterMs: number
  /** GMCs in the chain, this one included (1 for the creator). */
  depth: number
  /** Whether the certificate may issue others. */
  ca: boolean
  /** Raw 32-byte Ed25519 public key, base64. */
  publicKey: string
}

/** A group as `GET /v1/groups` lists it. */
export interface GroupSummaryJson {
  /** The group id. */
  groupId: string
  /** The group's properties (times in epoch milliseconds). */
  properties: GroupProperties
  /** This node's roles. */
  roles: Role[]
  /** This node's membership. */
  member: MemberJson
  /** Whether this node holds the group root key. */
  owner: boolean
  /** Status flags. */
  status: GroupStatus
  /** Proven members connected now. */
  connectedMembers: number
}

/** One certificate of a chain, decoded for people. */
export interface ChainEntryJson {
  /** Position in the chain (0 = the group root certificate). */
  index: number
  /** `root` (GRC) or `member` (GMC). */
  type: 'root' | 'member' | 'unknown'
  /** Subject distinguished name, e.g. `CN=alice, serialNumber=12D3KooW…`. */
  subject: string
  /** Issuer distinguished name. */
  issuer: string
  /** Subject PeerId (members only). */
  peerId?: string
  /** Roles granted (members only). */
  roles: Role[]
  /** Start of validity, ISO 8601. */
  notBefore: string
  /** End of validity, ISO 8601. */
  notAfter: string
  /** Start of validity, epoch milliseconds. */
  notBeforeMs: number
  /** End of validity, epoch milliseconds. */
  notAfterMs: number
  /** Serial number, lowercase hex. */
  serialNumber: string
  /** Whether it is a CA certificate. */
  ca: boolean
}

/** What `GET /v1/groups/:id` returns: the summary and this node's chain. */
export interface GroupDetailJson extends GroupSummaryJson {
  /** This node's chain, GRC first. */
  chain: ChainEntryJson[]
}

/** What `POST /v1/groups/:id/issue` returns. */
export interface IssueResultJson {
  /** The new chain `[GRC, …, issuer's GMC, new GMC]` as PEM. */
  chainPem: string
  /** What the new GMC proves. */
  member: MemberJson
}

/** What `GET /v1/groups/:id/status` returns. */
export interface GroupStatusJson extends GroupStatus {
  /** The group. */
  groupId: string
  /** Live records in the local database. */
  records: number
  /** Records parked until their signer's membership is known. */
  deferred: number
}

/** A member as `GET /v1/groups/:id/members` lists it. */
export interface GroupMemberJson extends MemberJson {
  /** Whether it is this node. */
  self: boolean
  /** Whether it is connected now (always true for this node). */
  connected: boolean
  /** Online: its presence record is live (false for a member that publishes no presence). */
  present: boolean
  /** Addresses from its presence record (none when it is not present). */
  addresses: string[]
}

/** A request body as an object (`{}` when there is none); `INVALID_ARGUMENT` otherwise or on a key not in `allowed`. */
export function bodyObject (body: unknown, allowed: readonly string[]): Record<string, unknown> {
  if (body === undefined) return {}
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new PeerhoodError('INVALID_ARGUMENT', 'the body must be a JSON object')
  }
  for (const key of Object.keys(body)) {
    if (!allowed.includes(key)) throw new PeerhoodError('INVALID_ARGUMENT', `unknown field "${key}"`, { details: { key } })
  }
  return body as Record<string, unknown>
}

/** `obj[key]` if it has type `kind`, undefined if absent, `INVALID_ARGUMENT` otherwise. */
export function optionalField<K extends 'string' | 'number' | 'boolean' | 'object'> (
  obj: Record<string, unknown>, key: string, kind: K
): (K extends 'string' ? string : K extends 'number' ? number : K extends 'boolean' ? boolean : Record<string, unknown>) | undefined {
  const value = obj[key]
  if (value === undefined) return undefined
  const ok = kind === 'object' ? typeof value === 'object' && value !== null && !Array.isArray(value) : typeof value === kind
  if (!ok || (kind === 'number' && !Number.isFinite(value))) {
    throw new PeerhoodError('INVALID_ARGUMENT', `"${key}" must be a ${kind}`, { details: { key } })
  }
  return value as never
}

/** `obj[key]` as a list of strings, undefined if absent, `INVALID_ARGUMENT` otherwise. */
export function optionalStringList (obj: Record<string, unknown>, key: string): string[] | undefined {
  const value = obj[key]
  if (value === undefined) return undefined
  if (!Array.isArray(value) || !value.every(v => typeof v === 'string')) {
    throw new PeerhoodError('INVALID_ARGUMENT', `"${key}" must be a list of strings`, { details: { key } })
  }
  return value as string[]
}

function iso (ms: number): string {
  return new Date(ms).toISOString()
}

/** A {@link MemberInfo} as JSON. */
export function memberJson (m: MemberInfo): MemberJson {
  return {
    groupId: m.groupId,
    peerId: m.peerId,
    displayName: m.displayName,
    roles: [...m.roles],
    serialNumber: m.serialNumber,
    notBefore: iso(m.notBefore),
    notAfter: iso(m.notAfter),
    notBeforeMs: m.notBefore,
    notAfterMs: m.notAfter,
    depth: m.depth,
    ca: m.ca,
    publicKey: Buffer.from(m.publicKey).toString('base64')
  }
}

/** A {@link GroupSummary} as JSON. */
export function summaryJson (s: GroupSummary): GroupSummaryJson {
  return {
    groupId: s.groupId,
    properties: s.properties,
    roles: [...s.roles],
    member: memberJson(s.member),
    owner: s.owner,
    status: { ...s.status },
    connectedMembers: s.connectedMembers
  }
}

/** One DER certificate of a chain, decoded for people. */
export function chainEntryJson (der: Uint8Array, index: number): ChainEntryJson {
  let cert: X509Certificate
  try {
    cert = new X509Certificate(der)
  } catch (err) {
    throw new PeerhoodError('INVALID_CERTIFICATE', `certificate ${index} of the chain cannot be read`, { cause: err, details: { index } })
  }
  const uri = parseSubjectAltName(cert.subjectAltName)
  const notBeforeMs = cert.validFromDate.getTime()
  const notAfterMs = cert.validToDate.getTime()
  return {
    index,
    type: uri?.type === 'root' || uri?.type === 'member' ? uri.type : 'unknown',
    subject: cert.subject.split('\n').join(', '),
    issuer: cert.issuer.split('\n').join(', '),
    ...(uri?.type === 'member' ? { peerId: uri.peerId } : {}),
    roles: uri === undefined ? [] : maskToRoles(uri.roles),
    notBefore: iso(notBeforeMs),
    notAfter: iso(notAfterMs),
    notBeforeMs,
    notAfterMs,
    serialNumber: readCertificateFields(der).serialNumber,
    ca: cert.ca
  }
}

function createOptions (body: unknown): CreateGroupOptions {
  const b = bodyObject(body, ['friendlyName', 'classifier', 'comment', 'presenceLifetimeS', 'memberDataLifetimeS', 'maxRecordSize', 'passwordRole', 'flags'])
  // an empty name is a string: the group's own check refuses it as INVALID_FRIENDLY_NAME, as Windows does
  const options: CreateGroupOptions = { friendlyName: typeof b.friendlyName === 'string' ? b.friendlyName : stringField(b, 'friendlyName') }
  const classifier = optionalField(b, 'classifier', 'string')
  if (classifier !== undefined) options.classifier = classifier
  const comment = optionalField(b, 'comment', 'string')
  if (comment !== undefined) options.comment = comment
  for (const key of ['presenceLifetimeS', 'memberDataLifetimeS', 'maxRecordSize'] as const) {
    const value = optionalField(b, key, 'number')
    if (value !== undefined) options[key] = value
  }
  const role = optionalField(b, 'passwordRole', 'string')
  if (role !== undefined) options.passwordRole = role as NonNullable<CreateGroupOptions['passwordRole']>
  const flags = optionalField(b, 'flags', 'object')
  if (flags !== undefined) options.flags = flags as CreateGroupOptions['flags']
  return options
}

function issueOptions (body: unknown): IssueCredentialsOptions {
  const b = bodyObject(body, ['peerId', 'roles', 'lifetimeMs', 'store', 'displayName'])
  const options: IssueCredentialsOptions = { peerId: stringField(b, 'peerId') }
  const roles = optionalStringList(b, 'roles')
  if (roles !== undefined) options.roles = roles as Role[]
  // "infinite": as long as the issuer's own certificate (not a number: see LifetimeMs)
  const lifetimeMs = b.lifetimeMs === INFINITE ? INFINITE : optionalField(b, 'lifetimeMs', 'number')
  if (lifetimeMs !== undefined) options.lifetimeMs = lifetimeMs
  const store = optionalField(b, 'store', 'boolean')
  if (store !== undefined) options.store = store
  const displayName = optionalField(b, 'displayName', 'string')
  if (displayName !== undefined) options.displayName = displayName
  return options
}

/** Adds the group endpoints to `router`. */
export function addGroupRoutes (router: ApiRouter, node: PeerhoodNode): ApiRouter {
  return router
    .add('POST', '/v1/groups', async ({ body }) => summaryJson(await node.groups.create(createOptions(body))), { body: CreateGroupBody, summary: 'Creates a group (this node its owner)' })
    .add('GET', '/v1/groups', async () => (await node.groups.list()).map(summaryJson), { summary: 'Groups of this node' })
    .add('POST', '/v1/groups/import', async ({ body }) => {
      const b = bodyObject(body, ['text', 'password'])
      return summaryJson(await node.groups.importMembership(stringField(b, 'text'), stringField(b, 'password')))
    }, { body: ImportGroupBody, summary: 'Imports an exported membership' })
    .add('GET', '/v1/groups/:id', async ({ params }): Promise<GroupDetailJson> => {
      const summary = await node.groups.get(params.id!)
      const chain = await node.groups.chain(params.id!)
      return { ...summaryJson(summary), chain: chain.map((der, i) => chainEntryJson(der, i)) }
    }, { summary: 'A group and this node\'s chain' })
    .add('DELETE', '/v1/groups/:id', async ({ params }) => { await node.groups.delete(params.id!) }, { summary: 'Leaves and deletes a group here' })
    .add('GET', '/v1/groups/:id/cert', async ({ params, query }) => {
      const format = query.get('format') ?? 'pem'
      if (format !== 'pem' && format !== 'json') {
        throw new PeerhoodError('INVALID_ARGUMENT', 'format is pem or json', { details: { key: 'format' } })
      }
      const chain = await node.groups.chain(params.id!)
      if (format === 'pem') return new TextReply(chainToPem(chain), PEM_CONTENT_TYPE)
      return { groupId: params.id!, chain: chain.map(der => Buffer.from(der).toString('base64')) }
    }, { summary: 'This node\'s chain (PEM or JSON)' })
    .add('PATCH', '/v1/groups/:id/properties', async ({ params, body }) => {
      if (typeof body !== 'object' || body === null || Array.isArray(body)) {
        throw new PeerhoodError('INVALID_ARGUMENT', 'the body must be a JSON object of properties to change')
      }
      return await node.groups.setProperties(params.id!, body as GroupPropertiesPatch)
    }, { body: PropertiesBody, summary: 'Changes group properties (owner)' })
    .add('POST', '/v1/groups/:id/issue', async ({ params, body }): Promise<IssueResultJson> => {
      const issued = await node.groups.issue(params.id!, issueOptions(body))
      return { chainPem: chainToPem(issued.chain), member: memberJson(issued.member) }
    }, { body: IssueBody, summary: 'Issues a GMC to a peer' })
    .add('POST', '/v1/groups/:id/export', async ({ params, body }) => {
      const b = bodyObject(body, ['password', 'includeRootKey'])
      const includeRootKey = optionalField(b, 'includeRootKey', 'boolean') ?? false
      return { text: await node.groups.exportMembership(params.id!, stringField(b, 'password'), { includeRootKey }) }
    }, { body: ExportBody, summary: 'Exports this node\'s membership, password-protected' })
    .add('GET', '/v1/groups/:id/status', async ({ params }): Promise<GroupStatusJson> => {
      const s = await node.groups.status(params.id!)
      return { groupId: params.id!, listening: s.listening, hasConnections: s.hasConnections, synchronized: s.synchronized, records: s.records, deferred: s.deferred }
    }, { summary: 'Status flags and record counts' })
    .add('GET', '/v1/groups/:id/members', async ({ params, query }): Promise<GroupMemberJson[]> => {
      const present = query.get('present')
      if (present !== null && present !== 'true' && present !== 'false') {
        throw new PeerhoodError('INVALID_ARGUMENT', 'present is true or false', { details: { key: 'present' } })
      }
      const members = await node.groups.members(params.id!)
      return members
        .filter(m => present !== 'true' || m.self || m.present || m.connected)
        .sort((a, b) => Number(b.self) - Number(a.self))
        .map(m => ({ ...memberJson(m), self: m.self, connected: m.connected || m.self, present: m.present, addresses: [...m.addresses] }))
    }, { summary: 'Members with roles, presence and connection' })
}
