/**
 * The peer-groups service: the groups this node is a member of, each with its database, gossip
 * topic, members and status. It ties the membership handshake (who may receive what), gossip
 * (live records), sync (catch-up on connect) and the record rules together; it decides no rule
 * itself.
 */
import { type RecordPage, type RecordPageOptions, pageRecords } from '../records/page.ts'
import { TypedEventEmitter, type ComponentLogger, type ContentRouting, type Logger, type PeerId, type PeerRouting, type PeerStore, type PrivateKey, type Startable } from '@libp2p/interface'
import type { ConnectionManager } from '@libp2p/interface-internal'
import { peerIdFromString } from '@libp2p/peer-id'
import type { Datastore } from 'interface-datastore'
import { PeerhoodError } from '../common/errors.ts'
import type { ChainCache } from '../certificates/chain-cache.ts'
import type { MemberInfo } from '../certificates/chain-result.ts'
import { validateChain } from '../certificates/chain-validator.ts'
import { issueCredentials } from '../certificates/issue.ts'
import { normalizeRoles, type Role } from '../certificates/roles.ts'
import type { Credentials } from '../credentials/types.ts'
import type { DirectConnectionInfo, DirectData } from '../direct-data/index.ts'
import type { InvitationInfo } from '../invitations/types.ts'
import type { PasswordJoin } from '../password-join/types.ts'
import type { GroupGossip } from '../group-gossip/index.ts'
import { GossipOutbox } from '../group-gossip/outbox.ts'
import { scoreTopic, unscoreTopic } from '../group-gossip/score.ts'
import { createGroup } from '../groups/create-group.ts'
import { exportMembership, importMembership } from '../groups/membership-export.ts'
import { DatastoreMembershipStore, type StoredMembership } from '../groups/membership-store.ts'
import type { GroupProperties } from '../groups/properties.ts'
import { type GroupPropertiesPatch, updateProperties } from '../groups/update-properties.ts'
import type { MembershipService } from '../membership/membership.ts'
import type { LocalMembership } from '../membership/types.ts'
import { GroupDatabase } from '../records/database.ts'
import type { AddRecordInit } from '../records/changes.ts'
import type { RecordChange, RecordConflict } from '../records/events.ts'
import { REVOCATION_RECORD_TYPE } from '../revocation/record.ts'
import type { Revocation } from '../revocation/types.ts'
import type { IngressVerdict } from '../records/reasons.ts'
import type { SearchQuery } from '../records/search/index.ts'
import { RecordStore } from '../records/store.ts'
import type { ReservedTypes } from '../records/reserved.ts'
import type { GroupRecord } from '../records/types.ts'
import type { Sync } from '../sync/service-types.ts'
import type { SyncSet } from '../sync/types.ts'
import { decodeChainData, encodeChainData } from './chain-data.ts'
import { CREDENTIALS_RECORD_TYPE, DEFAULT_RECORD_LIFETIME_MS, EXPIRY_INTERVAL_MS, MEMBERSHIP_RECORD_TYPE, PRESENCE_RECORD_TYPE, PROPERTIES_RECORD_TYPE, SUBJECT_ATTRIBUTE } from './constants.ts'
import { isPresent, presenceAction } from './presence.ts'
import { CredentialRegistry } from './credential-registry.ts'
import { Revocations, type RevokeOptions, type RevokeResult } from './revocations.ts'
import { revokingGroup } from './revocation-bridge.ts'
import { GossipIngress } from './gossip-ingress.ts'
import { listMembers } from './member-list.ts'
import { groupConnections, sendGroupData } from './group-data.ts'
import { MemberFinder } from './member-finder.ts'
import { SyncRelay, writeOwnMembership } from './membership-records.ts'
import { refreshPresence } from './presence-publisher.ts'
import type { Reconnector } from './reconnector.ts'
import { connectivity } from './connectivity.ts'
import { syncWithRetry } from './sync-retry.ts'
import type { DirectUpgrade } from './direct-upgrade.ts'
import type { ReconnectBackoff } from './reconnect-schedule.ts'
import { GroupRuntime } from './group-runtime.ts'
import { readSynchronized, synchronizedKey } from './group-state.ts'
import { acceptSharedVerifier, isAdministratorCredential, shareVerifier, type VerifierSharing } from './verifier-sharing.ts'
import { IngressCounters } from './ingress-counters.ts'
import { GroupPenalties } from './penalties.ts'
import { SingleFlight } from './single-flight.ts'
import { recordSyncSet } from './record-sync-set.ts'
import { reservedRecordTypes } from './reserved-types.ts'
import { isNewerOwnCredential, readSystemRecord } from './system-records.ts'
import { type JoinGroupOptions, Joining } from './joining.ts'
import type {
  AddRecordOptions, CreateGroupOptions, GroupConnection, GroupMember, GroupStatus, GroupSummary, IssueCredentialsOptions, PeerGroups, PeerGroupsEvents, UpdateRecordOptions
} from './types.ts'

/** The services the peer-groups service works with (filled in by `groupServices()`). */
export interface SharedServices {
  pubsub?: GroupGossip
  membership?: MembershipService
  sync?: Sync
  direct?: DirectData
  passwordJoin?: PasswordJoin
  credentials?: Credentials
}

/** Components the service uses. */
export interface PeerGroupsComponents {
  addressManager: { getAddresses (): Array<{ toString (): string }> }
  contentRouting: ContentRouting
  /** Peer routing (the DHT), used to find members that moved. */
  peerRouting?: PeerRouting
  /** The peer store: members' addresses learnt by identify. */
  peerStore?: PeerStore
  connectionManager: ConnectionManager
  peerId: PeerId
  privateKey: PrivateKey
  datastore: Datastore
  logger: ComponentLogger
}

