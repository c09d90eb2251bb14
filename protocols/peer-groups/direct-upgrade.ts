/**
 * Upgrading a member reached only through a relay to a direct connection by dialling its own
 * (non-relay) addresses: connection reversal. libp2p's DCUtR does the same, and hole punching,
 * but only towards public addresses; a member on the relay's network, or on this node's LAN,
 * has private ones, and is worth a direct dial too. New streams prefer the direct connection,
 * and the relayed one is closed once the direct one is up, so it stops counting against the
 * relay's limits.
 */
import type { ComponentLogger, Logger, PeerId } from '@libp2p/interface'
import type { ConnectionManager } from '@libp2p/interface-internal'
import { peerIdFromString } from '@libp2p/peer-id'
import { multiaddr, type Multiaddr } from '@multiformats/multiaddr'
import { withTimeout } from '../common/signals.ts'

/** Most addresses dialled in one upgrade. */
export const MAX_UPGRADE_ADDRESSES = 8

/** What the upgrader works with. */
export interface DirectUpgradeInit {
  connectionManager: ConnectionManager
  logger: ComponentLogger
  /** The member's own addresses (presence record, peer store), relay addresses included or not. */
  addressesOf: (peerId: string) => Promise<string[]>
  /** Bound of the dial, in milliseconds. @default 5000 */
  timeoutMs?: number
}

/** Dials members reached through a relay at their own addresses. */
export class DirectUpgrade {
  private readonly log: Logger
  private readonly busy = new Set<string>()
  /** Upgrades that succeeded, for the status and the benchmark. */
  upgraded = 0

  constructor (private readonly init: DirectUpgradeInit) {
    this.log = init.logger.forComponent('peerhood:groups:upgrade')
  }

  /**
   * Tries once, in the background, when every connection to the member is relayed; closes the
   * relayed ones when a direct one is up.
   */
  consider (peerId: string): void {
    if (this.busy.has(peerId)) return
    let peer: PeerId
    try { peer = peerIdFromString(peerId) } catch { return }
    const connections = this.init.connectionManager.getConnections(peer)
    if (!connections.some(c => c.limits != null)) return
    this.busy.add(peerId)
    this.attempt(peer, peerId, connections.some(c => c.limits == null))
      .catch(err => { this.log('direct upgrade to %s: %s', peerId, err?.message) })
      .finally(() => { this.busy.delete(peerId) })
  }

  private async attempt (peer: PeerId, peerId: string, direct: boolean): Promise<void> {
    if (!direct) {
      const addresses = directAddresses(await this.init.addressesOf(peerId), peerId)
      if (addresses.length === 0) return
      const signal = withTimeout(undefined, this.init.timeoutMs ?? 5_000)
      const connection = await this.init.connectionManager.openConnection(addresses, { signal, force: true })
      if (connection.limits != null) return
      this.upgraded++
      this.log('upgraded %s to a direct connection at %a', peerId, connection.remoteAddr)
    }
    // streams move to the direct connection once the relayed ones close (gossip reattaches by
    // itself), and the relay's limits are better spent on others
    for (const c of this.init.connectionManager.getConnections(peer)) {
      if (c.limits == null) continue
      c.close({ signal: AbortSignal.timeout(2_000) }).catch(() => { c.abort(new Error('replaced by a direct connection')) })
    }
  }
}

/** Non-relay addresses of `peerId`, each ending in its `/p2p/` id, at most {@link MAX_UPGRADE_ADDRESSES}. */
export function directAddresses (addresses: readonly string[], peerId: string): Multiaddr[] {
  const out = new Map<string, Multiaddr>()
  for (const text of addresses) {
    try {
      const ma = multiaddr(text)
      const names = ma.getComponents().map(c => c.name)
      if (names.includes('p2p-circuit')) continue
      const id = ma.getComponents().findLast(c => c.name === 'p2p')?.value
      if (id !== undefined && id !== peerId) continue
      const full = id === undefined ? ma.encapsulate(`/p2p/${peerId}`) : ma
      out.set(full.toString(), full)
    } catch { /* malformed */ }
  }
  return [...out.values()].slice(0, MAX_UPGRADE_ADDRESSES)
}
