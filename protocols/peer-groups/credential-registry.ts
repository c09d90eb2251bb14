/**
 * What this node knows of each group's members' credentials: its own chain, chains proven on
 * connect, and chains published in membership and credentials records. The rules module asks
 * it who a record's signer is (`lookupMember`).
 */
import type { MemberInfo } from '../certificates/chain-result.ts'
import type { MemberCredential } from '../records/types.ts'

/** Known credentials per group and member. */
export class CredentialRegistry {
  /** groupId → peerId → credentials seen (newest last) */
  private readonly known = new Map<string, Map<string, MemberInfo[]>>()
  /** groupId → members whose membership or credentials record this node holds */
  private readonly recorded = new Map<string, Set<string>>()
  /** groupId → peerId → what {@link lookup} answers, until the member's credentials change (asked once per record received) */
  private readonly combined = new Map<string, Map<string, MemberCredential>>()

  /**
   * Records a credential; returns true when it was new. `fromRecord`: it came in a membership or
   * credentials record this node holds, so this node can hand it on by sync (it can vouch for it).
   */
  learn (member: MemberInfo, fromRecord: boolean = false): boolean {
    if (fromRecord) {
      let peers = this.recorded.get(member.groupId)
      if (peers === undefined) this.recorded.set(member.groupId, peers = new Set())
      peers.add(member.peerId)
    }
    let group = this.known.get(member.groupId)
    if (group === undefined) this.known.set(member.groupId, group = new Map())
    const list = group.get(member.peerId) ?? []
    if (list.some(m => m.serialNumber === member.serialNumber)) return false
    list.push(member)
    list.sort((a, b) => a.notBefore - b.notBefore)
    // a handful of renewals is plenty to cover the records a member signed
    if (list.length > 8) list.splice(0, list.length - 8)
    group.set(member.peerId, list)
    this.combined.get(member.groupId)?.delete(member.peerId)
    return true
  }

  /** The newest credential of a member. */
  latest (groupId: string, peerId: string): MemberInfo | undefined {
    return this.known.get(groupId)?.get(peerId)?.at(-1)
  }

  /**
   * The member's credential as the rules see it: the roles of its newest certificate and the
   * union of its certificates' validity, so records signed under a since-renewed certificate
   * stay valid.
   */
  lookup (groupId: string, peerId: string): MemberCredential | undefined {
    const cached = this.combined.get(groupId)?.get(peerId)
    if (cached !== undefined) return cached
    const list = this.known.get(groupId)?.get(peerId)
    if (list === undefined || list.length === 0) return undefined
    const newest = list.at(-1)!
    const credential: MemberCredential = Object.freeze({
      peerId,
      roles: newest.roles,
      notBefore: Math.min(...list.map(m => m.notBefore)),
      notAfter: Math.max(...list.map(m => m.notAfter))
    })
    let group = this.combined.get(groupId)
    if (group === undefined) this.combined.set(groupId, group = new Map())
    group.set(peerId, credential)
    return credential
  }

  /** Serial numbers of a member's known certificates (oldest first). */
  serials (groupId: string, peerId: string): string[] {
    return (this.known.get(groupId)?.get(peerId) ?? []).map(m => m.serialNumber)
  }

  /** Every member with a known credential (its newest). */
  members (groupId: string): MemberInfo[] {
    return [...(this.known.get(groupId)?.values() ?? [])].map(list => list.at(-1)!)
  }

  /** Whether this node holds a record of the member's credential (so a sync with it hands the credential on). */
  vouches (groupId: string, peerId: string): boolean {
    return this.recorded.get(groupId)?.has(peerId) === true
  }

  /** Forgets a group. */
  forgetGroup (groupId: string): void {
    this.known.delete(groupId)
    this.recorded.delete(groupId)
    this.combined.delete(groupId)
  }
}
