/**
 * Keeps gossip with a peer going when one of its connections closes and another remains — a
 * relayed connection closed at its limit, or after a direct upgrade. Gossipsub keeps one
 * outbound stream per peer, forgets the peer when that stream's connection closes, and is told
 * of the peer again only on a new connection's identify; a peer that stays connected over the
 * other connection would get no live records until it reconnects. So, once the closed
 * connection's streams are gone, gossipsub is told of the peer again on a remaining connection
 * (a direct one first).
 */
import type { Connection, PeerId, TypedEventTarget } from '@libp2p/interface'
import type { ConnectionManager } from '@libp2p/interface-internal'

/** Wait after a close before reattaching, in milliseconds (the closed streams' events run first). */
export const REATTACH_DELAY_MS = 100

/** The parts of gossipsub this touches (present on the class, not on its interface). */
interface GossipInternals {
  isStarted (): boolean
  streamsOutbound: Map<string, unknown>
  onPeerConnected (peerId: PeerId, connection: Connection): void
}

/** Installs the reattachment; returns the function that removes it. */
export function installReattach (ps: unknown, components: { connectionManager: ConnectionManager, events?: TypedEventTarget<{ 'connection:close': CustomEvent<Connection> }> }): () => void {
  const gossip = ps as GossipInternals
  const events = components.events
  if (events === undefined || typeof gossip.onPeerConnected !== 'function') return () => {}
  const timers = new Set<ReturnType<typeof setTimeout>>()
  const onClose = (evt: CustomEvent<Connection>): void => {
    const peer = evt.detail.remotePeer
    const timer = setTimeout(() => {
      timers.delete(timer)
      if (!gossip.isStarted() || gossip.streamsOutbound.has(peer.toString())) return
      const open = components.connectionManager.getConnections(peer).filter(c => c.status === 'open')
      const best = open.find(c => c.limits == null) ?? open[0]
      if (best !== undefined) gossip.onPeerConnected(peer, best)
    }, REATTACH_DELAY_MS)
    timer.unref?.()
    timers.add(timer)
  }
  events.addEventListener('connection:close', onClose)
  return () => {
    events.removeEventListener('connection:close', onClose)
    for (const t of timers) clearTimeout(t)
  }
}
