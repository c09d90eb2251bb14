/**
 * Reconnecting a group after a restart or a partition. While a group has no proven member
 * connected, the reconnector tries again and again, with capped exponential backoff
 * ({@link reconnectDelay}): first the members' last known addresses (their presence records,
 * then the peer store, which also holds what mDNS announced), then the DHT (the group's
 * rendezvous provider record and peer routing). It stops as soon as a member proves itself and
 * starts again when the last one is lost. Each step is reported through `onProgress`.
 */
import type { ComponentLogger, Logger, PeerId, PeerRouting } from '@libp2p/interface'
import type { ConnectionManager } from '@libp2p/interface-internal'
import { peerIdFromString } from '@libp2p/peer-id'
import { withTimeout } from '../common/signals.ts'
import type { MemberInfo } from '../certificates/chain-result.ts'
import type { Membership } from '../membership/membership.ts'
import type { GroupRecord } from '../records/types.ts'
import { PRESENCE_RECORD_TYPE } from './constants.ts'
import { decodePresence } from './presence.ts'
import { DEFAULT_RECONNECT_BACKOFF, type ReconnectBackoff, reconnectDelay } from './reconnect-schedule.ts'
import { ownAddresses } from '../common/connections.ts'

/** Members dialled in one attempt (a large group rotates through its members across attempts). */
export const MAX_DIALS_PER_ATTEMPT = 16

/** A member and where it was last seen. */
export interface KnownMember {
  /** Its PeerId. */
  peerId: string
  /** Multiaddrs from its presence record (may be empty: the peer store and the DHT are tried then). */
  addresses: string[]
}

/** One step of a reconnection, as `group:status` reports it. */
export interface ReconnectProgress {
  /** Attempt number, from 0 (reset once a member proves itself). */
  attempt: number
  /**
   * `known-addresses`: dialling members' last known addresses; `dht`: looking the group up in the
   * DHT; `waiting`: nothing proved itself, next attempt in `nextAttemptMs`.
   */
  stage: 'known-addresses' | 'dht' | 'waiting'
  /** Members (or DHT providers) dialled in this stage. */
  dialled: number
  /** With `waiting`: milliseconds until the next attempt. */
  nextAttemptMs?: number
}

/** What the reconnector works with. */
export interface ReconnectorInit {
  peerId: PeerId
  connectionManager: ConnectionManager
  /** Peer routing (the DHT's FIND_NODE); absent when the DHT is off. */
  peerRouting?: PeerRouting
  logger: ComponentLogger
  membership: () => Membership
  /** Members of a group other than this node, and their last known addresses. */
  knownMembers: (groupId: string) => Promise<KnownMember[]>
  /** Dials the providers of the group's DHT rendezvous; resolves with how many. */
  findProviders: (groupId: string, signal: AbortSignal) => Promise<number>
  /** Reports a step. */
  onProgress: (groupId: string, progress: ReconnectProgress) => void
  /** Backoff settings. @default {@link DEFAULT_RECONNECT_BACKOFF} */
  backoff?: Partial<ReconnectBackoff>
  /** Bound of one dial or lookup, in milliseconds. @default 10000 */
  dialTimeoutMs?: number
  /** Random draws in [0, 1) for jitter. @default Math.random */
  random?: () => number
}

interface GroupState {
  attempt: number
  timer?: ReturnType<typeof setTimeout>
  running: boolean
  controller: AbortController
}

/** Keeps groups connected. */
export class Reconnector {
  private readonly log: Logger
  private readonly backoff: ReconnectBackoff
  private readonly dialTimeoutMs: number
  private readonly random: () => number
  private readonly groups = new Map<string, GroupState>()
  private stopped = false

  constructor (private readonly init: ReconnectorInit) {
    this.log = init.logger.forComponent('peerhood:groups:reconnect')
    this.backoff = { ...DEFAULT_RECONNECT_BACKOFF, ...init.backoff }
    this.dialTimeoutMs = init.dialTimeoutMs ?? 10_000
    this.random = init.random ?? Math.random
  }

  /** Starts watching a group (opened at start or joined); tries at once if no member is proven. */
  watch (groupId: string): void {
    if (this.stopped || this.groups.has(groupId)) return
    this.groups.set(groupId, { attempt: 0, running: false, controller: new AbortController() })
    this.check(groupId)
  }

  /** A member proved itself or was lost: stop trying, or start again. */
  check (groupId: string): void {
    const state = this.groups.get(groupId)
    if (state === undefined || this.stopped) return
    if (this.connected(groupId)) {
      clearTimeout(state.timer)
      state.timer = undefined
      state.attempt = 0
      return
    }
    this.schedule(groupId, state)
  }

  /** Stops watching a group (deleted or closed). */
  forget (groupId: string): void {
    const state = this.groups.get(groupId)
    if (state === undefined) return
    clearTimeout(state.timer)
    state.controller.abort()
    this.groups.delete(groupId)
  }

