/**
 * The data of a `peerhood.revocation` record: canonical JSON
 * `{"peer","serials","time","reason","lifted"}` in that key order, nothing else. `time` is the
 * record's modification time (a revoker cannot backdate a revocation), `peer` its `subject`
 * attribute. Pure.
 */
import type { GroupRecord } from '../records/types.ts'
import { MAX_REASON_LENGTH, MAX_REVOKED_SERIALS, type Revocation } from './types.ts'

/** Record type of a revocation (or its lift). */
export const REVOCATION_RECORD_TYPE = 'peerhood.revocation'

/** Largest `peerhood.revocation` record, in bytes. */
export const REVOCATION_RECORD_MAX_SIZE = 4 * 1024

const KEYS = 'peer,serials,time,reason,lifted'
const SERIAL = /^[0-9a-f]{1,40}$/
const utf8 = new TextDecoder('utf-8', { fatal: true })

/** What a revocation record's data says. */
export interface RevocationData {
  peer: string
  serials: string[]
  time: number
  reason: string
  lifted: boolean
}

/** The canonical data bytes. */
export function encodeRevocationData (data: RevocationData): Uint8Array {
  const { peer, serials, time, reason, lifted } = data
  return new TextEncoder().encode(JSON.stringify({ peer, serials, time, reason, lifted }))
}

/** The data of a revocation record, or a reason it is refused. */
export function decodeRevocationData (record: GroupRecord): RevocationData | string {
  let value: any
  try {
    const text = utf8.decode(record.data)
    value = JSON.parse(text)
    if (JSON.stringify(value) !== text) return 'data is not canonical JSON'
  } catch {
    return 'data is not canonical JSON'
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value) || Object.keys(value).join() !== KEYS) return `data is exactly { ${KEYS} }`
  const subject = record.attributes.find(a => a.name === 'subject')?.value
  if (typeof value.peer !== 'string' || value.peer !== subject) return 'peer is the record\'s subject'
  if (value.peer === record.creator) return 'a member cannot revoke itself'
  if (!Array.isArray(value.serials) || value.serials.length > MAX_REVOKED_SERIALS || !value.serials.every((s: unknown) => typeof s === 'string' && SERIAL.test(s))) {
    return `serials are at most ${MAX_REVOKED_SERIALS} lowercase hex serial numbers`
  }
  if (value.time !== record.modified) return 'time is the record\'s modification time'
  if (typeof value.reason !== 'string' || value.reason.length > MAX_REASON_LENGTH) return `reason is a string of at most ${MAX_REASON_LENGTH} characters`
  if (typeof value.lifted !== 'boolean') return 'lifted is a boolean'
  return value as RevocationData
}

/** The revocation a stored record states, or undefined when its data is not one. */
export function revocationOf (record: GroupRecord): Revocation | undefined {
  if (record.type !== REVOCATION_RECORD_TYPE || record.deleted) return undefined
  const data = decodeRevocationData(record)
  if (typeof data === 'string') return undefined
  return { groupId: record.groupId, peer: data.peer, serials: data.serials, time: data.time, reason: data.reason, lifted: data.lifted, revoker: record.creator }
}
