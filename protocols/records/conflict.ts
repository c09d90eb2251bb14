/**
 * The conflict order: of two versions of one record, the higher version wins, then the later
 * modification, then the byte-wise greater hash of the signed body. Only signed bytes decide: the
 * unsigned envelope (which a relay could pad) is never looked at, and two envelopes of the same
 * body (only its signer can make a second signature) are the same version, ordered last by their
 * record hash only so that every member keeps the same bytes. It is a total order over distinct
 * record bytes, so every member that has seen the same versions keeps the same one.
 */
import { createHash } from 'node:crypto'
import type { GroupRecord } from './types.ts'

/** What the conflict order looks at. */
export interface RecordVersionInfo {
  /** The version and modification time. */
  record: Pick<GroupRecord, 'version' | 'modified'>
  /** The record hash (sha256 of the encoded SignedRecord). */
  hash: Uint8Array
  /** The signed `RecordBody` bytes. */
  body: Uint8Array
}

function compareBytes (a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length)
  for (let i = 0; i < n; i++) {
    if (a[i] !== b[i]) return a[i]! < b[i]! ? -1 : 1
  }
  return a.length === b.length ? 0 : a.length < b.length ? -1 : 1
}

function bodyHash (body: Uint8Array): Uint8Array {
  return createHash('sha256').update(body).digest()
}

/** Whether two versions carry the same signed body (an envelope or signature may still differ). */
export function sameSignedContent (a: RecordVersionInfo, b: RecordVersionInfo): boolean {
  return a.body.length === b.body.length && Buffer.compare(a.body, b.body) === 0
}

/** > 0 when `a` wins over `b`, < 0 when `b` wins, 0 when they are the same bytes. */
export function compareRecords (a: RecordVersionInfo, b: RecordVersionInfo): number {
  if (a.record.version !== b.record.version) return a.record.version > b.record.version ? 1 : -1
  if (a.record.modified !== b.record.modified) return a.record.modified > b.record.modified ? 1 : -1
  // ties are rare (same version made in the same millisecond): hashing here costs nothing on the hot path
  if (!sameSignedContent(a, b)) return compareBytes(bodyHash(a.body), bodyHash(b.body))
  return compareBytes(a.hash, b.hash)
}

/** Whether `candidate` replaces `current` (true when there is no current version). */
export function supersedes (candidate: RecordVersionInfo, current: RecordVersionInfo | undefined): boolean {
  return current === undefined || compareRecords(candidate, current) > 0
}
