/**
 * Bulk writes: `POST /v1/groups/:id/records:batch` adds up to {@link MAX_BATCH_RECORDS} records in
 * one durable write and answers once they are all stored (one acknowledgement), all or nothing.
 */
import { PeerhoodError } from '../../protocols/common/errors.ts'
import type { AddRecordOptions } from '../../protocols/peer-groups/types.ts'
import type { PeerhoodNode } from '../types.ts'
import type { ApiRouter, BodyLimit } from './router.ts'
import { bodyObject } from './routes-groups.ts'
import { addOptions } from './routes-records.ts'
import { RecordBatchBody } from './schemas-collab.ts'

/** Most records one batch request may carry. */
export const MAX_BATCH_RECORDS = 1000

/** Largest batch body, in bytes, whatever the group's record limit (clients split larger imports). */
export const MAX_BATCH_BODY_BYTES = 64 * 1024 * 1024

/** A batch may be as large as {@link MAX_BATCH_RECORDS} of the group's largest record bodies, up to {@link MAX_BATCH_BODY_BYTES}. */
function batchBodyLimit (node: PeerhoodNode): BodyLimit {
  return {
    bytes: async params => {
      const { maxRecordSize } = (await node.groups.get(params.id!)).properties
      return Math.min(MAX_BATCH_BODY_BYTES, MAX_BATCH_RECORDS * (Math.ceil(maxRecordSize / 3) * 4 + 1024))
    }
  }
}

/** Body of `POST /v1/groups/:id/records:batch`. */
export interface RecordBatchJson {
  /** 1 to {@link MAX_BATCH_RECORDS} records, each in the shape `POST /v1/groups/:id/records` takes. */
  records: unknown[]
}

/** Answer of `POST /v1/groups/:id/records:batch`: the ids of the stored records, in request order. */
export interface RecordBatchResultJson {
  /** How many records were stored. */
  count: number
  /** Their ids, in the order of the request. */
  ids: string[]
}

/** The add options of every record of a batch body. Codes: `INVALID_ARGUMENT` (`details.index` names the record). */
export function batchOptions (body: unknown): AddRecordOptions[] {
  const b = bodyObject(body, ['records'])
  const records = b.records
  if (!Array.isArray(records) || records.length === 0 || records.length > MAX_BATCH_RECORDS) {
    throw new PeerhoodError('INVALID_ARGUMENT', `"records" is a list of 1 to ${MAX_BATCH_RECORDS} records`, { details: { key: 'records', max: MAX_BATCH_RECORDS } })
  }
  return records.map((record, index) => {
    try {
      return addOptions(record)
    } catch (err) {
      if (err instanceof PeerhoodError) throw new PeerhoodError(err.code, `record ${index}: ${err.message}`, { cause: err, details: { ...err.details, index } })
      throw err
    }
  })
}

/** Adds the batch endpoint to `router`. */
export function addRecordBatchRoutes (router: ApiRouter, node: PeerhoodNode): ApiRouter {
  return router.add('POST', '/v1/groups/:id/records:batch', async ({ params, body }): Promise<RecordBatchResultJson> => {
    const records = await node.groups.addRecords(params.id!, batchOptions(body))
    return { count: records.length, ids: records.map(r => r.id) }
  }, { body: RecordBatchBody, summary: 'Adds up to 1,000 records in one durable write, all or nothing', tags: ['records'], bodyLimit: batchBodyLimit(node) })
}
