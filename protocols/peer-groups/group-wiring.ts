/**
 * Builds the {@link GroupsContext} of one peer-groups service: the shared state, and the parts
 * (gossip ingress and outbox, member finder, reconnector, penalties, joining) wired to the
 * modules that act on groups. Every callback reads the context when it is called, never before
 * the service is built.
 */
import type { TypedEventEmitter } from '@libp2p/interface'
import { GossipOutbox } from '../group-gossip/outbox.ts'
import { DatastoreMembershipStore } from '../groups/membership-store.ts'
import { RecordStore } from '../records/store.ts'
import { connectivity } from './connectivity.ts'
import { PRESENCE_RECORD_TYPE, RESYNC_INTERVAL_MS } from './constants.ts'
import { CredentialRegistry } from './credential-registry.ts'
import { GossipIngress } from './gossip-ingress.ts'
import { gossipReaches, type GroupsContext, runtimeOf, siblingServices } from './group-context.ts'
import { adopt, ingest, publishRecord } from './group-ingress.ts'
import { admitSelf, setGroupProperties } from './group-lifecycle.ts'
import type { GroupRuntime } from './group-runtime.ts'
import { groupFlags } from './group-status.ts'
import { syncWith } from './group-sync.ts'
import { IngressCounters } from './ingress-counters.ts'
import { Joining } from './joining.ts'
import { MemberFinder } from './member-finder.ts'
import { SyncRelay } from './membership-records.ts'
import { GroupPenalties } from './penalties.ts'
import { reservedRecordTypes } from './reserved-types.ts'
import { Revocations } from './revocations.ts'
import type { PeerGroupsComponents, PeerGroupsInit, SharedServices } from './service-init.ts'
import { SingleFlight } from './single-flight.ts'
import { Solicitation } from './solicitation.ts'
import type { PeerGroupsEvents } from './types.ts'
import { isAdministratorCredential } from './verifier-sharing.ts'

