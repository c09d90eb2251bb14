/**
 * The peer-groups service: the groups this node is a member of, each with its database, gossip
 * topic, members and status. It ties the membership handshake (who may receive what), gossip
 * (live records), sync (catch-up on connect) and the record rules together; it decides no rule
 * itself. The work is done by the modules beside it, each a set of functions over one shared
 * {@link GroupsContext} (group-context.ts, built by group-wiring.ts): records (group-records.ts),
 * life cycle (group-lifecycle.ts), ingress (group-ingress.ts), credentials (group-credentials.ts),
 * sync (group-sync.ts), members (group-members.ts) and status (group-status.ts).
 */
import { TypedEventEmitter, type PeerId, type Startable } from '@libp2p/interface'
import type { MemberInfo } from '../certificates/chain-result.ts'
import type { Role } from '../certificates/roles.ts'
import type { DirectConnectionInfo } from '../direct-data/index.ts'
import { DatastoreMembershipStore } from '../groups/membership-store.ts'
import type { GroupProperties } from '../groups/properties.ts'
import type { GroupPropertiesPatch } from '../groups/update-properties.ts'
import type { InvitationInfo } from '../invitations/types.ts'
import type { LocalMembership } from '../membership/types.ts'
import type { RecordPage, RecordPageOptions } from '../records/page.ts'
import type { SearchQuery } from '../records/search/index.ts'
import { RecordStore } from '../records/store.ts'
import type { GroupRecord } from '../records/types.ts'
import type { Revocation } from '../revocation/types.ts'
import type { SyncSet } from '../sync/types.ts'
import { EXPIRY_INTERVAL_MS } from './constants.ts'
import type { DirectUpgrade } from './direct-upgrade.ts'
import { assertStarted, type GroupsContext, runtimeOf } from './group-context.ts'
import { issue, revoke, storeIssuedCredentials } from './group-credentials.ts'
import { groupConnections, sendGroupData } from './group-data.ts'
import { closeGroup, createGroup, deleteGroup, exportGroup, importGroup, openGroup, setGroupProperties, sweepGroups } from './group-lifecycle.ts'
import { groupMembers } from './group-members.ts'
import { addRecord, addRecords, deleteRecord, getRecord, listRecords, pageRecords, searchRecords, updateRecord } from './group-records.ts'
import { groupStatus, groupSummary } from './group-status.ts'
import { resolveSet, syncWith } from './group-sync.ts'
import { createGroupsContext } from './group-wiring.ts'
import type { IngressCounters } from './ingress-counters.ts'
import type { JoinGroupOptions, Joining } from './joining.ts'
import { refreshOwnPresence } from './own-records.ts'
import type { Revocations, RevokeOptions, RevokeResult } from './revocations.ts'
import type { PeerGroupsComponents, PeerGroupsInit } from './service-init.ts'
import { listenToSiblings } from './sibling-listeners.ts'
import type {
  AddRecordOptions, CreateGroupOptions, GroupConnection, GroupMember, GroupStatus, GroupSummary, IssueCredentialsOptions, PeerGroups, PeerGroupsEvents, UpdateRecordOptions
} from './types.ts'
import { shareVerifier } from './verifier-sharing.ts'

export type { PeerGroupsComponents, PeerGroupsInit, SharedServices } from './service-init.ts'

/** Implementation of {@link PeerGroups}. */
export class PeerGroupsService extends TypedEventEmitter<PeerGroupsEvents> implements PeerGroups, Startable {
  readonly [Symbol.toStringTag] = '@peerhood/peer-groups'
  /** Ingress outcomes by reason, for metrics. */
  readonly counters: IngressCounters
  /** Invitations, joins, the group password and renewal. */
  readonly joining: Joining
  /** Revocations of every open group (issue 15). */
  readonly revocations: Revocations
  /** Dials members reached only through a relay at their own addresses. */
  readonly upgrade: DirectUpgrade
  /** The state every part of the service shares. */
  private readonly ctx: GroupsContext
  private timer?: ReturnType<typeof setInterval>
  private readonly unlisten: Array<() => void> = []

  constructor (private readonly components: PeerGroupsComponents, private readonly init: PeerGroupsInit) {
    super()
    this.ctx = createGroupsContext(components, init, this)
    this.counters = this.ctx.counters
    this.joining = this.ctx.joining
    this.revocations = this.ctx.revocations
    this.upgrade = this.ctx.upgrade
  }

  /** The record store (made at start; cluster tests and benchmarks read it). */
  private get records (): RecordStore {
    return this.ctx.records
  }

  // ---- life cycle -------------------------------------------------------------------------

  async start (): Promise<void> {
    this.ctx.memberships = new DatastoreMembershipStore(this.components.datastore)
    this.ctx.records = new RecordStore(this.components.datastore)
    this.ctx.started = true
    this.unlisten.push(...listenToSiblings(this.ctx))
  }

