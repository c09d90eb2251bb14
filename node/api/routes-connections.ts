/**
 * The connection endpoints of a group: looking for members (`connect`), neighbour and direct
 * connections, and typed data sent on them. Data crosses the API as base64 (`data`) or, on input,
 * UTF-8 text (`dataText`); it arrives at the other end as a `data:incoming` event.
 */
import { PeerhoodError } from '../../protocols/common/errors.ts'
import type { DirectConnectionInfo } from '../../protocols/direct-data/types.ts'
import type { GroupConnection } from '../../protocols/peer-groups/types.ts'
import type { PeerhoodNode } from '../types.ts'
import type { ApiRouter } from './router.ts'
import { stringField } from './routes.ts'
import { bodyObject, type MemberJson, memberJson, optionalField, optionalStringList } from './routes-groups.ts'
import { GroupConnectBody, OpenConnectionBody, SendBody } from './schemas.ts'

/** A direct connection as the API reports it. */
export interface DirectConnectionJson {
  /** `direct`. */
  kind: 'direct'
  /** The group both ends proved membership of. */
  groupId: string
  /** This node's id of the connection, 16 hex digits (the other end has its own). */
  connectionId: string
  /** The member at the other end. */
  peerId: string
  /** Who opened it. */
  direction: 'inbound' | 'outbound'
  /** When it was connected, ISO 8601. */
  openedAt: string
  /** When it was connected, epoch milliseconds. */
  openedAtMs: number
}

/** A neighbour: a proven member connected now, reachable without a direct connection. */
export interface NeighbourConnectionJson {
  /** `neighbour`. */
  kind: 'neighbour'
  /** The group. */
  groupId: string
  /** `neighbour:<peerId>`, usable as a `connectionId` when sending. */
  connectionId: string
  /** The member. */
  peerId: string
}

/** One entry of `GET /v1/groups/:id/connections`. */
export type GroupConnectionJson = NeighbourConnectionJson | DirectConnectionJson

/** Body of `POST /v1/groups/:id/send`: a target (`peerId` or `connectionId`), a type and a payload. */
export interface SendDataJson {
  /** A connected member: sent over the existing (neighbour) connection. */
  peerId?: string
  /** A direct connection's id, or `neighbour:<peerId>`. */
  connectionId?: string
  /** The data type: 1 to 128 of `A-Z a-z 0-9 . _ : -`, or a braced GUID. */
  type: string
  /** Payload, base64. */
  data?: string
  /** Payload as UTF-8 text. */
  dataText?: string
}

/** Largest `timeoutMs` of `connect`, in milliseconds (10 minutes). */
export const MAX_CONNECT_TIMEOUT_MS = 600_000

/** A {@link DirectConnectionInfo} as JSON. */
export function directConnectionJson (c: DirectConnectionInfo): DirectConnectionJson {
  return {
    kind: 'direct',
    groupId: c.groupId,
    connectionId: c.connectionId,
    peerId: c.peerId,
    direction: c.direction,
    openedAt: new Date(c.openedAt).toISOString(),
    openedAtMs: c.openedAt
  }
}

/** A {@link GroupConnection} as JSON. */
export function groupConnectionJson (groupId: string, c: GroupConnection): GroupConnectionJson {
  if (c.kind === 'direct') return directConnectionJson(c)
  return { kind: 'neighbour', groupId, connectionId: c.connectionId, peerId: c.peerId }
}

function bad (key: string, message: string): PeerhoodError {
  return new PeerhoodError('INVALID_ARGUMENT', message, { details: { key } })
}

/** The target of a send: exactly one of `peerId` and `connectionId`. */
function targetOf (b: Record<string, unknown>): { peerId: string } | { connectionId: string } {
  const peerId = optionalField(b, 'peerId', 'string')
  const connectionId = optionalField(b, 'connectionId', 'string')
  if ((peerId === undefined) === (connectionId === undefined)) throw bad('peerId', 'give "peerId" or "connectionId" (one of them)')
  if (peerId !== undefined) return { peerId: stringField(b, 'peerId') }
  return { connectionId: stringField(b, 'connectionId') }
}

/** The payload of a send (`data` base64 or `dataText`, not both; neither is empty). */
function payloadOf (b: Record<string, unknown>): Uint8Array {
  const base64 = optionalField(b, 'data', 'string')
  const text = optionalField(b, 'dataText', 'string')
  if (base64 !== undefined && text !== undefined) throw bad('data', 'give "data" (base64) or "dataText", not both')
  if (text !== undefined) return new TextEncoder().encode(text)
  if (base64 === undefined) return new Uint8Array(0)
  const bytes = Buffer.from(base64, 'base64')
  // canonical base64 only: a round trip must give the text back
  if (bytes.toString('base64') !== base64) throw bad('data', '"data" must be base64')
  return new Uint8Array(bytes)
}

function timeoutOf (b: Record<string, unknown>): number | undefined {
  const timeoutMs = optionalField(b, 'timeoutMs', 'number')
  if (timeoutMs !== undefined && (!Number.isSafeInteger(timeoutMs) || timeoutMs <= 0 || timeoutMs > MAX_CONNECT_TIMEOUT_MS)) {
    throw bad('timeoutMs', `"timeoutMs" is a whole number of milliseconds from 1 to ${MAX_CONNECT_TIMEOUT_MS}`)
  }
  return timeoutMs
}

/** Adds the connection endpoints to `router`. */
export function addConnectionRoutes (router: ApiRouter, node: PeerhoodNode): ApiRouter {
  return router
    .add('POST', '/v1/groups/:id/connect', async ({ params, body, signal }): Promise<MemberJson[]> => {
      const b = bodyObject(body, ['addresses', 'timeoutMs'])
      const addresses = optionalStringList(b, 'addresses')
      const timeoutMs = timeoutOf(b)
      const members = await node.groups.connectGroup(params.id!, {
        signal,
        ...(addresses === undefined ? {} : { addresses }),
        ...(timeoutMs === undefined ? {} : { timeoutMs })
      })
      return members.map(memberJson)
    }, { body: GroupConnectBody, summary: 'Connects to the group\'s members', tags: ['connections'] })
    .add('GET', '/v1/groups/:id/connections', async ({ params }): Promise<GroupConnectionJson[]> => {
      return node.groups.connections(params.id!).map(c => groupConnectionJson(params.id!, c))
    }, { summary: 'Direct connections', tags: ['connections'] })
    .add('POST', '/v1/groups/:id/connections', async ({ params, body, signal }): Promise<DirectConnectionJson> => {
      const peerId = stringField(bodyObject(body, ['peerId']), 'peerId')
      return directConnectionJson(await node.groups.openConnection(params.id!, peerId, { signal }))
    }, { body: OpenConnectionBody, summary: 'Opens a direct connection', tags: ['connections'] })
    .add('DELETE', '/v1/groups/:id/connections/:cid', async ({ params }) => {
      await node.groups.closeConnection(params.id!, params.cid!)
    }, { summary: 'Closes a direct connection', tags: ['connections'] })
    .add('POST', '/v1/groups/:id/send', async ({ params, body, signal }) => {
      const b = bodyObject(body, ['peerId', 'connectionId', 'type', 'data', 'dataText'])
      const to = targetOf(b)
      const type = stringField(b, 'type')
      await node.groups.sendData(params.id!, to, { type, data: payloadOf(b) }, { signal })
      return { ok: true }
    }, { body: SendBody, summary: 'Sends data to a member', tags: ['connections'] })
}
