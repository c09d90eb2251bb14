/**
 * A group's revocations, indexed for lookups on every hot path: by revoked PeerId and by revoked
 * certificate serial, both Maps, so a check costs one lookup whatever the number of revocations
 * (issue 15: a set lookup, not a scan).
 *
 * Several administrators may write a revocation of the same peer (each under its own record id);
 * the latest by time decides, a revocation winning a tie with a lift.
 */
import type { Revocation } from './types.ts'

/** Revocations of one group. */
export class RevocationIndex {
  /** peer → revoker → its latest record about that peer */
  private readonly records = new Map<string, Map<string, Revocation>>()
  /** peer → effective revocation (absent when never revoked or lifted) */
  private readonly revoked = new Map<string, Revocation>()
  /** serial → revocation time */
  private readonly serials = new Map<string, number>()

  /** Number of peers revoked now. */
  get size (): number {
    return this.revoked.size
  }

  /**
   * Applies a revocation record (a newer one from the same revoker replaces the older); returns
   * `'revoked'` or `'lifted'` when the peer's state changed, else undefined.
   */
  apply (rev: Revocation): 'revoked' | 'lifted' | undefined {
    let byRevoker = this.records.get(rev.peer)
    if (byRevoker === undefined) this.records.set(rev.peer, byRevoker = new Map())
    const previous = byRevoker.get(rev.revoker)
    if (previous !== undefined && previous.time > rev.time) return undefined
    byRevoker.set(rev.revoker, rev)
    const wasRevoked = this.revoked.has(rev.peer)
    const effective = decide(byRevoker.values())
    for (const serial of this.revoked.get(rev.peer)?.serials ?? []) this.serials.delete(serial)
    if (effective === undefined) this.revoked.delete(rev.peer)
    else {
      this.revoked.set(rev.peer, effective)
      for (const serial of effective.serials) this.serials.set(serial, effective.time)
    }
    if (effective !== undefined && !wasRevoked) return 'revoked'
    if (effective === undefined && wasRevoked) return 'lifted'
    return undefined
  }

  /** When `peerId` was revoked, if it is revoked now. */
  revokedAt (peerId: string): number | undefined {
    return this.revoked.get(peerId)?.time
  }

  /** When the certificate with this serial was revoked, if it is. */
  serialRevokedAt (serial: string): number | undefined {
    return this.serials.get(serial)
  }

  /** The effective revocation of a peer, if revoked now. */
  get (peerId: string): Revocation | undefined {
    return this.revoked.get(peerId)
  }

  /** Every effective revocation, oldest first. */
  list (): Revocation[] {
    return [...this.revoked.values()].sort((a, b) => a.time - b.time)
  }
}

/** The record that decides: the latest, a revocation before a lift at the same time; undefined when lifted. */
function decide (records: Iterable<Revocation>): Revocation | undefined {
  let best: Revocation | undefined
  for (const r of records) {
    if (best === undefined || r.time > best.time || (r.time === best.time && !r.lifted)) best = r
  }
  return best === undefined || best.lifted ? undefined : best
}
