/**
 * How a version may follow the one before it. Immutable fields (`type`, `id`, `creator`,
 * `created`) hold for every version, so they are checked against whatever version is stored.
 * "Version +1" and "expiry only extends" relate a version to the one it was made from, which only
 * its author knows for sure: they are enforced on local publish (`strict`). On ingress the
 * stored version may be a concurrent sibling, and refusing there would make members diverge; the
 * conflict order decides instead.
 */
import { problem, type RuleProblem } from './problem.ts'
import type { GroupRecord } from './types.ts'

/** Options of {@link successionProblem}. */
export interface SuccessionOptions {
  /** Also require version = previous + 1 and expires ≥ previous expires (local publish). @default false */
  strict?: boolean
}

/**
 * Checks that `record` may replace `previous` (same id):
 * changed type / creator / created / group ⇒ `INVALID_RECORD`; with `strict`, a version other
 * than previous + 1 ⇒ `INVALID_RECORD` and a shortened expiry ⇒ `INVALID_RECORD_EXPIRATION`.
 * A tombstone may end earlier or later (it lives as long as the version it deletes). (Without `strict`, which version wins is the conflict order's business: {@link compareRecords}.)
 */
export function successionProblem (record: GroupRecord, previous: GroupRecord, options: SuccessionOptions = {}): RuleProblem | undefined {
  if (record.id !== previous.id) return problem('INVALID_RECORD', 'record ids differ')
  if (record.type !== previous.type) return problem('INVALID_RECORD', 'a record\'s type cannot change')
  if (record.creator !== previous.creator) return problem('INVALID_RECORD', 'a record\'s creator cannot change')
  if (record.created !== previous.created) return problem('INVALID_RECORD', 'a record\'s creation time cannot change')
  if (record.groupId !== previous.groupId) return problem('INVALID_RECORD', 'a record cannot move to another group')
  if (options.strict === true) {
    if (record.version !== previous.version + 1) return problem('INVALID_RECORD', 'a new version is the previous one + 1')
    if (!record.deleted && record.expires < previous.expires) return problem('INVALID_RECORD_EXPIRATION', 'an update may only keep or extend the expiration')
  }
  return undefined
}
