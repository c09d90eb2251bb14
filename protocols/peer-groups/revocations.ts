/**
 * The node's side of revocation (issue 15): one {@link RevocationIndex} per group, fed by the
 * group's `peerhood.revocation` records (stored, gossiped or synced alike), and what follows when
 * a member is revoked: its proofs are dropped (which closes gossip, sync and direct data to it for
 * the group), its handshakes are refused, its later records are refused at ingress, and nobody
 * issues it a new certificate. The rules themselves are the pure functions of `../revocation/`.
 */
import type { ChainCache } from '../certificates/chain-cache.ts'
import { invalid, type ChainResult } from '../certificates/chain-result.ts'
import { validateChain } from '../certificates/chain-validator.ts'
import { PeerhoodError } from '../common/errors.ts'
import type { GroupDatabase } from '../records/database.ts'
import type { PublishedRecord } from '../records/database-types.ts'
import type { GroupRecord } from '../records/types.ts'
import { chainLinks } from '../revocation/chain-links.ts'
import { encodeRevocationData, REVOCATION_RECORD_TYPE, revocationOf } from '../revocation/record.ts'
import { RevocationIndex } from '../revocation/revocation-index.ts'
import { chainRevocation, passesThrough, revocationAuthorityProblem } from '../revocation/rules.ts'
import type { ChainLink, Revocation } from '../revocation/types.ts'
import { decodeChainData } from './chain-data.ts'
import { MEMBERSHIP_RECORD_TYPE, SUBJECT_ATTRIBUTE } from './constants.ts'
import { INFINITE_LIFETIME_MS } from '../certificates/constants.ts'

/** Options of `revoke`. */
export interface RevokeOptions {
  /** Why, shown in listings. @default '' */
  reason?: string
  /** Lift an earlier revocation instead. @default false */
  lift?: boolean
}

/** What `revoke` returns. */
export interface RevokeResult {
  /** The revocation (or lift) now in force. */
  revocation: Revocation
  /** Members whose chain passes through the revoked peer: to be renewed by another administrator. */
  affected: string[]
}

/** What the node tells the revocations about a group. */
export interface RevocationHost {
  /**
   * Drops a peer's proof of membership of a group (ends gossip, sync and direct data to it) and
   * the versions it made from `since` on that this node stored before it heard of the revocation.
   */
  expel: (groupId: string, peerId: string, since: number) => void
  /** Reports a change of a peer's revocation state. */
  changed: (groupId: string, peerId: string, state: 'revoked' | 'lifted') => void
}

/** A group as `revoke` needs it. */
export interface RevokingGroup {
  groupId: string
  db: GroupDatabase
  /** This node's chain. */
  chain: Uint8Array[]
  /** This node's roles and validity. */
  self: { peerId: string, roles: readonly string[], notAfter: number }
  /** The group's creator. */
  creator: string
  /** The subject's known certificate serials. */
  serialsOf: (peerId: string) => string[]
}

/** Revocations of every open group. */
export class Revocations {
  private readonly indexes = new Map<string, RevocationIndex>()
  /** groupId → peerId → the GMCs of its membership chain */
  private readonly chains = new Map<string, Map<string, ChainLink[]>>()

  constructor (private readonly host: RevocationHost, private readonly cache?: ChainCache) {}

  /** The index of a group (empty if it has none). */
  index (groupId: string): RevocationIndex {
    let index = this.indexes.get(groupId)
    if (index === undefined) this.indexes.set(groupId, index = new RevocationIndex())
    return index
  }

  /** When `peerId` was revoked in a group, if it is. */
  revokedAt (groupId: string, peerId: string): number | undefined {
    return this.indexes.get(groupId)?.revokedAt(peerId)
  }

  /** Throws `NOT_AUTHORIZED` when `peerId` is revoked in the group (no new certificate, no join). */
  assertNotRevoked (groupId: string, peerId: string): void {
    if (this.revokedAt(groupId, peerId) !== undefined) throw new PeerhoodError('NOT_AUTHORIZED', 'that peer\'s membership of the group is revoked', { details: { groupId, peerId } })
  }

  /** The chain validator, then the group's revocations: what the membership handshake uses. */
  verifyChain (groupId: string, chain: Uint8Array[], at: number): ChainResult {
    const result = validateChain(groupId, chain, at, this.cache)
    return result.ok ? this.checkValid(groupId, chain, at, result) : result
  }

