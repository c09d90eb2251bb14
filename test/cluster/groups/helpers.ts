/**
 * Group test helpers: give cluster nodes memberships the way an administrator would, by issuing
 * a GMC for the node's identity and handing it over as a membership export.
 */
import { exportMembership } from '../../../protocols/groups/membership-export.ts'
import type { Role } from '../../../protocols/certificates/roles.ts'
import type { PeerhoodNode } from '../../../node/types.ts'
import type { GroupSummary } from '../../../protocols/peer-groups/types.ts'

const PASSWORD = 'cluster-test-password'

/** `issuer` issues a GMC for `subject` and `subject` imports it as its membership. */
export async function admit (issuer: PeerhoodNode, subject: PeerhoodNode, groupId: string, roles: Role[] = ['member'], lifetimeMs?: number): Promise<GroupSummary> {
  const { chain } = await issuer.groups.issue(groupId, { peerId: subject.peerId.toString(), roles, ...(lifetimeMs === undefined ? {} : { lifetimeMs }) })
  const { properties } = await issuer.groups.get(groupId)
  const text = await exportMembership({ groupId, properties, chain }, PASSWORD, { scryptN: 1 << 10 })
  return subject.groups.importMembership(text, PASSWORD)
}
