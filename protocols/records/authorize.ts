/**
 * Who may write a record version (MS-PPSEC 2.2.5.3, 3.1.7.1): any member with a credential may
 * add and change its own records; a modifier other than the record's creator must hold the
 * administrator (or creator) role.
 */
import { problem, type RuleProblem } from './problem.ts'
import type { GroupRecord, MemberCredential } from './types.ts'

/** Whether a credential grants administration of other members' records. */
export function isAdministrator (credential: MemberCredential): boolean {
  return credential.roles.includes('administrator') || credential.roles.includes('creator')
}

/**
 * Checks that `credential` (the modifier's) authorises this version of `record`:
 * `NOT_AUTHORIZED` otherwise.
 */
export function authorizationProblem (record: GroupRecord, credential: MemberCredential): RuleProblem | undefined {
  if (credential.peerId !== record.modifier) return problem('NOT_AUTHORIZED', 'the credential is not the modifier\'s')
  if (credential.roles.length === 0) return problem('NOT_AUTHORIZED', 'the modifier holds no role in the group')
  if (record.modifier !== record.creator && !isAdministrator(credential)) {
    return problem('NOT_AUTHORIZED', 'only the creator or an administrator may change a record')
  }
  return undefined
}