  /** Stops every attempt. */
  stop (): void {
    this.stopped = true
    for (const groupId of [...this.groups.keys()]) this.forget(groupId)
  }

  private connected (groupId: string): boolean {
    return this.init.membership().provenMembers(groupId).length > 0
  }

  private schedule (groupId: string, state: GroupState): void {
    if (state.timer !== undefined || state.running) return
    const delay = reconnectDelay(state.attempt, this.backoff, this.random())
    if (state.attempt > 0) this.init.onProgress(groupId, { attempt: state.attempt, stage: 'waiting', dialled: 0, nextAttemptMs: delay })
    state.timer = setTimeout(() => {
      state.timer = undefined
      this.run(groupId, state).catch(err => { this.log('reconnect of %s: %s', groupId, err?.message) })
    }, delay)
    state.timer.unref?.()
  }

  private async run (groupId: string, state: GroupState): Promise<void> {
    if (this.groups.get(groupId) !== state || this.connected(groupId)) return
    state.running = true
    try {
      await this.attempt(groupId, state)
    } finally {
      state.running = false
    }
    state.attempt++
    if (this.groups.get(groupId) === state) this.check(groupId)
  }

  /** One attempt: last known addresses first, then the DHT; stops early once a member is proven. */
  private async attempt (groupId: string, state: GroupState): Promise<void> {
    const all = await this.init.knownMembers(groupId)
    const self = this.init.peerId.toString()
    const others = all.filter(m => m.peerId !== self)
    const start = others.length === 0 ? 0 : (state.attempt * MAX_DIALS_PER_ATTEMPT) % others.length
    const batch = [...others.slice(start), ...others.slice(0, start)].slice(0, MAX_DIALS_PER_ATTEMPT)
    const signal = withTimeout(state.controller.signal, this.dialTimeoutMs)
    if (batch.length > 0) {
      this.init.onProgress(groupId, { attempt: state.attempt, stage: 'known-addresses', dialled: batch.length })
      await Promise.allSettled(batch.map(async m => this.dialKnown(m, signal)))
    }
    if (this.connected(groupId) || state.controller.signal.aborted) return
    const lookup = withTimeout(state.controller.signal, this.dialTimeoutMs)
    const [providers, routed] = await Promise.all([
      this.init.findProviders(groupId, lookup).catch(() => 0),
      this.findPeers(batch, lookup)
    ])
    if (providers + routed > 0 || batch.length > 0) this.init.onProgress(groupId, { attempt: state.attempt, stage: 'dht', dialled: providers + routed })
  }

  /** Dials a member at its presence addresses, then by PeerId (peer store, else peer routing). */
  private async dialKnown (member: KnownMember, signal: AbortSignal): Promise<void> {
    const peer = peerIdFromString(member.peerId)
    if (this.init.connectionManager.getConnections(peer).length > 0) return
    const addresses = ownAddresses(member.peerId, member.addresses)
    if (addresses.length > 0) {
      try {
        await this.init.connectionManager.openConnection(addresses, { signal })
        return
      } catch { /* moved or offline: the peer store may know better */ }
    }
    await this.init.connectionManager.openConnection(peer, { signal })
  }

  /** Asks peer routing for members that are not connected; resolves with how many answered. */
  private async findPeers (members: KnownMember[], signal: AbortSignal): Promise<number> {
    const routing = this.init.peerRouting
    if (routing === undefined) return 0
    const found = await Promise.all(members.map(async m => {
      const peer = peerIdFromString(m.peerId)
      if (this.init.connectionManager.getConnections(peer).length > 0) return 0
      try {
        const info = await routing.findPeer(peer, { signal })
        if (info.multiaddrs.length === 0) return 0
        await this.init.connectionManager.openConnection(info.multiaddrs, { signal })
        return 1
      } catch {
        return 0
      }
    }))
    return found.reduce((a: number, b) => a + b, 0)
  }
}


/**
 * Members of a group and their last known addresses: every member the registry knows, those
 * with a presence record first (the most likely to be online), with that record's addresses.
 */
export async function lastKnownMembers (presence: AsyncIterable<GroupRecord>, members: readonly MemberInfo[]): Promise<KnownMember[]> {
  const seen = new Map<string, string[]>()
  for await (const record of presence) {
    if (record.type !== PRESENCE_RECORD_TYPE || record.deleted) continue
    seen.set(record.creator, decodePresence(record.data)?.addresses ?? [])
  }
  const known = members.map(m => ({ peerId: m.peerId, addresses: seen.get(m.peerId) ?? [] }))
  const unique = [...new Map(known.map(k => [k.peerId, k])).values()]
  return unique.sort((a, b) => Number(b.addresses.length > 0) - Number(a.addresses.length > 0))
}
