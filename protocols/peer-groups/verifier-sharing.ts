/**
 * The group password verifier travels between administrators over their encrypted connections:
 * handed to every proven administrator, accepted only from one (kept out of `peer-groups.ts`).
 */
import type { MemberInfo } from '../certificates/chain-result.ts'
import type { DirectData } from '../direct-data/index.ts'
import { type Joining, VERIFIER_DATA_TYPE } from './joining.ts'

/** What sharing needs. */
export interface VerifierSharing {
  joining: Pick<Joining, 'storedVerifier' | 'acceptVerifier'>
  direct: () => Pick<DirectData, 'sendToNeighbour'>
  /** Whether the peer is proven now and its newest credential makes it an administrator or the creator. */
  isProvenAdministrator: (groupId: string, peerId: string) => boolean
  log: (format: string, ...args: unknown[]) => void
}

function administers (member: Pick<MemberInfo, 'roles'>): boolean {
  return member.roles.includes('administrator') || member.roles.includes('creator')
}

/** Hands the group password verifier to a proven administrator (over the encrypted connection). */
export function shareVerifier (s: VerifierSharing, groupId: string, member: MemberInfo): void {
  if (!administers(member)) return
  s.joining.storedVerifier(groupId).then(async stored => {
    if (stored === undefined) return
    await s.direct().sendToNeighbour(groupId, member.peerId, { type: VERIFIER_DATA_TYPE, data: new TextEncoder().encode(JSON.stringify(stored)) })
  }).catch(err => { s.log('sharing the password verifier of %s with %s: %s', groupId, member.peerId, err?.message) })
}

/** A verifier handed over by a proven administrator or the creator; anything else is ignored. */
export function acceptSharedVerifier (s: VerifierSharing, detail: { groupId: string, peerId: string, type: string, data: Uint8Array }): void {
  if (detail.type !== VERIFIER_DATA_TYPE || !s.isProvenAdministrator(detail.groupId, detail.peerId)) return
  s.joining.acceptVerifier(detail.groupId, detail.data).catch(err => { s.log('password verifier from %s: %s', detail.peerId, err?.message) })
}

/** Whether a credential, if any, is an administrator's or the creator's. */
export function isAdministratorCredential (member: Pick<MemberInfo, 'roles'> | undefined): boolean {
  return member !== undefined && administers(member)
}