/** Options of the peer-groups service. */
export interface PeerGroupsInit {
  /** The sibling services. */
  shared: SharedServices
  /** Chain validation cache shared with the membership handshake. */
  cache: ChainCache
  /** Display name written into certificates this node creates. @default the PeerId */
  displayName?: string
  /** Clock, epoch milliseconds. @default Date.now */
  now?: () => number
  /** Period of the expiry sweep, in milliseconds. @default 10000 */
  expiryIntervalMs?: number
  /** Ask a connected administrator to renew this node's GMCs before they expire. @default true */
  autoRenew?: boolean
  /** Size a gossip bundle is filled up to, in bytes (records published in one burst share one message). @default 65536 */
  bundleBytes?: number
  /** Redial a group's members while none is connected (backoff settings), or `false` to leave it to the application. @default {} (on, default backoff) */
  reconnect?: Partial<ReconnectBackoff> | false
}

/** Implementation of {@link PeerGroups}. */
export class PeerGroupsService extends TypedEventEmitter<PeerGroupsEvents> implements PeerGroups, Startable {
  readonly [Symbol.toStringTag] = '@peerhood/peer-groups'
  /** Ingress outcomes by reason, for metrics. */
  readonly counters = new IngressCounters()
  private readonly log: Logger
  private readonly now: () => number
  private readonly registry = new CredentialRegistry()
  private readonly groups = new Map<string, GroupRuntime>()
  private readonly byTopic = new Map<string, string>()
  private memberships!: DatastoreMembershipStore
  private records!: RecordStore
  private started = false
  private timer?: ReturnType<typeof setInterval>
  private readonly unlisten: Array<() => void> = []
  /** Invitations, joins, the group password and renewal. */
  readonly joining: Joining
  private renewing = new Set<string>()
  private readonly gossip: GossipIngress
  private readonly outbox: GossipOutbox
  private readonly finder: MemberFinder
  private readonly reservedTypes: ReservedTypes
  /** Revocations of every open group (issue 15). */
  readonly revocations: Revocations
  private readonly relay = new SyncRelay((topic, bytes) => { if (this.gossipReaches(topic)) this.outbox.enqueue(topic, bytes) })
  private readonly reconnector?: Reconnector
  /** Dials members reached only through a relay at their own addresses. */
  readonly upgrade: DirectUpgrade
  private readonly penalties: GroupPenalties
  private readonly pulls = new SingleFlight()

  constructor (private readonly components: PeerGroupsComponents, private readonly init: PeerGroupsInit) {
    super()
    this.log = components.logger.forComponent('peerhood:groups')
    this.now = init.now ?? Date.now
    this.revocations = new Revocations({
      expel: (groupId, peerId, since) => { this.services().membership.expel(groupId, peerId); void this.groups.get(groupId)?.db.dropVersionsOf(peerId, since).catch(() => {}) },
      changed: (groupId, peerId, state) => { this.safeDispatchEvent('member:changed', { detail: { groupId, changeType: state, peerId } }) }
    }, init.cache)
    this.reservedTypes = reservedRecordTypes(init.cache, (groupId, chain, at, result) => this.revocations.checkValid(groupId, chain, at, result))
    this.finder = new MemberFinder({
      peerId: components.peerId,
      contentRouting: components.contentRouting,
      connectionManager: components.connectionManager,
      logger: components.logger,
      membership: () => this.services().membership,
      onFailed: (groupId) => { this.safeDispatchEvent('group:connection-failed', { detail: { groupId, code: 'NO_MEMBERS_FOUND' } }) }
    })
    const links = connectivity({
      components,
      membership: () => this.services().membership,
      groupIds: () => [...this.groups.keys()],
      presence: groupId => this.runtime(groupId).db.list({ type: PRESENCE_RECORD_TYPE }),
      members: groupId => this.registry.members(groupId),
      findProviders: async (groupId, signal) => this.finder.findMembers(groupId, signal),
      onProgress: (groupId, reconnect) => { this.safeDispatchEvent('group:status', { detail: { groupId, status: this.flags(this.runtime(groupId)), reconnect } }) },
      ...(init.reconnect === undefined ? {} : { reconnect: init.reconnect })
    })
    this.reconnector = links.reconnector
    this.upgrade = links.upgrade
    this.penalties = new GroupPenalties({ book: () => this.services().pubsub.penalties, connectionManager: components.connectionManager, log: this.log, now: () => this.now() })
    this.gossip = new GossipIngress({
      groupOfTopic: topic => this.byTopic.get(topic),
      isProven: (groupId, peerId) => this.services().membership.isProven(groupId, peerId),
      vouches: (groupId, peerId) => this.registry.vouches(groupId, peerId),
      ingest: async (groupId, bytes, source) => this.ingest(this.runtime(groupId), bytes, source),
      count: (verdict, groupId) => { this.counters.count(verdict, groupId) },
      penalise: (peerId, reason) => { this.penalties.gossipRejected(peerId, reason) },
      // one pull at a time per group and peer, asked for by every bundle it holds
      pullFrom: (groupId, peerId) => {
        this.pulls.run(`${groupId}\n${peerId}`, async () => this.penalties.pull(peerId, async () => this.syncWith(groupId, peerId),
          (after, upTo) => this.groups.get(groupId)?.db.parkedFrom(peerId, after, upTo) ?? 0), err => { this.log('pull of %s from %s failed: %s', groupId, peerId, err?.message) })
      },
      report: (msgId, source, result) => { this.services().pubsub.reportMessageValidationResult(msgId, source, result) },
      now: () => this.now()
    })
    this.outbox = new GossipOutbox({
      send: async (topic, bundle) => {
        if (!this.gossipReaches(topic)) return
        await this.services().pubsub.publish(topic, bundle).catch((err: Error) => { this.log('publish failed: %s', err.message) })
      },
      ...(init.bundleBytes === undefined ? {} : { maxBytes: init.bundleBytes })
    })
    this.joining = new Joining({
      peerId: components.peerId,
      privateKey: components.privateKey,
      datastore: components.datastore,
      cache: init.cache,
      now: () => this.now(),
      addresses: () => this.components.addressManager.getAddresses().map(a => a.toString()),
      membershipOf: (groupId) => {
        const rt = this.runtime(groupId)
        return { chain: rt.membership.chain, properties: rt.membership.properties, self: rt.self, synchronized: rt.synchronized }
      },
      hasGroup: (groupId) => this.groups.has(groupId),
      admitSelf: async (groupId, properties, chain) => { await this.admitSelf(groupId, properties, chain) },
      adopt: async (groupId, chain) => { await this.adopt(this.runtime(groupId), chain) },
      provenMembers: (groupId) => this.services().membership.provenMembers(groupId),
      dial: async (addresses, signal) => this.finder.dialAll(addresses, signal),
      setProperties: async (groupId, patch) => this.setProperties(groupId, patch),
      passwordJoin: () => this.services().passwordJoin,
      credentials: () => this.services().credentials
    })
  }