  async afterStart (): Promise<void> {
    for (const groupId of await this.ctx.memberships.list()) {
      const stored = await this.ctx.memberships.get(groupId)
      if (stored !== undefined) await openGroup(this.ctx, stored).catch(err => { this.ctx.log.error('cannot open group %s: %s', groupId, err?.message) })
    }
    const interval = this.init.expiryIntervalMs ?? EXPIRY_INTERVAL_MS
    this.timer = setInterval(() => { this.sweep().catch(() => {}) }, interval)
    this.timer.unref?.()
    this.ctx.solicitation.start()
    await this.sweep()
  }

  /** Withdraws this node's presence while gossip still runs, so members see it go offline. */
  async beforeStop (): Promise<void> {
    await Promise.allSettled([...this.ctx.groups.values()].map(async rt => refreshOwnPresence(this.ctx, rt, { leaving: true })))
    await this.ctx.outbox.flush()
  }

  async stop (): Promise<void> {
    clearInterval(this.timer)
    this.ctx.solicitation.stop()
    this.ctx.reconnector?.stop()
    this.ctx.outbox.close()
    for (const fn of this.unlisten.splice(0)) fn()
    for (const rt of this.ctx.groups.values()) closeGroup(this.ctx, rt)
    this.ctx.groups.clear()
    this.ctx.byTopic.clear()
    this.ctx.started = false
  }

  // ---- what sibling services ask ------------------------------------------------------------

  /** Chains this node presents in membership handshakes. */
  localMemberships (): LocalMembership[] {
    return [...this.ctx.groups.values()].map(rt => ({ groupId: rt.groupId, chain: rt.membership.chain }))
  }

  /** Gossip gate: a group topic's traffic goes only to proven members of that group. */
  allowsTopic (peerId: string, topic: string): boolean {
    const groupId = this.ctx.byTopic.get(topic)
    return groupId !== undefined && this.ctx.services().membership.isProven(groupId, peerId)
  }

  /** Sync: the set of a group, for a proven member not cooling down only; its rejected records cost it penalties. */
  resolveSet (groupId: string, remotePeer: PeerId): SyncSet | undefined {
    return resolveSet(this.ctx, groupId, remotePeer)
  }

  // ---- groups -------------------------------------------------------------------------------

  async create (options: CreateGroupOptions): Promise<GroupSummary> {
    return createGroup(this.ctx, options)
  }

  async list (): Promise<GroupSummary[]> {
    return [...this.ctx.groups.values()].map(rt => groupSummary(this.ctx, rt))
  }

  async get (groupId: string): Promise<GroupSummary> {
    return groupSummary(this.ctx, runtimeOf(this.ctx, groupId))
  }

  async delete (groupId: string): Promise<void> {
    await deleteGroup(this.ctx, groupId)
  }

  async setProperties (groupId: string, patch: GroupPropertiesPatch): Promise<GroupProperties> {
    return setGroupProperties(this.ctx, groupId, patch)
  }

  async chain (groupId: string): Promise<Uint8Array[]> {
    return runtimeOf(this.ctx, groupId).membership.chain
  }

  async issue (groupId: string, options: IssueCredentialsOptions): Promise<{ chain: Uint8Array[], member: MemberInfo }> {
    return issue(this.ctx, groupId, options)
  }

  async exportMembership (groupId: string, password: string, options: { includeRootKey?: boolean } = {}): Promise<string> {
    return exportGroup(this.ctx, groupId, password, options)
  }

  async importMembership (text: string, password: string): Promise<GroupSummary> {
    return importGroup(this.ctx, text, password)
  }

  // ---- records ------------------------------------------------------------------------------

  async addRecord (groupId: string, options: AddRecordOptions): Promise<GroupRecord> { return addRecord(this.ctx, groupId, options) }
  async addRecords (groupId: string, records: readonly AddRecordOptions[]): Promise<GroupRecord[]> { return addRecords(this.ctx, groupId, records) }
  async updateRecord (groupId: string, recordId: string, options: UpdateRecordOptions): Promise<GroupRecord> { return updateRecord(this.ctx, groupId, recordId, options) }
  async deleteRecord (groupId: string, recordId: string): Promise<void> { await deleteRecord(this.ctx, groupId, recordId) }
  async getRecord (groupId: string, recordId: string): Promise<GroupRecord> { return getRecord(this.ctx, groupId, recordId) }
  async listRecords (groupId: string, options: { type?: string } = {}): Promise<GroupRecord[]> { return listRecords(this.ctx, groupId, options) }
  async pageRecords (groupId: string, options: RecordPageOptions = {}): Promise<RecordPage> { return pageRecords(this.ctx, groupId, options) }
  async searchRecords (groupId: string, query: SearchQuery): Promise<GroupRecord[]> { return searchRecords(this.ctx, groupId, query) }

  // ---- members and status -------------------------------------------------------------------

  connectedMembers (groupId: string): MemberInfo[] {
    runtimeOf(this.ctx, groupId)
    return this.ctx.services().membership.provenMembers(groupId)
  }

