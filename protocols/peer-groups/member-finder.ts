/**
 * Finding a group's members (Windows' PeerGroupConnect and PNRP's `<group>.participant`): dial
 * known addresses, look up the DHT rendezvous, and wait for a member to prove itself. mDNS
 * neighbours are dialled by the node as they appear, and prove themselves the same way.
 */
import type { ComponentLogger, ContentRouting, Logger, PeerId } from '@libp2p/interface'
import type { ConnectionManager } from '@libp2p/interface-internal'
import { multiaddr } from '@multiformats/multiaddr'
import { PeerhoodError } from '../common/errors.ts'
import { withTimeout } from '../common/signals.ts'
import type { MemberInfo } from '../certificates/chain-result.ts'
import type { Membership } from '../membership/membership.ts'
import { CONNECT_TIMEOUT_MS } from './constants.ts'
import { rendezvousCid } from './rendezvous.ts'

/** How long a successful DHT announcement stands before the sweep makes it again, in milliseconds. */
export const REANNOUNCE_MS = 30 * 60_000

/** What the finder works with. */
export interface MemberFinderInit {
  peerId: PeerId
  contentRouting: ContentRouting
  connectionManager: ConnectionManager
  logger: ComponentLogger
  membership: () => Membership
  /** Reports `group:connection-failed`. */
  onFailed: (groupId: string) => void
}

/** Looks for members and announces this node as one. */
export class MemberFinder {
  private readonly log: Logger
  private readonly announced = new Map<string, number>()
  private readonly announcing = new Set<string>()

  constructor (private readonly init: MemberFinderInit) {
    this.log = init.logger.forComponent('peerhood:groups:finder')
  }

  /**
   * Dials the given addresses and the members the DHT rendezvous knows; resolves once a member
   * has proven itself. If none has within `timeoutMs`, reports the failure and rejects with
   * `NO_MEMBERS_FOUND`.
   */
  async connect (groupId: string, options: { addresses?: string[], timeoutMs?: number, signal?: AbortSignal } = {}): Promise<MemberInfo[]> {
    const membership = this.init.membership()
    if (membership.provenMembers(groupId).length > 0) return membership.provenMembers(groupId)
    const signal = withTimeout(options.signal, options.timeoutMs ?? CONNECT_TIMEOUT_MS)
    const proven = new Promise<void>((resolve, reject) => {
      const check = (evt: Event) => { if ((evt as CustomEvent<{ groupId: string }>).detail.groupId === groupId) done() }
      const done = () => { membership.removeEventListener('member:proven', check); signal.removeEventListener('abort', fail); resolve() }
      const fail = () => { membership.removeEventListener('member:proven', check); reject(signal.reason) }
      membership.addEventListener('member:proven', check)
      signal.addEventListener('abort', fail, { once: true })
    })
    proven.catch(() => {})
    this.dialAll(options.addresses ?? [], signal).catch(() => { /* unreachable addresses: try the others */ })
    this.findMembers(groupId, signal).catch(() => {})
    try {
      await proven
      return membership.provenMembers(groupId)
    } catch {
      this.init.onFailed(groupId)
      throw new PeerhoodError('NO_MEMBERS_FOUND', 'no member of the group could be reached', { details: { groupId } })
    }
  }

  /** Dials addresses; resolves with the peers that answered (failures ignored). */
  async dialAll (addresses: readonly string[], signal: AbortSignal): Promise<PeerId[]> {
    const peers = await Promise.all(addresses.map(async address => {
      try {
        return (await this.init.connectionManager.openConnection(multiaddr(address), { signal })).remotePeer
      } catch {
        return undefined
      }
    }))
    return peers.filter((p): p is PeerId => p !== undefined)
  }

  /** Dials the members the DHT rendezvous lists for a group; resolves with how many were dialled. */
  async findMembers (groupId: string, signal?: AbortSignal): Promise<number> {
    let dialled = 0
    const options = signal === undefined ? {} : { signal }
    try {
      for await (const provider of this.init.contentRouting.findProviders(rendezvousCid(groupId), options)) {
        if (provider.id.equals(this.init.peerId)) continue
        dialled++
        this.init.connectionManager.openConnection(provider.multiaddrs.length > 0 ? provider.multiaddrs : provider.id, options)
          .catch(() => { /* unreachable provider */ })
      }
    } catch (err: any) {
      this.log('DHT rendezvous of %s: %s', groupId, err?.message)
    }
    return dialled
  }

  /** Announces this node as a member on the DHT rendezvous (the DHT reprovides it). */
  announce (groupId: string): void {
    if (this.announcing.has(groupId)) return
    this.announcing.add(groupId)
    this.init.contentRouting.provide(rendezvousCid(groupId))
      .then(() => { this.announced.set(groupId, Date.now()) })
      .catch((err: Error) => { this.log('DHT announce of %s: %s', groupId, err.message) })
      .finally(() => { this.announcing.delete(groupId) })
  }

  /**
   * Announces again the groups whose announcement failed (typically made at start, before the
   * bootstrap node was connected) or is older than {@link REANNOUNCE_MS}, so a member becomes
   * findable as soon as it reaches the DHT, with its current (e.g. relay) addresses.
   */
  reannounce (groupIds: readonly string[], now = Date.now()): void {
    for (const groupId of groupIds) if ((this.announced.get(groupId) ?? 0) <= now - REANNOUNCE_MS) this.announce(groupId)
  }
}