  // ---- life cycle -------------------------------------------------------------------------

  async start (): Promise<void> {
    this.memberships = new DatastoreMembershipStore(this.components.datastore)
    this.records = new RecordStore(this.components.datastore)
    this.started = true
    const membership = this.services().membership
    const on = <K extends 'member:proven' | 'member:lost' | 'member:refused'>(type: K, fn: (detail: any) => void) => {
      const listener = (evt: CustomEvent) => { fn(evt.detail) }
      membership.addEventListener(type, listener as any)
      this.unlisten.push(() => { membership.removeEventListener(type, listener as any) })
    }
    on('member:proven', d => { this.onProven(d.groupId, d.peerId, d.member) })
    on('member:lost', d => { this.onLost(d.groupId, d.peerId) })
    on('member:refused', d => { this.safeDispatchEvent('membership:refused', { detail: d }) })
    const pubsub = this.services().pubsub
    const onGossip = (evt: CustomEvent<{ msgId: string, propagationSource: PeerId, msg: { topic: string, data: Uint8Array } }>) => {
      const { msgId, propagationSource, msg } = evt.detail
      this.gossip.onMessage(msgId, propagationSource.toString(), msg.topic, msg.data).catch(err => { this.log.error('gossip ingress failed: %s', err?.message) })
    }
    pubsub.addEventListener('gossipsub:message', onGossip as any)
    this.unlisten.push(() => { pubsub.removeEventListener('gossipsub:message', onGossip as any) })
    const direct = this.services().direct
    const onData = (evt: CustomEvent<{ groupId: string, peerId: string, type: string, data: Uint8Array }>) => { acceptSharedVerifier(this.sharing, evt.detail) }
    direct.addEventListener('data:incoming', onData as any)
    this.unlisten.push(() => { direct.removeEventListener('data:incoming', onData as any) })
  }

  async afterStart (): Promise<void> {
    for (const groupId of await this.memberships.list()) {
      const stored = await this.memberships.get(groupId)
      if (stored !== undefined) await this.open(stored).catch(err => { this.log.error('cannot open group %s: %s', groupId, err?.message) })
    }
    const interval = this.init.expiryIntervalMs ?? EXPIRY_INTERVAL_MS
    this.timer = setInterval(() => { this.sweep().catch(() => {}) }, interval)
    this.timer.unref?.()
    await this.sweep()
  }

  /** Withdraws this node's presence while gossip still runs, so members see it go offline. */
  async beforeStop (): Promise<void> {
    await Promise.allSettled([...this.groups.values()].map(async rt => this.refreshPresence(rt, { leaving: true })))
    await this.outbox.flush()
  }

  async stop (): Promise<void> {
    clearInterval(this.timer)
    this.reconnector?.stop()
    this.outbox.close()
    for (const fn of this.unlisten.splice(0)) fn()
    for (const rt of this.groups.values()) this.close(rt)
    this.groups.clear()
    this.byTopic.clear()
    this.started = false
  }

  // ---- what sibling services ask ------------------------------------------------------------

  /** Chains this node presents in membership handshakes. */
  localMemberships (): LocalMembership[] {
    return [...this.groups.values()].map(rt => ({ groupId: rt.groupId, chain: rt.membership.chain }))
  }

  /** Gossip gate: a group topic's traffic goes only to proven members of that group. */
  allowsTopic (peerId: string, topic: string): boolean {
    const groupId = this.byTopic.get(topic)
    return groupId !== undefined && this.services().membership.isProven(groupId, peerId)
  }

  /** Sync: the set of a group, for a proven member not cooling down only; its rejected records cost it penalties. */
  resolveSet (groupId: string, remotePeer: PeerId): SyncSet | undefined {
    const rt = this.groups.get(groupId)
    const peer = remotePeer.toString()
    if (rt === undefined || !this.services().membership.isProven(groupId, peer) || !this.penalties.admits(peer)) return undefined
    return recordSyncSet({
      groupId,
      store: this.records,
      ingest: async bytes => {
        const verdict = await this.ingest(rt, bytes, peer)
        this.relay.pass(rt.topic, verdict)
        return verdict
      },
      judge: this.penalties.syncSession(peer),
      afterApply: async () => { await this.retryDeferred(rt) },
      serves: bytes => rt.db.admits(bytes)
    })
  }

  // ---- groups -------------------------------------------------------------------------------

