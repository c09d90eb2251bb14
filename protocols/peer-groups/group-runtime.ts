/**
 * One open group on this node: its stored membership, database, topic and status.
 */
import type { MemberInfo } from '../certificates/chain-result.ts'
import { groupTopic } from '../group-gossip/topic.ts'
import type { StoredMembership } from '../groups/membership-store.ts'
import type { GroupDatabase } from '../records/database.ts'
import type { Role } from '../certificates/roles.ts'
import { ColdSyncGate } from './cold-sync.ts'
import type { GroupStatus, GroupSummary } from './types.ts'

/** Runtime state of one group. */
export class GroupRuntime {
  /** The gossipsub topic. */
  readonly topic: string
  /** Whether the database has synchronised with a member at least once. */
  synchronized: boolean
  /** Last status reported, to emit changes only. */
  lastStatus?: GroupStatus
  /** Serial number of the certificate a `credentials:expiring` event was sent for. */
  warnedExpiry?: string
  /** Unsubscribes the database's record:changed listener. */
  detach?: () => void
  /** The first sync, from one member at a time. */
  readonly coldSync = new ColdSyncGate()

  constructor (
    /** The stored membership (chain, properties, root key). */
    public membership: StoredMembership,
    /** What this node's chain proves. */
    public self: MemberInfo,
    /** The group database. */
    readonly db: GroupDatabase,
    synchronized: boolean
  ) {
    this.topic = groupTopic(membership.groupId)
    this.synchronized = synchronized
  }

  /** The group id. */
  get groupId (): string {
    return this.membership.groupId
  }

  /** The status flags, given whether the node runs and how many members are proven now. */
  status (listening: boolean, connectedMembers: number): GroupStatus {
    return { listening, hasConnections: connectedMembers > 0, synchronized: this.synchronized }
  }

  /** Whether `status` differs from the last one reported (and remembers it when it does). */
  statusChanged (status: GroupStatus): boolean {
    const last = this.lastStatus
    if (last?.listening === status.listening && last.hasConnections === status.hasConnections && last.synchronized === status.synchronized) return false
    this.lastStatus = status
    return true
  }

  /** The group as `list()` and `get()` report it. */
  summary (listening: boolean, connectedMembers: number): GroupSummary {
    return {
      groupId: this.groupId,
      properties: this.membership.properties,
      roles: [...this.self.roles] as Role[],
      member: this.self,
      owner: this.membership.rootPrivateKey !== undefined,
      status: this.status(listening, connectedMembers),
      connectedMembers
    }
  }
}