/** The context of a peer-groups service whose events go to `events`. */
export function createGroupsContext (components: PeerGroupsComponents, init: PeerGroupsInit, events: TypedEventEmitter<PeerGroupsEvents>): GroupsContext {
  const log = components.logger.forComponent('peerhood:groups')
  const now = init.now ?? Date.now
  const services = (): Required<SharedServices> => siblingServices(init.shared)
  const groups = new Map<string, GroupRuntime>()
  const registry = new CredentialRegistry()
  const counters = new IngressCounters()
  const revocations = new Revocations({
    expel: (groupId, peerId, since) => { services().membership.expel(groupId, peerId); void groups.get(groupId)?.db.dropVersionsOf(peerId, since).catch(() => {}) },
    changed: (groupId, peerId, state) => { events.safeDispatchEvent('member:changed', { detail: { groupId, changeType: state, peerId } }) }
  }, init.cache)
  const finder = new MemberFinder({
    peerId: components.peerId,
    contentRouting: components.contentRouting,
    connectionManager: components.connectionManager,
    logger: components.logger,
    membership: () => services().membership,
    onFailed: (groupId) => { events.safeDispatchEvent('group:connection-failed', { detail: { groupId, code: 'NO_MEMBERS_FOUND' } }) }
  })
  const links = connectivity({
    components,
    membership: () => services().membership,
    groupIds: () => [...groups.keys()],
    presence: groupId => runtimeOf(ctx, groupId).db.list({ type: PRESENCE_RECORD_TYPE }),
    members: groupId => registry.members(groupId),
    findProviders: async (groupId, signal) => finder.findMembers(groupId, signal),
    onProgress: (groupId, reconnect) => { events.safeDispatchEvent('group:status', { detail: { groupId, status: groupFlags(ctx, runtimeOf(ctx, groupId)), reconnect } }) },
    ...(init.reconnect === undefined ? {} : { reconnect: init.reconnect })
  })
  const penalties = new GroupPenalties({ book: () => services().pubsub.penalties, connectionManager: components.connectionManager, log, now: () => now() })
  const pulls = new SingleFlight()
  const gossip = new GossipIngress({
    groupOfTopic: topic => ctx.byTopic.get(topic),
    isProven: (groupId, peerId) => services().membership.isProven(groupId, peerId),
    vouches: (groupId, peerId) => registry.vouches(groupId, peerId),
    ingest: async (groupId, bytes, source) => ingest(ctx, runtimeOf(ctx, groupId), bytes, source),
    count: (verdict, groupId) => { counters.count(verdict, groupId) },
    penalise: (peerId, reason) => { penalties.gossipRejected(peerId, reason) },
    // one pull at a time per group and peer, asked for by every bundle it holds
    pullFrom: (groupId, peerId) => {
      void pulls.run(`${groupId}\n${peerId}`, async () => penalties.pull(peerId, async () => syncWith(ctx, groupId, peerId),
        (after, upTo) => groups.get(groupId)?.db.parkedFrom(peerId, after, upTo) ?? 0), err => { log('pull of %s from %s failed: %s', groupId, peerId, err?.message) })
    },
    report: (msgId, source, result) => services().pubsub.reportMessageValidationResult(msgId, source, result),
    forwardLost: groupId => { solicitation.repairSoon(groupId) },
    now: () => now()
  })
  // time-based solicitation shares the pulls' single flight: one reconciliation per group and member
  const solicitation = new Solicitation({
    intervalMs: init.resyncIntervalMs ?? RESYNC_INTERVAL_MS,
    groups: () => [...groups.values()].map(rt => ({ groupId: rt.groupId, synchronized: rt.synchronized })),
    members: groupId => services().membership.provenMembers(groupId).map(m => m.peerId).filter(peerId => penalties.admits(peerId)),
    now,
    solicit: async (groupId, peerId) => {
      await pulls.run(`${groupId}\n${peerId}`, async () => syncWith(ctx, groupId, peerId, { join: true }), err => { log('resync of %s with %s failed: %s', groupId, peerId, err?.message) })
    }
  })
  const outbox = new GossipOutbox({
    send: async (topic, bundle) => {
      if (!gossipReaches(ctx, topic)) return
      await services().pubsub.publish(topic, bundle).catch((err: Error) => { log('publish failed: %s', err.message) })
    },
    ...(init.bundleBytes === undefined ? {} : { maxBytes: init.bundleBytes })
  })
  const joining = new Joining({
    peerId: components.peerId,
    privateKey: components.privateKey,
    datastore: components.datastore,
    cache: init.cache,
    now: () => now(),
    addresses: () => components.addressManager.getAddresses().map(a => a.toString()),
    membershipOf: (groupId) => {
      const rt = runtimeOf(ctx, groupId)
      return { chain: rt.membership.chain, properties: rt.membership.properties, self: rt.self, synchronized: rt.synchronized }
    },
    hasGroup: (groupId) => groups.has(groupId),
    admitSelf: async (groupId, properties, chain) => { await admitSelf(ctx, groupId, properties, chain) },
    adopt: async (groupId, chain) => { await adopt(ctx, runtimeOf(ctx, groupId), chain) },
    provenMembers: (groupId) => services().membership.provenMembers(groupId),
    dial: async (addresses, signal) => finder.dialAll(addresses, signal),
    setProperties: async (groupId, patch) => setGroupProperties(ctx, groupId, patch),
    passwordJoin: () => services().passwordJoin,
    credentials: () => services().credentials
  })
  const ctx: GroupsContext = {
    components,
    init,
    log,
    events,
    groups,
    byTopic: new Map(),
    registry,
    revocations,
    counters,
    reservedTypes: reservedRecordTypes(init.cache, (groupId, chain, at, result) => revocations.checkValid(groupId, chain, at, result)),
    outbox,
    gossip,
    finder,
    reconnector: links.reconnector,
    upgrade: links.upgrade,
    penalties,
    solicitation,
    joining,
    sharing: {
      joining,
      direct: () => services().direct,
      isProvenAdministrator: (groupId, peerId) => services().membership.isProven(groupId, peerId) && isAdministratorCredential(registry.latest(groupId, peerId)),
      log
    },
    relay: new SyncRelay((topic, bytes) => { if (gossipReaches(ctx, topic)) outbox.enqueue(topic, bytes) }),
    renewing: new Set(),
    // made again by every start(), as the stores hold per-run state
    memberships: new DatastoreMembershipStore(components.datastore),
    records: new RecordStore(components.datastore),
    started: false,
    now,
    services,
    publish: async (rt, published) => { await publishRecord(ctx, rt, published) }
  }
  return ctx
}