  async create (options: CreateGroupOptions): Promise<GroupSummary> {
    this.assertStarted()
    const created = await createGroup({
      ...options,
      creator: { privateKey: this.components.privateKey, displayName: this.displayName() },
      now: this.now()
    })
    const stored: StoredMembership = { groupId: created.groupId, properties: created.properties, chain: created.creatorChain, rootPrivateKey: created.rootPrivateKey }
    await this.memberships.put(stored)
    await this.setSynchronized(created.groupId, true)
    const rt = await this.open(stored)
    await this.publishProperties(rt)
    return this.summary(rt)
  }

  async list (): Promise<GroupSummary[]> {
    return [...this.groups.values()].map(rt => this.summary(rt))
  }

  async get (groupId: string): Promise<GroupSummary> {
    return this.summary(this.runtime(groupId))
  }

  async delete (groupId: string): Promise<void> {
    const rt = this.runtime(groupId)
    this.close(rt)
    this.reconnector?.forget(groupId)
    this.groups.delete(groupId)
    this.services().membership.forgetGroup(groupId)
    this.registry.forgetGroup(groupId)
    this.revocations.forgetGroup(groupId)
    await this.records.deleteGroup(groupId)
    await this.memberships.delete(groupId)
    try { await this.components.datastore.delete(synchronizedKey(groupId)) } catch { /* never synchronised */ }
  }

  async setProperties (groupId: string, patch: GroupPropertiesPatch): Promise<GroupProperties> {
    const rt = this.runtime(groupId)
    this.requireReady(rt)
    const properties = updateProperties(rt.membership.properties, patch, rt.self.roles, this.now())
    rt.membership = { ...rt.membership, properties }
    await this.memberships.put(rt.membership)
    await this.publishProperties(rt)
    this.safeDispatchEvent('property:changed', { detail: { groupId, properties } })
    return properties
  }

  async chain (groupId: string): Promise<Uint8Array[]> {
    return this.runtime(groupId).membership.chain
  }

  async issue (groupId: string, options: IssueCredentialsOptions): Promise<{ chain: Uint8Array[], member: MemberInfo }> {
    const rt = this.runtime(groupId)
    let subject: PeerId
    try { subject = peerIdFromString(options.peerId) } catch (err) {
      throw new PeerhoodError('INVALID_PEER_ID', `not a PeerId: ${options.peerId}`, { cause: err })
    }
    if (subject.publicKey?.type !== 'Ed25519') throw new PeerhoodError('INVALID_PEER_ID', 'the subject must be an Ed25519 PeerId')
    this.revocations.assertNotRevoked(groupId, options.peerId)
    const issued = issueCredentials(
      { privateKey: this.components.privateKey, chain: rt.membership.chain },
      { publicKey: subject.publicKey, displayName: options.displayName ?? options.peerId },
      { roles: normalizeRoles(options.roles ?? ['member']), now: this.now(), cache: this.init.cache, ...(options.lifetimeMs === undefined ? {} : { lifetimeMs: options.lifetimeMs }) }
    )
    this.registry.learn(issued.member)
    if (options.store === true) {
      this.requireReady(rt)
      await this.publish(rt, await rt.db.add({
        type: CREDENTIALS_RECORD_TYPE,
        data: encodeChainData(issued.chain),
        attributes: [{ name: SUBJECT_ATTRIBUTE, type: 'string', value: options.peerId }],
        expires: issued.member.notAfter
      }, { system: true }))
    }
    return { chain: issued.chain, member: issued.member }
  }

  async exportMembership (groupId: string, password: string, options: { includeRootKey?: boolean } = {}): Promise<string> {
    const { membership } = this.runtime(groupId)
    if (options.includeRootKey === true && membership.rootPrivateKey === undefined) {
      throw new PeerhoodError('NOT_AUTHORIZED', 'only the owner holds the group root key')
    }
    return exportMembership({
      groupId,
      properties: membership.properties,
      chain: membership.chain,
      ...(options.includeRootKey === true && membership.rootPrivateKey !== undefined ? { rootPrivateKey: membership.rootPrivateKey } : {})
    }, password)
  }

  async importMembership (text: string, password: string): Promise<GroupSummary> {
    this.assertStarted()
    const imported = await importMembership(text, password, { expectPeerId: this.components.peerId.toString(), now: this.now(), cache: this.init.cache })
    if (this.groups.has(imported.groupId) || await this.memberships.has(imported.groupId)) {
      throw new PeerhoodError('ALREADY_EXISTS', 'this identity is already a member of that group here', { details: { groupId: imported.groupId } })
    }
    const stored: StoredMembership = {
      groupId: imported.groupId,
      properties: imported.properties,
      chain: [...imported.chain],
      ...(imported.rootPrivateKey === undefined ? {} : { rootPrivateKey: imported.rootPrivateKey })
    }
    await this.memberships.put(stored)
    // the owner is authoritative; anyone else is ready after its first sync
    if (stored.rootPrivateKey !== undefined) await this.setSynchronized(stored.groupId, true)
    const rt = await this.open(stored)
    this.services().membership.refresh().catch(() => {})
    return this.summary(rt)
  }

  // ---- records ------------------------------------------------------------------------------

  async addRecord (groupId: string, options: AddRecordOptions): Promise<GroupRecord> {
    const rt = this.runtime(groupId)
    this.requireReady(rt)
    const published = await rt.db.add(this.addInit(options))
    await this.publish(rt, published)
    return published.record
  }

  async addRecords (groupId: string, records: readonly AddRecordOptions[]): Promise<GroupRecord[]> {
    const rt = this.runtime(groupId)
    this.requireReady(rt)
    const published = await rt.db.addMany(records.map(options => this.addInit(options)))
    for (const p of published) await this.publish(rt, p)
    return published.map(p => p.record)
  }

  private addInit (options: AddRecordOptions): AddRecordInit {
    return {
      type: options.type,
      ...(options.data === undefined ? {} : { data: options.data }),
      ...(options.attributes === undefined ? {} : { attributes: options.attributes }),
      expires: options.expires ?? this.now() + DEFAULT_RECORD_LIFETIME_MS
    }
  }

