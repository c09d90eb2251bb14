/**
 * The peer-groups service: the groups this node is a member of, each with its database, gossip
 * topic, members and status. It ties the membership handshake (who may receive what), gossip
 * (live records), sync (catch-up on connect) and the record rules together; it decides no rule
 * itself.
 */
import type { RecordPage, RecordPageOptions } from '../records/page.ts'
import { TypedEventEmitter, type PeerId, type Startable } from '@libp2p/interface'
import { peerIdFromString } from '@libp2p/peer-id'
import type { MemberInfo } from '../certificates/chain-result.ts'
import type { Role } from '../certificates/roles.ts'
import type { DirectConnectionInfo } from '../direct-data/index.ts'
import type { InvitationInfo } from '../invitations/types.ts'
import { GossipOutbox } from '../group-gossip/outbox.ts'
import { DatastoreMembershipStore } from '../groups/membership-store.ts'
import type { GroupProperties } from '../groups/properties.ts'
import type { GroupPropertiesPatch } from '../groups/update-properties.ts'
import type { LocalMembership } from '../membership/types.ts'
import type { Revocation } from '../revocation/types.ts'
import type { SearchQuery } from '../records/search/index.ts'
import { RecordStore } from '../records/store.ts'
import type { GroupRecord } from '../records/types.ts'
import type { SyncSet } from '../sync/types.ts'
import { EXPIRY_INTERVAL_MS, PRESENCE_RECORD_TYPE } from './constants.ts'
import { CredentialRegistry } from './credential-registry.ts'
import { Revocations, type RevokeOptions, type RevokeResult } from './revocations.ts'
import { GossipIngress } from './gossip-ingress.ts'
import { listMembers } from './member-list.ts'
import { groupConnections, sendGroupData } from './group-data.ts'
import { MemberFinder } from './member-finder.ts'
import { SyncRelay } from './membership-records.ts'
import { connectivity } from './connectivity.ts'
import { syncWithRetry } from './sync-retry.ts'
import type { DirectUpgrade } from './direct-upgrade.ts'
import type { GroupRuntime } from './group-runtime.ts'
import { assertStarted, type GroupsContext, gossipReaches, runtimeOf, siblingServices } from './group-context.ts'
import { groupFlags, groupStatus, groupSummary, reportStatus, setSynchronized } from './group-status.ts'
import { admitSelf, closeGroup, createGroup, deleteGroup, exportGroup, importGroup, openGroup, setGroupProperties, sweepGroups } from './group-lifecycle.ts'
import { issue, revoke, storeIssuedCredentials } from './group-credentials.ts'
import { adopt, ingest, publishRecord, retryDeferred } from './group-ingress.ts'
import { refreshOwnPresence } from './own-records.ts'
import { addRecord, addRecords, deleteRecord, getRecord, listRecords, pageRecords, searchRecords, updateRecord } from './group-records.ts'
import type { PeerGroupsComponents, PeerGroupsInit, SharedServices } from './service-init.ts'
import { acceptSharedVerifier, isAdministratorCredential, shareVerifier } from './verifier-sharing.ts'
import { IngressCounters } from './ingress-counters.ts'
import { GroupPenalties } from './penalties.ts'
import { SingleFlight } from './single-flight.ts'
import { recordSyncSet } from './record-sync-set.ts'
import { reservedRecordTypes } from './reserved-types.ts'
import { type JoinGroupOptions, Joining } from './joining.ts'
import type {
  AddRecordOptions, CreateGroupOptions, GroupConnection, GroupMember, GroupStatus, GroupSummary, IssueCredentialsOptions, PeerGroups, PeerGroupsEvents, UpdateRecordOptions
} from './types.ts'

export type { PeerGroupsComponents, PeerGroupsInit, SharedServices } from './service-init.ts'

