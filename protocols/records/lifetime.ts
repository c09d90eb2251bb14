/**
 * Lifetime coupling (MS-PPSEC 3.1.7.1): a version must be made while its modifier's credential is
 * valid, and the record must not outlive that credential. A tombstone is the exception: it must
 * outlive every version it deletes (else a replay after it is swept brings the record back), so
 * it may outlive its deleter, and for that it must carry nothing: no data, no attributes. A
 * reserved type may be another (a revocation must outlive the certificates it revokes).
 */
import { problem, type RuleProblem } from './problem.ts'
import type { GroupRecord, MemberCredential } from './types.ts'

/**
 * Checks the record's times against the modifier's credential:
 * - `modified` outside [notBefore, notAfter] ⇒ `INVALID_TIME_PERIOD`;
 * - `expires` ≤ `modified`, or `expires` > notAfter for a live version (unless `outlivesWriter`) ⇒ `INVALID_RECORD_EXPIRATION`;
 * - `created` after `modified`, or a tombstone with data or attributes ⇒ `INVALID_RECORD`.
 */
export function lifetimeProblem (record: GroupRecord, credential: MemberCredential, options: { outlivesWriter?: boolean } = {}): RuleProblem | undefined {
  if (record.modified < credential.notBefore || record.modified > credential.notAfter) {
    return problem('INVALID_TIME_PERIOD', 'the modifier\'s credential is not valid at the modification time')
  }
  if (record.expires <= record.modified) return problem('INVALID_RECORD_EXPIRATION', 'a record must expire after its modification')
  if (record.deleted) {
    if (record.data.length > 0 || record.attributes.length > 0) return problem('INVALID_RECORD', 'a tombstone carries no data or attributes')
  } else if (record.expires > credential.notAfter && options.outlivesWriter !== true) {
    return problem('INVALID_RECORD_EXPIRATION', 'a record cannot outlive its modifier\'s credential')
  }
  if (record.created > record.modified) return problem('INVALID_RECORD', 'a record cannot be modified before it was created')
  return undefined
}

/** Whether a record (or tombstone) has expired at `now`. */
export function isExpired (record: Pick<GroupRecord, 'expires'>, now: number): boolean {
  return record.expires <= now
}