  async updateRecord (groupId: string, recordId: string, options: UpdateRecordOptions): Promise<GroupRecord> {
    const rt = this.runtime(groupId)
    this.requireReady(rt)
    const published = await rt.db.update(recordId, options)
    await this.publish(rt, published)
    return published.record
  }

  async deleteRecord (groupId: string, recordId: string): Promise<void> {
    const rt = this.runtime(groupId)
    this.requireReady(rt)
    await this.publish(rt, await rt.db.delete(recordId))
  }

  async getRecord (groupId: string, recordId: string): Promise<GroupRecord> {
    const rt = this.runtime(groupId)
    this.requireReady(rt)
    return rt.db.get(recordId)
  }

  async listRecords (groupId: string, options: { type?: string } = {}): Promise<GroupRecord[]> {
    const rt = this.runtime(groupId)
    const out: GroupRecord[] = []
    for await (const record of rt.db.list(options)) {
      if (options.type !== undefined || !record.type.startsWith('peerhood.')) out.push(record)
    }
    return out
  }

  async pageRecords (groupId: string, options: RecordPageOptions = {}): Promise<RecordPage> {
    return pageRecords(this.runtime(groupId).db, options)
  }

  async searchRecords (groupId: string, query: SearchQuery): Promise<GroupRecord[]> {
    const rt = this.runtime(groupId)
    const out: GroupRecord[] = []
    for await (const record of rt.db.search(query)) if (!record.type.startsWith('peerhood.')) out.push(record)
    return out
  }

  // ---- members and status -------------------------------------------------------------------

  connectedMembers (groupId: string): MemberInfo[] {
    this.runtime(groupId)
    return this.services().membership.provenMembers(groupId)
  }

  async members (groupId: string, options: { present?: boolean } = {}): Promise<GroupMember[]> {
    const rt = this.runtime(groupId)
    const membership = this.services().membership
    return listMembers({
      db: rt.db,
      self: rt.self,
      known: this.registry.members(groupId),
      isConnected: peerId => membership.isProven(groupId, peerId),
      isRevoked: peerId => this.revocations.revokedAt(groupId, peerId) !== undefined,
      now: this.now(),
      ...options
    })
  }

  async status (groupId: string): Promise<GroupStatus & { records: number, deferred: number }> {
    const rt = this.runtime(groupId)
    return { ...this.flags(rt), records: await this.records.count(groupId), deferred: rt.db.deferredCount }
  }

  async syncWith (groupId: string, peerId: string, options: { signal?: AbortSignal, join?: boolean } = {}): Promise<void> {
    const rt = this.runtime(groupId)
    const peer = peerIdFromString(peerId)
    const result = await this.services().sync.sync(peer, groupId, {
      ...(options.signal === undefined ? {} : { signal: options.signal }),
      ...(options.join === undefined ? {} : { join: options.join }),
      onProgress: p => { this.safeDispatchEvent('sync:progress', { detail: { groupId, peerId, ...p } }) }
    })
    await this.retryDeferred(rt)
    if (!rt.synchronized) await this.setSynchronized(groupId, true)
    this.safeDispatchEvent('sync:completed', {
      detail: { groupId, peerId, recordsReceived: result.recordsReceived, recordsSent: result.recordsSent, roundTrips: result.roundTrips, bytes: result.bytesSent + result.bytesReceived }
    })
    this.reportStatus(rt)
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
    this.assertStarted()
    const { groupId, addresses } = await this.joining.join(token, options)
    // go looking for members in the background: status and failure arrive as events
    this.connectGroup(groupId, { addresses }).catch(() => { /* reported as group:connection-failed */ })
    return this.summary(this.runtime(groupId))
  }

  async setPassword (groupId: string, password: string, options: { role?: GroupProperties['passwordRole'] } = {}): Promise<GroupProperties> {
    const properties = await this.joining.setPassword(groupId, password, options.role)
    for (const member of this.services().membership.provenMembers(groupId)) shareVerifier(this.sharing, groupId, member)
    return properties
  }

  /** The password verifier's travels between administrators. */
  private get sharing (): VerifierSharing {
    return {
      joining: this.joining,
      direct: () => this.services().direct,
      isProvenAdministrator: (groupId, peerId) => this.services().membership.isProven(groupId, peerId) && isAdministratorCredential(this.registry.latest(groupId, peerId)),
      log: this.log
    }
  }

  async renew (groupId: string, options: { peerId?: string, signal?: AbortSignal } = {}): Promise<MemberInfo> {
    return this.joining.renew(groupId, options)
  }

  /** Stores and opens a membership this node just received (join, password join). */
  private async admitSelf (groupId: string, properties: GroupProperties, chain: Uint8Array[]): Promise<void> {
    await this.memberships.put({ groupId, properties, chain })
    await this.open({ groupId, properties, chain })
    this.services().membership.refresh().catch(() => {})
  }

  /** Renews this node's GMC with a connected administrator when it is due (auto-renew). */
  private async autoRenew (rt: GroupRuntime): Promise<void> {
    if (!this.joining.dueForRenewal(rt.groupId)) return
    // Windows' credentials-expiring notice: once per certificate, when it enters the renewal window
    if (rt.warnedExpiry !== rt.self.serialNumber) {
      rt.warnedExpiry = rt.self.serialNumber
      this.safeDispatchEvent('credentials:expiring', { detail: { groupId: rt.groupId, notAfter: rt.self.notAfter } })
    }
    if (this.init.autoRenew === false || this.renewing.has(rt.groupId)) return
    this.renewing.add(rt.groupId)
    try {
      await this.joining.renew(rt.groupId)
    } catch (err: any) {
      this.log('auto-renew of %s: %s', rt.groupId, err?.message)
    } finally {
      this.renewing.delete(rt.groupId)
    }
  }

