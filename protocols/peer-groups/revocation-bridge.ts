/**
 * What `revoke` needs from an open group, gathered from the runtime and the credential registry
 * (kept out of `peer-groups.ts`, which must not grow).
 */
import type { CredentialRegistry } from './credential-registry.ts'
import type { GroupRuntime } from './group-runtime.ts'
import type { RevokingGroup } from './revocations.ts'

/** The group as {@link Revocations.revoke} sees it. */
export function revokingGroup (rt: GroupRuntime, registry: CredentialRegistry): RevokingGroup {
  return {
    groupId: rt.groupId,
    db: rt.db,
    chain: rt.membership.chain,
    self: rt.self,
    creator: rt.membership.properties.creatorPeerId,
    serialsOf: peerId => registry.serials(rt.groupId, peerId)
  }
}
