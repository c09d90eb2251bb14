/**
 * Membership records, and how a new member reaches the whole group at once (issue 9, defect 10).
 *
 * A member that joins publishes its membership record before it is connected to anyone, so gossip
 * carries it nowhere; its first sync then pushes it to the member it connected to, and records
 * that arrive by sync are not gossiped on. Without a relay the rest of the group learnt of the new
 * member only at its first presence refresh (half the presence lifetime, about 150 s), or at their
 * own next sync. So a member that stores, from a sync, a membership or presence record it did not
 * have gossips it to the group once: members hear of the newcomer as soon as it is connected to
 * any of them. Only these two reserved types are relayed (one each per member, so a large sync
 * cannot turn into a gossip flood), each signed version at most once per node.
 */
import type { MemberInfo } from '../certificates/chain-result.ts'
import type { PublishedRecord } from '../records/database-types.ts'
import type { GroupDatabase } from '../records/database.ts'
import type { IngressVerdict } from '../records/reasons.ts'
import { encodeChainData } from './chain-data.ts'
import { MEMBERSHIP_RECORD_TYPE, PRESENCE_RECORD_TYPE } from './constants.ts'

/** Signed versions a {@link SyncRelay} remembers having relayed. */
export const MAX_RELAYED_VERSIONS = 4096

/** Whether a record a sync just stored is one to gossip on (pure). */
export function relaysFromSync (verdict: IngressVerdict): boolean {
  const type = verdict.record?.record.type
  return verdict.action === 'accept' && (type === MEMBERSHIP_RECORD_TYPE || type === PRESENCE_RECORD_TYPE)
}

/** Gossips on the membership and presence records this node first stored from a sync. */
export class SyncRelay {
  /** Content hashes (hex) relayed, oldest first; bounded by {@link MAX_RELAYED_VERSIONS}. */
  private readonly relayed = new Set<string>()

  /** @param send queues signed record bytes for a group topic's gossip */
  constructor (private readonly send: (topic: string, bytes: Uint8Array) => void, private readonly max = MAX_RELAYED_VERSIONS) {}

  /** Relays on `topic` the record of a sync verdict if it is one to relay; returns whether it was stored. */
  pass (topic: string, verdict: IngressVerdict): boolean {
    if (relaysFromSync(verdict)) {
      const key = Buffer.from(verdict.record!.hash).toString('hex')
      if (!this.relayed.has(key)) {
        this.relayed.add(key)
        if (this.relayed.size > this.max) this.relayed.delete(this.relayed.values().next().value!)
        this.send(topic, verdict.record!.bytes)
      }
    }
    return verdict.action === 'accept'
  }
}

/**
 * Writes this node's own membership record for `chain` if the stored one differs (one per
 * chain); resolves with what to publish, or undefined when it is already current.
 */
export async function writeOwnMembership (db: GroupDatabase, chain: Uint8Array[], self: MemberInfo): Promise<PublishedRecord | undefined> {
  const data = encodeChainData(chain)
  // under this member's reserved id: nothing else can stand in for it (issue 9, defect 5)
  const current = await db.find(db.reservedId(MEMBERSHIP_RECORD_TYPE))
  if (current !== undefined && !current.deleted && Buffer.from(current.data).equals(Buffer.from(data))) return undefined
  return db.writeReserved(MEMBERSHIP_RECORD_TYPE, { data, expires: self.notAfter })
}