  /** A renewal this node issued as administrator: stored in the database for its subject. */
  async storeIssuedCredentials (groupId: string, peerId: string, chain: Uint8Array[]): Promise<void> {
    const rt = this.runtime(groupId)
    this.revocations.assertNotRevoked(groupId, peerId)
    const result = validateChain(groupId, chain, this.now(), this.init.cache)
    if (!result.ok) return
    this.registry.learn(result.leaf)
    await this.publish(rt, await rt.db.add({
      type: CREDENTIALS_RECORD_TYPE,
      data: encodeChainData(chain),
      attributes: [{ name: SUBJECT_ATTRIBUTE, type: 'string', value: peerId }],
      expires: result.leaf.notAfter
    }, { system: true }))
  }

  /** Revokes (or with `lift`, restores) a member: a signed `peerhood.revocation` record, spread like any record. */
  async revoke (groupId: string, peerId: string, options: RevokeOptions = {}): Promise<RevokeResult> {
    const rt = this.runtime(groupId)
    const { published, result } = await this.revocations.revoke(revokingGroup(rt, this.registry), peerId, options)
    await this.publish(rt, published)
    return result
  }

  /** The revocations in force in a group, oldest first. */
  revocationsOf (groupId: string): Revocation[] {
    return this.revocations.index(this.runtime(groupId).groupId).list()
  }

  // ---- finding members ----------------------------------------------------------------------

  async connectGroup (groupId: string, options: { addresses?: string[], timeoutMs?: number, signal?: AbortSignal } = {}): Promise<MemberInfo[]> {
    this.runtime(groupId)
    return this.finder.connect(groupId, options)
  }

  /** Dials the members the DHT rendezvous lists for a group; resolves with how many were dialled. */
  async findMembers (groupId: string, signal?: AbortSignal): Promise<number> {
    return this.finder.findMembers(groupId, signal)
  }

  // ---- direct connections and data ----------------------------------------------------------

  /** Whether this node is a member of a group (asked by the direct-data service). */
  isLocalMember (groupId: string): boolean {
    return this.groups.has(groupId)
  }

  async openConnection (groupId: string, peerId: string, options: { signal?: AbortSignal } = {}): Promise<DirectConnectionInfo> {
    this.runtime(groupId)
    return this.services().direct.open(groupId, peerId, options.signal === undefined ? {} : { signal: options.signal })
  }

  async closeConnection (groupId: string, connectionId: string): Promise<void> {
    this.runtime(groupId)
    await this.services().direct.close(groupId, connectionId)
  }

  connections (groupId: string): GroupConnection[] {
    this.runtime(groupId)
    return groupConnections(groupId, this.services().membership, this.services().direct)
  }

  async sendData (groupId: string, to: { connectionId: string } | { peerId: string }, message: { type: string, data: Uint8Array }, options: { signal?: AbortSignal } = {}): Promise<void> {
    this.runtime(groupId)
    await sendGroupData(this.services().direct, this.components.peerId.toString(), groupId, to, message, options.signal)
  }

  // ---- internals ----------------------------------------------------------------------------

  private services (): Required<SharedServices> {
    const { pubsub, membership, sync, direct, passwordJoin, credentials } = this.init.shared
    if (pubsub === undefined || membership === undefined || sync === undefined || direct === undefined || passwordJoin === undefined || credentials === undefined) {
      throw new PeerhoodError('NOT_STARTED', 'the peer-groups service needs the sibling services of groupServices()')
    }
    return { pubsub, membership, sync, direct, passwordJoin, credentials }
  }

  private assertStarted (): void {
    if (!this.started) throw new PeerhoodError('NOT_STARTED', 'the node is not running')
  }

  private displayName (): string {
    return this.init.displayName ?? this.components.peerId.toString()
  }

  private runtime (groupId: string): GroupRuntime {
    this.assertStarted()
    const rt = this.groups.get(groupId)
    if (rt === undefined) throw new PeerhoodError('INVALID_GROUP', 'this node is not a member of that group', { details: { groupId } })
    return rt
  }

  private requireReady (rt: GroupRuntime): void {
    if (!rt.synchronized) throw new PeerhoodError('GROUP_NOT_READY', 'the group has not synchronised with a member yet', { details: { groupId: rt.groupId } })
  }

  private async setSynchronized (groupId: string, value: boolean): Promise<void> {
    await this.components.datastore.put(synchronizedKey(groupId), new Uint8Array([value ? 1 : 0]))
    const rt = this.groups.get(groupId)
    if (rt !== undefined) {
      rt.synchronized = value
      this.reportStatus(rt)
    }
  }

  /** Validates this node's own chain (or, when it has expired, reads it at a time inside it). */
  private selfMember (stored: StoredMembership): MemberInfo {
    const now = this.now()
    const result = validateChain(stored.groupId, stored.chain, now, this.init.cache)
    if (result.ok) return result.leaf
    throw new PeerhoodError(result.code, `this node's chain for ${stored.groupId} is not valid now (${result.reason})`, { details: { groupId: stored.groupId, reason: result.reason } })
  }

