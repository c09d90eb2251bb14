/**
 * The group database endpoints (`/v1/groups/:id/records…`): add, update, delete, get, list and
 * search records. Data crosses the API as base64 (`data`) or, on input, as UTF-8 text
 * (`dataText`); times as ISO 8601 text and epoch milliseconds.
 */
import { PeerhoodError } from '../../protocols/common/errors.ts'
import type { AddRecordOptions, UpdateRecordOptions } from '../../protocols/peer-groups/types.ts'
import type { AttributeInput } from '../../protocols/records/attributes.ts'
import { parseW3cDate } from '../../protocols/records/dates.ts'
import type { GroupRecord } from '../../protocols/records/types.ts'
import type { PeerhoodNode } from '../types.ts'
import type { ApiRouter, BodyLimit } from './router.ts'
import { stringField } from './routes.ts'
import { bodyObject, optionalField } from './routes-groups.ts'
import { AddRecordBody, RecordPageQuery, SearchBody, UpdateRecordBody } from './schemas.ts'

/** An attribute as the API reports it: dates as ISO 8601 text. */
export interface AttributeJson {
  /** Alphanumeric name. */
  name: string
  /** `string`, `int` or `date`. */
  type: 'string' | 'int' | 'date'
  /** The value: text, an integer, or an ISO 8601 date. */
  value: string | number
}

/** A record as the API reports it. */
export interface RecordJson {
  /** The group. */
  groupId: string
  /** Record id, 32 lowercase hex characters. */
  id: string
  /** Record type. */
  type: string
  /** 1 on add, +1 on every update. */
  version: number
  /** PeerId of the creator. */
  creator: string
  /** PeerId of the last modifier. */
  modifier: string
  /** Creation time, ISO 8601. */
  created: string
  /** Last modification, ISO 8601. */
  modified: string
  /** Expiry, ISO 8601. */
  expires: string
  /** Creation time, epoch milliseconds. */
  createdMs: number
  /** Last modification, epoch milliseconds. */
  modifiedMs: number
  /** Expiry, epoch milliseconds. */
  expiresMs: number
  /** Typed attributes. */
  attributes: AttributeJson[]
  /** Payload, base64. */
  data: string
  /** Payload as text, present when it is valid UTF-8. */
  dataText?: string
  /** Payload size in bytes. */
  size: number
  /** Whether this is a tombstone. */
  deleted: boolean
}

/**
 * Body of `POST /v1/groups/:id/records` (all of it) and `PATCH …/records/:rid` (all but `type`):
 * `data` (base64) or `dataText` (UTF-8), not both.
 */
export interface RecordInputJson {
  /** Record type (add only). */
  type?: string
  /** Payload, base64. */
  data?: string
  /** Payload as UTF-8 text. */
  dataText?: string
  /** Typed attributes (ints and dates may be text; dates W3C / ISO 8601 or epoch milliseconds). */
  attributes?: AttributeInput[]
  /** Expiry: ISO 8601 text or epoch milliseconds. */
  expires?: string | number
}

const utf8 = new TextDecoder('utf-8', { fatal: true })
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/

/** A {@link GroupRecord} as JSON. */
export function recordJson (r: GroupRecord): RecordJson {
  let dataText: string | undefined
  try {
    dataText = utf8.decode(r.data)
  } catch { /* binary payload: base64 only */ }
  return {
    groupId: r.groupId,
    id: r.id,
    type: r.type,
    version: r.version,
    creator: r.creator,
    modifier: r.modifier,
    created: new Date(r.created).toISOString(),
    modified: new Date(r.modified).toISOString(),
    expires: new Date(r.expires).toISOString(),
    createdMs: r.created,
    modifiedMs: r.modified,
    expiresMs: r.expires,
    attributes: r.attributes.map(a => ({ name: a.name, type: a.type, value: a.type === 'date' ? new Date(a.value).toISOString() : a.value })),
    data: Buffer.from(r.data).toString('base64'),
    ...(dataText === undefined ? {} : { dataText }),
    size: r.data.length,
    deleted: r.deleted
  }
}

function bad (key: string, message: string): PeerhoodError {
  return new PeerhoodError('INVALID_ARGUMENT', message, { details: { key } })
}

/** The payload of a record body (`data` or `dataText`), or undefined when it has neither. */
function dataOf (b: Record<string, unknown>): Uint8Array | undefined {
  const base64 = optionalField(b, 'data', 'string')
  const text = optionalField(b, 'dataText', 'string')
  if (base64 !== undefined && text !== undefined) throw bad('data', 'give "data" (base64) or "dataText", not both')
  if (text !== undefined) return new TextEncoder().encode(text)
  if (base64 === undefined) return undefined
  if (!BASE64.test(base64)) throw bad('data', '"data" must be base64')
  return new Uint8Array(Buffer.from(base64, 'base64'))
}

