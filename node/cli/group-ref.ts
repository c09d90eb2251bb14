/**
 * How the CLI names a group: its full id, a unique prefix of a local group id, or its friendly
 * name where that is unambiguous.
 */
import { PeerhoodError } from '../../protocols/common/errors.ts'

/** What resolution needs to know of a local group. */
export interface GroupRefCandidate {
  /** The group id. */
  groupId: string
  /** Its properties (only the friendly name is read). */
  properties: { friendlyName: string }
}

/**
 * The id of the group `ref` names among `groups`: an exact id wins; otherwise the groups whose id
 * starts with `ref` or whose friendly name is `ref` must be exactly one. Throws `INVALID_ARGUMENT`
 * when `ref` is empty or several groups match (`details.matches`), `INVALID_GROUP` when none does.
 * Pure.
 */
export function resolveGroupRef (ref: string, groups: readonly GroupRefCandidate[]): string {
  if (ref === '') throw new PeerhoodError('INVALID_ARGUMENT', 'a group id, id prefix or name is required')
  if (groups.some(g => g.groupId === ref)) return ref
  const matches = groups.filter(g => g.groupId.startsWith(ref) || g.properties.friendlyName === ref)
  if (matches.length === 1) return matches[0]!.groupId
  if (matches.length === 0) throw new PeerhoodError('INVALID_GROUP', `no local group matches "${ref}"`, { details: { ref } })
  throw new PeerhoodError('INVALID_ARGUMENT', `"${ref}" matches ${matches.length} groups; give more of the id`, {
    details: { ref, matches: matches.map(g => g.groupId) }
  })
}

/** Resolves `ref` against the groups a client lists (`GET /v1/groups`). */
export async function resolveGroupId (client: { groups (): Promise<GroupRefCandidate[]> }, ref: string): Promise<string> {
  return resolveGroupRef(ref, await client.groups())
}