  private async open (stored: StoredMembership): Promise<GroupRuntime> {
    const self = this.selfMember(stored)
    this.registry.learn(self)
    const { groupId } = stored
    const db = new GroupDatabase({
      groupId,
      store: this.records,
      self: { privateKey: this.components.privateKey, peerId: this.components.peerId },
      lookupMember: peerId => this.registry.lookup(groupId, peerId),
      revokedAt: peerId => this.revocations.revokedAt(groupId, peerId),
      maxRecordSize: stored.properties.maxRecordSize,
      reserved: this.reservedTypes,
      now: this.now
    })
    const rt = new GroupRuntime(stored, self, db, await readSynchronized(this.components.datastore, groupId))
    const onChange = (evt: Event) => {
      const change = (evt as CustomEvent<RecordChange>).detail
      this.safeDispatchEvent('record:changed', { detail: { groupId, changeType: change.changeType, recordId: change.recordId, recordType: change.recordType } })
    }
    const onConflict = (evt: Event) => { this.safeDispatchEvent('record:conflict', { detail: (evt as CustomEvent<RecordConflict>).detail }) }
    db.addEventListener('record:changed', onChange)
    db.addEventListener('record:conflict', onConflict)
    rt.detach = () => { db.removeEventListener('record:changed', onChange); db.removeEventListener('record:conflict', onConflict) }
    this.groups.set(groupId, rt)
    this.byTopic.set(rt.topic, groupId)
    await this.learnStoredChains(rt)
    const { pubsub } = this.services()
    scoreTopic(pubsub, rt.topic)
    pubsub.subscribe(rt.topic)
    await this.publishOwnMembership(rt)
    await this.refreshPresence(rt)
    this.finder.announce(rt.groupId)
    this.reportStatus(rt)
    this.reconnector?.watch(groupId)
    return rt
  }

  /** Publishes, refreshes or withdraws this node's presence record as {@link presenceAction} says. */
  private async refreshPresence (rt: GroupRuntime, options: { leaving?: boolean } = {}): Promise<void> {
    const addresses = this.components.addressManager.getAddresses().map(a => a.toString())
    await refreshPresence(rt, { addresses, now: this.now(), ...options, publish: async published => { await this.publish(rt, published) } })
  }

  private close (rt: GroupRuntime): void {
    rt.detach?.()
    this.byTopic.delete(rt.topic)
    this.outbox.drop(rt.topic)
    const { pubsub } = this.init.shared
    if (pubsub !== undefined) {
      try { pubsub.unsubscribe(rt.topic) } catch { /* pubsub already stopped */ }
      unscoreTopic(pubsub, rt.topic)
    }
  }

  /** Reads the chains of stored membership and credentials records (members seen before a restart). */
  private async learnStoredChains (rt: GroupRuntime): Promise<void> {
    for (const type of [MEMBERSHIP_RECORD_TYPE, CREDENTIALS_RECORD_TYPE]) {
      for await (const record of rt.db.list({ type })) this.applySystemRecord(rt, record)
    }
    for await (const record of rt.db.list({ type: REVOCATION_RECORD_TYPE })) this.revocations.apply(rt.groupId, record, rt.membership.properties.creatorPeerId, { stored: true })
  }

  /** This node's own membership record: published once per chain. */
  private async publishOwnMembership (rt: GroupRuntime): Promise<void> {
    const written = await writeOwnMembership(rt.db, rt.membership.chain, rt.self)
    if (written !== undefined) await this.publish(rt, written)
  }

  private async publishProperties (rt: GroupRuntime): Promise<void> {
    if (!rt.self.roles.includes('creator')) return
    // under the creator's reserved id: no other record can stand in for it (issue 9, defect 5)
    const data = new TextEncoder().encode(JSON.stringify(rt.membership.properties))
    await this.publish(rt, await rt.db.writeReserved(PROPERTIES_RECORD_TYPE, { data, expires: rt.self.notAfter }))
  }

  /**
   * Applies a record this node wrote and queues it for gossip; it leaves with the other records
   * of the same burst, in one bundle, once the current event-loop turn has run.
   */
  private async publish (rt: GroupRuntime, published: { bytes: Uint8Array, record: GroupRecord }): Promise<void> {
    this.applySystemRecord(rt, published.record)
    if (this.gossipReaches(rt.topic)) this.outbox.enqueue(rt.topic, published.bytes)
  }

  /**
   * Whether gossip on `topic` reaches anyone: asked when a record is queued and again when its
   * bundle leaves. With no proven member subscribed there is nobody to flood to: members that
   * connect later reconcile by sync, and gossipsub need not cache the message and its id.
   */
  private gossipReaches (topic: string): boolean {
    return this.started && this.services().pubsub.getSubscribers(topic).length > 0
  }

  /** Every remote record, from gossip or sync (relayed or sent by `from`), goes through here. */
  private async ingest (rt: GroupRuntime, bytes: Uint8Array, from: string): Promise<IngressVerdict> {
    let verdict = await rt.db.applyRemote(bytes, this.now(), from)
    // A member's first record is often its own membership record: its chain vouches for its signer.
    if (verdict.action === 'defer' && verdict.record?.record.type === MEMBERSHIP_RECORD_TYPE) {
      const id = verdict.record.record.id
      // its chain vouches for its signer: the record itself (parked just now) is retried with the rest
      if (this.applySystemRecord(rt, verdict.record.record)) verdict = (await this.retryDeferred(rt)).find(v => v.record?.record.id === id) ?? verdict
    } else if (verdict.action === 'accept' && verdict.record !== undefined) {
      if (this.applySystemRecord(rt, verdict.record.record)) await this.retryDeferred(rt)
    }
    this.counters.count(verdict, rt.groupId)
    return verdict
  }

  private async retryDeferred (rt: GroupRuntime): Promise<IngressVerdict[]> {
    if (rt.db.deferredCount === 0) return []
    const verdicts = await rt.db.retryDeferred(this.now())
    for (const v of verdicts) if (v.action === 'accept' && v.record !== undefined) this.applySystemRecord(rt, v.record.record)
    this.gossip.settle(verdicts)
    return verdicts
  }

