/**
 * Lifetime coupling (MS-PPSEC 3.1.7.1): a version must be made while its modifier's credential is
 * valid, and the record must not outlive that credential.
 */
import { problem, type RuleProblem } from './problem.ts'
import type { GroupRecord, MemberCredential } from './types.ts'

/**
 * Checks the record's times against the modifier's credential:
 * - `modified` outside [notBefore, notAfter] ⇒ `INVALID_TIME_PERIOD`;
 * - `expires` ≤ `modified` or `expires` > notAfter ⇒ `INVALID_RECORD_EXPIRATION`;
 * - `created` after `modified` ⇒ `INVALID_RECORD`.
 */
export function lifetimeProblem (record: GroupRecord, credential: MemberCredential): RuleProblem | undefined {
  if (record.modified < credential.notBefore || record.modified > credential.notAfter) {
    return problem('INVALID_TIME_PERIOD', 'the modifier\'s credential is not valid at the modification time')
  }
  if (record.expires <= record.modified) return problem('INVALID_RECORD_EXPIRATION', 'a record must expire after its modification')
  if (record.expires > credential.notAfter) return problem('INVALID_RECORD_EXPIRATION', 'a record cannot outlive its modifier\'s credential')
  if (record.created > record.modified) return problem('INVALID_RECORD', 'a record cannot be modified before it was created')
  return undefined
}

/** Whether a record (or tombstone) has expired at `now`. */
export function isExpired (record: Pick<GroupRecord, 'expires'>, now: number): boolean {
  return record.expires <= now
}