  /** A valid chain's verdict once the group's revocations are applied. */
  checkValid (groupId: string, chain: Uint8Array[], at: number, result: ChainResult): ChainResult {
    const index = this.indexes.get(groupId)
    if (!result.ok || index === undefined || index.size === 0) return result
    const links = chainLinks(chain)
    const why = links === undefined ? undefined : chainRevocation(links, index, at)
    return why === undefined ? result : invalid('NOT_AUTHORIZED', chain.length - 1, why)
  }

  /** Remembers a member's chain (from its membership record): whether its revocations may stand depends on it. */
  noteChain (groupId: string, peerId: string, chain: Uint8Array[]): void {
    const links = chainLinks(chain)
    if (links === undefined) return
    let book = this.chains.get(groupId)
    if (book === undefined) this.chains.set(groupId, book = new Map())
    book.set(peerId, links)
  }

  /**
   * Applies a stored revocation record (`creator`: the group's); true when it changed a peer's
   * state. A record whose writer's known chain runs through its subject is ignored unless the
   * creator wrote it (a subtree cannot revoke its root). `stored`: read back when the group opens.
   */
  apply (groupId: string, record: GroupRecord, creator: string, options: { stored?: boolean } = {}): boolean {
    const rev = revocationOf(record)
    if (rev === undefined) return false
    const links = this.chains.get(groupId)?.get(rev.revoker)
    const roles = rev.revoker === creator ? ['creator'] : ['administrator']
    const ancestors = links?.slice(0, -1).map(l => l.peerId) ?? []
    if (revocationAuthorityProblem({ peerId: rev.revoker, roles, ancestors }, rev.peer, creator) !== undefined) return false
    const state = this.index(groupId).apply(rev)
    if (state === undefined) return false
    // read back from the store when a group opens: nobody is proven yet, and nothing to drop
    if (state === 'revoked' && options.stored !== true) this.host.expel(groupId, rev.peer, rev.time)
    this.host.changed(groupId, rev.peer, state)
    return true
  }

  /**
   * Writes this node's revocation (or lift) of `peer`: `NOT_AUTHORIZED` unless this node is an
   * administrator or the creator allowed to revoke it, `INVALID_ARGUMENT` for itself.
   */
  async revoke (group: RevokingGroup, peer: string, options: RevokeOptions = {}): Promise<{ published: PublishedRecord, result: RevokeResult }> {
    const links = chainLinks(group.chain) ?? []
    const refused = revocationAuthorityProblem({ peerId: group.self.peerId, roles: group.self.roles, ancestors: links.slice(0, -1).map(l => l.peerId) }, peer, group.creator)
    if (refused !== undefined) throw new PeerhoodError(refused.code, refused.message, { details: { groupId: group.groupId, peerId: peer } })
    const serials = group.serialsOf(peer)
    const published = await group.db.writeReserved(REVOCATION_RECORD_TYPE, {
      data: time => encodeRevocationData({ peer, serials, time, reason: options.reason ?? '', lifted: options.lift === true }),
      attributes: [{ name: SUBJECT_ATTRIBUTE, type: 'string', value: peer }],
      // as long as any certificate could be (the project's "infinite"), not as long as the revoker's
      expires: Math.max(group.self.notAfter, Date.now() + INFINITE_LIFETIME_MS),
      subject: peer
    })
    const revocation = revocationOf(published.record)!
    return { published, result: { revocation, affected: options.lift === true ? [] : await this.affected(group.db, peer) } }
  }

  /** Members whose stored membership chain passes through `peer`. */
  private async affected (db: GroupDatabase, peer: string): Promise<string[]> {
    const chains: ChainLink[][] = []
    for await (const record of db.list({ type: MEMBERSHIP_RECORD_TYPE })) {
      try {
        const links = chainLinks(decodeChainData(record.data))
        if (links !== undefined) chains.push(links)
      } catch { /* refused at ingress already */ }
    }
    return passesThrough(chains, peer)
  }

  /** Forgets a group. */
  forgetGroup (groupId: string): void {
    this.indexes.delete(groupId)
    this.chains.delete(groupId)
  }
}