  /** Applies what a reserved record means; returns true when a new credential was learnt. */
  private applySystemRecord (rt: GroupRuntime, record: GroupRecord): boolean {
    if (!record.type.startsWith('peerhood.')) return false
    if (record.type === REVOCATION_RECORD_TYPE) return this.revocations.apply(rt.groupId, record, rt.membership.properties.creatorPeerId) && false
    if (record.type === MEMBERSHIP_RECORD_TYPE) this.revocations.noteChain(rt.groupId, record.creator, decodeChainData(record.data))
    if (record.type === PRESENCE_RECORD_TYPE && record.creator !== rt.self.peerId) {
      this.safeDispatchEvent('member:changed', { detail: { groupId: rt.groupId, changeType: 'updated', peerId: record.creator, present: isPresent(record, this.now()) } })
      return false
    }
    const outcome = readSystemRecord(record, {
      now: this.now(),
      cache: this.init.cache,
      current: rt.membership.properties,
      ...(this.registry.lookup(rt.groupId, record.modifier) === undefined ? {} : { signer: this.registry.lookup(rt.groupId, record.modifier)! })
    })
    if (outcome.kind === 'properties') {
      rt.membership = { ...rt.membership, properties: outcome.properties }
      this.memberships.put(rt.membership).catch(() => {})
      this.safeDispatchEvent('property:changed', { detail: { groupId: rt.groupId, properties: outcome.properties } })
      return false
    }
    if (outcome.kind !== 'member' && outcome.kind !== 'credentials') return false
    const known = this.registry.latest(rt.groupId, outcome.member.peerId) !== undefined
    const learnt = this.registry.learn(outcome.member, true)
    if (learnt && outcome.member.peerId !== rt.self.peerId) {
      this.safeDispatchEvent('member:changed', { detail: { groupId: rt.groupId, changeType: known ? 'updated' : 'joined', peerId: outcome.member.peerId, roles: [...outcome.member.roles] } })
    }
    if (outcome.kind === 'credentials' && isNewerOwnCredential(outcome.member, rt.self)) {
      this.adopt(rt, decodeChainData(record.data)).catch(err => { this.log.error('cannot adopt renewed credentials: %s', err?.message) })
    }
    return learnt
  }

  /** Adopts a renewed chain for this node (PEER_GROUP_STORE_CREDENTIALS). */
  private async adopt (rt: GroupRuntime, chain: Uint8Array[]): Promise<void> {
    const result = validateChain(rt.groupId, chain, this.now(), this.init.cache)
    if (!result.ok || result.leaf.peerId !== rt.self.peerId) return
    rt.membership = { ...rt.membership, chain }
    rt.self = result.leaf
    // the database checks this node's own records against the registry: it must know the new
    // credential before the membership record is rewritten under it (the issuer's copy of the
    // credentials may still be on its way)
    this.registry.learn(result.leaf)
    await this.memberships.put(rt.membership)
    await this.publishOwnMembership(rt)
    this.safeDispatchEvent('credentials:adopted', { detail: { groupId: rt.groupId, member: result.leaf } })
    // roles change on the next handshake, as in Windows (reconnect)
    this.services().membership.refresh().catch(() => {})
  }

  private onProven (groupId: string, peerId: string, member: MemberInfo): void {
    const rt = this.groups.get(groupId)
    if (rt === undefined || !this.penalties.admits(peerId)) return
    this.registry.learn(member)
    this.services().pubsub.gate.admit(peerId)
    shareVerifier(this.sharing, groupId, member)
    this.safeDispatchEvent('member:changed', { detail: { groupId, changeType: 'connected', peerId, roles: [...member.roles] } })
    this.reportStatus(rt)
    this.reconnector?.check(groupId)
    this.upgrade.consider(peerId)
    // One side starts the sync: the lower PeerId, or anyone who has never synchronised; when both
    // do, the two requests join one session.
    if (!rt.synchronized || this.components.peerId.toString() < peerId) {
      syncWithRetry({
        run: async () => { await this.syncWith(groupId, peerId, { join: true }) },
        stillConnected: () => this.started && this.groups.has(groupId) && this.services().membership.isProven(groupId, peerId),
        onFailure: err => { this.log('sync of %s with %s failed: %s', groupId, peerId, (err as Error)?.message) }
      }).catch(() => {})
    }
  }

  private onLost (groupId: string, peerId: string): void {
    const rt = this.groups.get(groupId)
    if (rt === undefined) return
    this.services().pubsub.gate.revoke(peerId, rt.topic)
    this.services().direct.revoke(groupId, peerId)
    this.safeDispatchEvent('member:changed', { detail: { groupId, changeType: 'disconnected', peerId } })
    this.reportStatus(rt)
    this.reconnector?.check(groupId)
  }

  private flags (rt: GroupRuntime): GroupStatus {
    return rt.status(this.started, this.services().membership.provenMembers(rt.groupId).length)
  }

  private reportStatus (rt: GroupRuntime): void {
    const status = this.flags(rt)
    if (rt.statusChanged(status)) this.safeDispatchEvent('group:status', { detail: { groupId: rt.groupId, status } })
  }

  private summary (rt: GroupRuntime): GroupSummary {
    return rt.summary(this.started, this.services().membership.provenMembers(rt.groupId).length)
  }

  /** Removes expired records (not while disconnected when the group defers expiry). */
  private async sweep (): Promise<void> {
    this.gossip.expire()
    this.finder.reannounce([...this.groups.keys()])
    for (const rt of this.groups.values()) {
      if (rt.membership.properties.flags.deferExpiration && !this.flags(rt).hasConnections) continue
      await rt.db.expire(this.now()).catch(err => { this.log.error('expiry of %s failed: %s', rt.groupId, err?.message) })
      await this.refreshPresence(rt).catch(err => { this.log.error('presence of %s failed: %s', rt.groupId, err?.message) })
      this.autoRenew(rt).catch(() => {})
    }
  }
}