  async members (groupId: string, options: { present?: boolean } = {}): Promise<GroupMember[]> {
    return groupMembers(this.ctx, groupId, options)
  }

  async status (groupId: string): Promise<GroupStatus & { records: number, deferred: number }> {
    return groupStatus(this.ctx, runtimeOf(this.ctx, groupId))
  }

  async syncWith (groupId: string, peerId: string, options: { signal?: AbortSignal, join?: boolean } = {}): Promise<void> {
    await syncWith(this.ctx, groupId, peerId, options)
  }

  // ---- invitations, joining, password, renewal ----------------------------------------------

  async createInvitation (groupId: string, options: { peerId: string, roles?: Role[], expiresAt?: number | 'infinite', displayName?: string, addresses?: string[] }): Promise<string> {
    this.revocations.assertNotRevoked(groupId, options.peerId)
    return this.joining.createInvitation(groupId, options)
  }

  async createPasswordInvitation (groupId: string, options: { expiresAt?: number | 'infinite', addresses?: string[] } = {}): Promise<string> {
    return this.joining.createPasswordInvitation(groupId, options)
  }

  parseInvitation (token: string): InvitationInfo {
    return this.joining.parse(token)
  }

  async join (token: string, options: JoinGroupOptions = {}): Promise<GroupSummary> {
    assertStarted(this.ctx)
    const { groupId, addresses } = await this.joining.join(token, options)
    // go looking for members in the background: status and failure arrive as events
    this.connectGroup(groupId, { addresses }).catch(() => { /* reported as group:connection-failed */ })
    return groupSummary(this.ctx, runtimeOf(this.ctx, groupId))
  }

  async setPassword (groupId: string, password: string, options: { role?: GroupProperties['passwordRole'] } = {}): Promise<GroupProperties> {
    const properties = await this.joining.setPassword(groupId, password, options.role)
    for (const member of this.ctx.services().membership.provenMembers(groupId)) shareVerifier(this.ctx.sharing, groupId, member)
    return properties
  }

  async renew (groupId: string, options: { peerId?: string, signal?: AbortSignal } = {}): Promise<MemberInfo> {
    return this.joining.renew(groupId, options)
  }

  /** A renewal this node issued as administrator: stored in the database for its subject. */
  async storeIssuedCredentials (groupId: string, peerId: string, chain: Uint8Array[]): Promise<void> {
    await storeIssuedCredentials(this.ctx, groupId, peerId, chain)
  }

  /** Revokes (or with `lift`, restores) a member: a signed `peerhood.revocation` record, spread like any record. */
  async revoke (groupId: string, peerId: string, options: RevokeOptions = {}): Promise<RevokeResult> {
    return revoke(this.ctx, groupId, peerId, options)
  }

  /** The revocations in force in a group, oldest first. */
  revocationsOf (groupId: string): Revocation[] {
    return this.revocations.index(runtimeOf(this.ctx, groupId).groupId).list()
  }

  // ---- finding members ----------------------------------------------------------------------

  async connectGroup (groupId: string, options: { addresses?: string[], timeoutMs?: number, signal?: AbortSignal } = {}): Promise<MemberInfo[]> {
    runtimeOf(this.ctx, groupId)
    return this.ctx.finder.connect(groupId, options)
  }

  /** Dials the members the DHT rendezvous lists for a group; resolves with how many were dialled. */
  async findMembers (groupId: string, signal?: AbortSignal): Promise<number> {
    return this.ctx.finder.findMembers(groupId, signal)
  }

  // ---- direct connections and data ----------------------------------------------------------

  /** Whether this node is a member of a group (asked by the direct-data service). */
  isLocalMember (groupId: string): boolean {
    return this.ctx.groups.has(groupId)
  }

  async openConnection (groupId: string, peerId: string, options: { signal?: AbortSignal } = {}): Promise<DirectConnectionInfo> {
    runtimeOf(this.ctx, groupId)
    return this.ctx.services().direct.open(groupId, peerId, options.signal === undefined ? {} : { signal: options.signal })
  }

  async closeConnection (groupId: string, connectionId: string): Promise<void> {
    runtimeOf(this.ctx, groupId)
    await this.ctx.services().direct.close(groupId, connectionId)
  }

  connections (groupId: string): GroupConnection[] {
    runtimeOf(this.ctx, groupId)
    return groupConnections(groupId, this.ctx.services().membership, this.ctx.services().direct)
  }

  async sendData (groupId: string, to: { connectionId: string } | { peerId: string }, message: { type: string, data: Uint8Array }, options: { signal?: AbortSignal } = {}): Promise<void> {
    runtimeOf(this.ctx, groupId)
    await sendGroupData(this.ctx.services().direct, this.components.peerId.toString(), groupId, to, message, options.signal)
  }

  // ---- internals ----------------------------------------------------------------------------

  /** Removes expired records (not while disconnected when the group defers expiry). */
  private async sweep (): Promise<void> {
    await sweepGroups(this.ctx)
  }
}