/** An expiry given as ISO 8601 text or epoch milliseconds. */
function expiresOf (b: Record<string, unknown>): number | undefined {
  const value = b.expires
  if (value === undefined) return undefined
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return value
  if (typeof value === 'string') {
    const ms = parseW3cDate(value.trim())
    if (ms !== undefined) return ms
  }
  throw bad('expires', '"expires" is an ISO 8601 date or epoch milliseconds')
}

function attributesOf (b: Record<string, unknown>): AttributeInput[] | undefined {
  const value = b.attributes
  if (value === undefined) return undefined
  if (!Array.isArray(value) || !value.every(a => typeof a === 'object' && a !== null && !Array.isArray(a))) {
    throw bad('attributes', '"attributes" is a list of { name, type, value }')
  }
  // the service checks names, types and values (INVALID_ATTRIBUTES)
  return value as AttributeInput[]
}

function updateOptions (b: Record<string, unknown>): UpdateRecordOptions {
  const options: UpdateRecordOptions = {}
  const data = dataOf(b)
  if (data !== undefined) options.data = data
  const attributes = attributesOf(b)
  if (attributes !== undefined) options.attributes = attributes
  const expires = expiresOf(b)
  if (expires !== undefined) options.expires = expires
  return options
}

/** The add options a record body (`POST …/records`, or one element of a batch) asks for. Codes: `INVALID_ARGUMENT`. */
export function addOptions (body: unknown): AddRecordOptions {
  const b = bodyObject(body, ['type', 'data', 'dataText', 'attributes', 'expires'])
  return { type: stringField(b, 'type'), ...updateOptions(b) }
}

/** Room in a record body for its type, attributes and expiry besides the data, in bytes. */
const RECORD_BODY_OVERHEAD = 64 * 1024

/**
 * A record body's limit follows its group's record limit (data as base64 plus room for the rest),
 * so any record the group accepts can be sent, and a larger one is refused as
 * `MAX_RECORD_SIZE_EXCEEDED` before it is buffered whole.
 */
function recordBodyLimit (node: PeerhoodNode): BodyLimit {
  return {
    bytes: async params => {
      const { maxRecordSize } = (await node.groups.get(params.id!)).properties
      return Math.ceil(maxRecordSize / 3) * 4 + RECORD_BODY_OVERHEAD
    },
    code: 'MAX_RECORD_SIZE_EXCEEDED'
  }
}

/** Adds the record endpoints to `router`. */
export function addRecordRoutes (router: ApiRouter, node: PeerhoodNode): ApiRouter {
  const bodyLimit = recordBodyLimit(node)
  return router
    .add('POST', '/v1/groups/:id/records', async ({ params, body }) => recordJson(await node.groups.addRecord(params.id!, addOptions(body))), { body: AddRecordBody, summary: 'Adds a record', tags: ['records'], bodyLimit })
    .add('GET', '/v1/groups/:id/records', async ({ params, query }) => {
      const type = query.get('type')
      if (type === '') throw bad('type', 'type must not be empty')
      const records = await node.groups.listRecords(params.id!, type === null ? {} : { type })
      return records.map(recordJson)
    }, { summary: 'Every live record (optionally of one type)', tags: ['records'] })
    .add('GET', '/v1/groups/:id/records/page', async ({ params, query }) => {
      const page = await node.groups.pageRecords(params.id!, {
        offset: Number(query.get('offset') ?? 0),
        limit: Number(query.get('limit') ?? 100),
        ...(query.get('type') === null ? {} : { type: query.get('type')! })
      })
      return { total: page.total, offset: page.offset, records: page.records.map(recordJson) }
    }, { query: RecordPageQuery, summary: 'One page of the live records and their total (for views of large databases)', tags: ['records'] })
    .add('POST', '/v1/groups/:id/records/search', async ({ params, body }) => {
      const b = bodyObject(body, ['query'])
      const query = b.query
      if (typeof query !== 'string' && (typeof query !== 'object' || query === null || Array.isArray(query))) {
        throw bad('query', '"query" is a JSON query object or <peersearch> XML text')
      }
      return (await node.groups.searchRecords(params.id!, query)).map(recordJson)
    }, { body: SearchBody, summary: 'Searches records (JSON query or <peersearch>)', tags: ['records'] })
    .add('GET', '/v1/groups/:id/records/:rid', async ({ params }) => recordJson(await node.groups.getRecord(params.id!, params.rid!)), { summary: 'One record', tags: ['records'] })
    .add('PATCH', '/v1/groups/:id/records/:rid', async ({ params, body }) => {
      const b = bodyObject(body, ['data', 'dataText', 'attributes', 'expires'])
      return recordJson(await node.groups.updateRecord(params.id!, params.rid!, updateOptions(b)))
    }, { body: UpdateRecordBody, summary: 'Updates a record', tags: ['records'], bodyLimit })
    .add('DELETE', '/v1/groups/:id/records/:rid', async ({ params }) => { await node.groups.deleteRecord(params.id!, params.rid!) }, { summary: 'Deletes a record', tags: ['records'] })
}