/** Implementation of {@link PeerGroups}. */
export class PeerGroupsService extends TypedEventEmitter<PeerGroupsEvents> implements PeerGroups, Startable {
  readonly [Symbol.toStringTag] = '@peerhood/peer-groups'
  /** Ingress outcomes by reason, for metrics. */
  readonly counters = new IngressCounters()
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
    const log = components.logger.forComponent('peerhood:groups')
    const now = init.now ?? Date.now
    const services = (): Required<SharedServices> => siblingServices(init.shared)
    const groups = new Map<string, GroupRuntime>()
    const registry = new CredentialRegistry()
    this.revocations = new Revocations({
      expel: (groupId, peerId, since) => { services().membership.expel(groupId, peerId); void groups.get(groupId)?.db.dropVersionsOf(peerId, since).catch(() => {}) },
      changed: (groupId, peerId, state) => { this.safeDispatchEvent('member:changed', { detail: { groupId, changeType: state, peerId } }) }
    }, init.cache)
    const reservedTypes = reservedRecordTypes(init.cache, (groupId, chain, at, result) => this.revocations.checkValid(groupId, chain, at, result))
    const finder = new MemberFinder({
      peerId: components.peerId,
      contentRouting: components.contentRouting,
      connectionManager: components.connectionManager,
      logger: components.logger,
      membership: () => services().membership,
      onFailed: (groupId) => { this.safeDispatchEvent('group:connection-failed', { detail: { groupId, code: 'NO_MEMBERS_FOUND' } }) }
    })
    const links = connectivity({
      components,
      membership: () => services().membership,
      groupIds: () => [...groups.keys()],
      presence: groupId => runtimeOf(this.ctx, groupId).db.list({ type: PRESENCE_RECORD_TYPE }),
      members: groupId => registry.members(groupId),
      findProviders: async (groupId, signal) => finder.findMembers(groupId, signal),
      onProgress: (groupId, reconnect) => { this.safeDispatchEvent('group:status', { detail: { groupId, status: groupFlags(this.ctx, runtimeOf(this.ctx, groupId)), reconnect } }) },
      ...(init.reconnect === undefined ? {} : { reconnect: init.reconnect })
    })
    this.upgrade = links.upgrade
    const penalties = new GroupPenalties({ book: () => services().pubsub.penalties, connectionManager: components.connectionManager, log, now: () => now() })
    const pulls = new SingleFlight()
    const gossip = new GossipIngress({
      groupOfTopic: topic => this.ctx.byTopic.get(topic),
      isProven: (groupId, peerId) => services().membership.isProven(groupId, peerId),
      vouches: (groupId, peerId) => registry.vouches(groupId, peerId),
      ingest: async (groupId, bytes, source) => ingest(this.ctx, runtimeOf(this.ctx, groupId), bytes, source),
      count: (verdict, groupId) => { this.counters.count(verdict, groupId) },
      penalise: (peerId, reason) => { penalties.gossipRejected(peerId, reason) },
      // one pull at a time per group and peer, asked for by every bundle it holds
      pullFrom: (groupId, peerId) => {
        pulls.run(`${groupId}\n${peerId}`, async () => penalties.pull(peerId, async () => this.syncWith(groupId, peerId),
          (after, upTo) => groups.get(groupId)?.db.parkedFrom(peerId, after, upTo) ?? 0), err => { log('pull of %s from %s failed: %s', groupId, peerId, err?.message) })
      },
      report: (msgId, source, result) => { services().pubsub.reportMessageValidationResult(msgId, source, result) },
      now: () => now()
    })
    const outbox = new GossipOutbox({
      send: async (topic, bundle) => {
        if (!gossipReaches(this.ctx, topic)) return
        await services().pubsub.publish(topic, bundle).catch((err: Error) => { log('publish failed: %s', err.message) })
      },
      ...(init.bundleBytes === undefined ? {} : { maxBytes: init.bundleBytes })
    })
    this.joining = new Joining({
      peerId: components.peerId,
      privateKey: components.privateKey,
      datastore: components.datastore,
      cache: init.cache,
      now: () => now(),
      addresses: () => components.addressManager.getAddresses().map(a => a.toString()),
      membershipOf: (groupId) => {
        const rt = runtimeOf(this.ctx, groupId)
        return { chain: rt.membership.chain, properties: rt.membership.properties, self: rt.self, synchronized: rt.synchronized }
      },
      hasGroup: (groupId) => groups.has(groupId),
      admitSelf: async (groupId, properties, chain) => { await admitSelf(this.ctx, groupId, properties, chain) },
      adopt: async (groupId, chain) => { await adopt(this.ctx, runtimeOf(this.ctx, groupId), chain) },
      provenMembers: (groupId) => services().membership.provenMembers(groupId),
      dial: async (addresses, signal) => finder.dialAll(addresses, signal),
      setProperties: async (groupId, patch) => this.setProperties(groupId, patch),
      passwordJoin: () => services().passwordJoin,
      credentials: () => services().credentials
    })
    const joining = this.joining
    this.ctx = {
      components,
      init,
      log,
      events: this,
      groups,
      byTopic: new Map(),
      registry,
      revocations: this.revocations,
      counters: this.counters,
      reservedTypes,
      outbox,
      gossip,
      finder,
      reconnector: links.reconnector,
      upgrade: links.upgrade,
      penalties,
      joining,
      sharing: {
        joining,
        direct: () => services().direct,
        isProvenAdministrator: (groupId, peerId) => services().membership.isProven(groupId, peerId) && isAdministratorCredential(registry.latest(groupId, peerId)),
        log
      },
      relay: new SyncRelay((topic, bytes) => { if (gossipReaches(this.ctx, topic)) outbox.enqueue(topic, bytes) }),
      pulls,
      renewing: new Set(),
      // made again by every start(), as the stores hold per-run state
      memberships: new DatastoreMembershipStore(components.datastore),
      records: new RecordStore(components.datastore),
      started: false,
      now,
      services,
      publish: async (rt, published) => { await publishRecord(this.ctx, rt, published) }
    }
  }

  /** The record store (made at start). */
  private get records (): RecordStore {
    return this.ctx.records
  }

  // ---- life cycle -------------------------------------------------------------------------

  async start (): Promise<void> {
    this.ctx.memberships = new DatastoreMembershipStore(this.components.datastore)
    this.ctx.records = new RecordStore(this.components.datastore)
    this.ctx.started = true
    const membership = this.ctx.services().membership
    const on = <K extends 'member:proven' | 'member:lost' | 'member:refused'>(type: K, fn: (detail: any) => void) => {
      const listener = (evt: CustomEvent) => { fn(evt.detail) }
      membership.addEventListener(type, listener as any)
      this.unlisten.push(() => { membership.removeEventListener(type, listener as any) })
    }
    on('member:proven', d => { this.onProven(d.groupId, d.peerId, d.member) })
    on('member:lost', d => { this.onLost(d.groupId, d.peerId) })
    on('member:refused', d => { this.safeDispatchEvent('membership:refused', { detail: d }) })
    const pubsub = this.ctx.services().pubsub
    const onGossip = (evt: CustomEvent<{ msgId: string, propagationSource: PeerId, msg: { topic: string, data: Uint8Array } }>) => {
      const { msgId, propagationSource, msg } = evt.detail
      this.ctx.gossip.onMessage(msgId, propagationSource.toString(), msg.topic, msg.data).catch(err => { this.ctx.log.error('gossip ingress failed: %s', err?.message) })
    }
    pubsub.addEventListener('gossipsub:message', onGossip as any)
    this.unlisten.push(() => { pubsub.removeEventListener('gossipsub:message', onGossip as any) })
    const direct = this.ctx.services().direct
    const onData = (evt: CustomEvent<{ groupId: string, peerId: string, type: string, data: Uint8Array }>) => { acceptSharedVerifier(this.ctx.sharing, evt.detail) }
    direct.addEventListener('data:incoming', onData as any)
    this.unlisten.push(() => { direct.removeEventListener('data:incoming', onData as any) })
  }

  async afterStart (): Promise<void> {
    for (const groupId of await this.ctx.memberships.list()) {
      const stored = await this.ctx.memberships.get(groupId)
      if (stored !== undefined) await openGroup(this.ctx, stored).catch(err => { this.ctx.log.error('cannot open group %s: %s', groupId, err?.message) })
    }
    const interval = this.init.expiryIntervalMs ?? EXPIRY_INTERVAL_MS
    this.timer = setInterval(() => { this.sweep().catch(() => {}) }, interval)
    this.timer.unref?.()
    await this.sweep()
  }

  /** Withdraws this node's presence while gossip still runs, so members see it go offline. */
  async beforeStop (): Promise<void> {
    await Promise.allSettled([...this.ctx.groups.values()].map(async rt => refreshOwnPresence(this.ctx, rt, { leaving: true })))
    await this.ctx.outbox.flush()
  }

  async stop (): Promise<void> {
    clearInterval(this.timer)
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
    const rt = this.ctx.groups.get(groupId)
    const peer = remotePeer.toString()
    if (rt === undefined || !this.ctx.services().membership.isProven(groupId, peer) || !this.ctx.penalties.admits(peer)) return undefined
    return recordSyncSet({
      groupId,
      store: this.ctx.records,
      ingest: async bytes => {
        const verdict = await ingest(this.ctx, rt, bytes, peer)
        this.ctx.relay.pass(rt.topic, verdict)
        return verdict
      },
      judge: this.ctx.penalties.syncSession(peer),
      afterApply: async () => { await retryDeferred(this.ctx, rt) },
      serves: bytes => rt.db.admits(bytes)
    })
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
    const rt = runtimeOf(this.ctx, groupId)
    const membership = this.ctx.services().membership
    return listMembers({
      db: rt.db,
      self: rt.self,
      known: this.ctx.registry.members(groupId),
      isConnected: peerId => membership.isProven(groupId, peerId),
      isRevoked: peerId => this.revocations.revokedAt(groupId, peerId) !== undefined,
      now: this.ctx.now(),
      ...options
    })
  }

  async status (groupId: string): Promise<GroupStatus & { records: number, deferred: number }> {
    return groupStatus(this.ctx, runtimeOf(this.ctx, groupId))
  }

  async syncWith (groupId: string, peerId: string, options: { signal?: AbortSignal, join?: boolean } = {}): Promise<void> {
    const rt = runtimeOf(this.ctx, groupId)
    const peer = peerIdFromString(peerId)
    const result = await this.ctx.services().sync.sync(peer, groupId, {
      ...(options.signal === undefined ? {} : { signal: options.signal }),
      ...(options.join === undefined ? {} : { join: options.join }),
      onProgress: p => { this.safeDispatchEvent('sync:progress', { detail: { groupId, peerId, ...p } }) }
    })
    await retryDeferred(this.ctx, rt)
    if (!rt.synchronized) await setSynchronized(this.ctx, groupId, true)
    this.safeDispatchEvent('sync:completed', {
      detail: { groupId, peerId, recordsReceived: result.recordsReceived, recordsSent: result.recordsSent, roundTrips: result.roundTrips, bytes: result.bytesSent + result.bytesReceived }
    })
    reportStatus(this.ctx, rt)
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

  private onProven (groupId: string, peerId: string, member: MemberInfo): void {
    const rt = this.ctx.groups.get(groupId)
    if (rt === undefined || !this.ctx.penalties.admits(peerId)) return
    this.ctx.registry.learn(member)
    this.ctx.services().pubsub.gate.admit(peerId)
    shareVerifier(this.ctx.sharing, groupId, member)
    this.safeDispatchEvent('member:changed', { detail: { groupId, changeType: 'connected', peerId, roles: [...member.roles] } })
    reportStatus(this.ctx, rt)
    this.ctx.reconnector?.check(groupId)
    this.upgrade.consider(peerId)
    // One side starts the sync: the lower PeerId, or anyone who has never synchronised; when both
    // do, the two requests join one session.
    if (!rt.synchronized || this.components.peerId.toString() < peerId) {
      syncWithRetry({
        run: async () => { await this.syncWith(groupId, peerId, { join: true }) },
        stillConnected: () => this.ctx.started && this.ctx.groups.has(groupId) && this.ctx.services().membership.isProven(groupId, peerId),
        onFailure: err => { this.ctx.log('sync of %s with %s failed: %s', groupId, peerId, (err as Error)?.message) }
      }).catch(() => {})
    }
  }

  private onLost (groupId: string, peerId: string): void {
    const rt = this.ctx.groups.get(groupId)
    if (rt === undefined) return
    this.ctx.services().pubsub.gate.revoke(peerId, rt.topic)
    this.ctx.services().direct.revoke(groupId, peerId)
    this.safeDispatchEvent('member:changed', { detail: { groupId, changeType: 'disconnected', peerId } })
    reportStatus(this.ctx, rt)
    this.ctx.reconnector?.check(groupId)
  }

  /** Removes expired records (not while disconnected when the group defers expiry). */
  private async sweep (): Promise<void> {
    await sweepGroups(this.ctx)
  }
}
