/**
 * Which connection a protocol uses to reach a peer. libp2p's `openConnection(peerId)` never
 * reuses a limited (relayed) connection: it dials again, which for a member behind NAT means a
 * second circuit, or dials to its private addresses that hang until the dial timeout. Peerhood's
 * protocols run on relayed connections, so they take the open connection there is.
 */
import { type AbortOptions, type Connection, type DialTarget, isPeerId } from '@libp2p/interface'
import type { ConnectionManager } from '@libp2p/interface-internal'
import { type Multiaddr, multiaddr } from '@multiformats/multiaddr'

/** An open connection to `peer` (a direct one first, else a relayed one), or a new dial. */
export async function connectionTo (connectionManager: ConnectionManager, peer: DialTarget, options: AbortOptions = {}): Promise<Connection> {
  if (isPeerId(peer)) {
    const open = connectionManager.getConnections(peer).filter(c => c.status === 'open')
    const best = open.find(c => c.limits == null) ?? open[0]
    if (best !== undefined) return best
  }
  return connectionManager.openConnection(peer, options)
}

/**
 * The addresses of `peerId` among `addresses` (presence records, contact cards): those naming no
 * other peer, each ending in `/p2p/<peerId>`; malformed ones are skipped.
 */
export function ownAddresses (peerId: string, addresses: readonly string[]): Multiaddr[] {
  const out: Multiaddr[] = []
  for (const text of addresses) {
    try {
      const ma = multiaddr(text)
      const id = ma.getComponents().findLast(c => c.name === 'p2p')?.value
      if (id === undefined) out.push(ma.encapsulate(`/p2p/${peerId}`))
      else if (id === peerId) out.push(ma)
    } catch { /* malformed: skip */ }
  }
  return out
}
