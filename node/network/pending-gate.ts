/**
 * A per-host limit on inbound connections still in their handshake. libp2p's own limit
 * (`maxIncomingPendingConnections`) is global: one host that opens sockets and sends nothing
 * fills it, and every honest peer is refused until the handshakes time out — a slow-loris
 * lock-out. This gate lets each remote host hold only a few of those slots.
 */
import type { ConnectionGater, MultiaddrConnection } from '@libp2p/interface'

/** Options of {@link pendingPerHostGate}. */
export interface PendingGateInit {
  /** Most inbound connections from one remote IPv4 address or IPv6 /64 still in their handshake. */
  maxPendingPerHost: number
  /** Told about every refusal (for logs and metrics). @default undefined */
  onRefused?: (host: string, pending: number) => void
}

/** The gate: the connection gater hooks it needs, and what it holds. */
export interface PendingGate {
  /** Hooks for libp2p's `connectionGater`. */
  gater: Required<Pick<ConnectionGater, 'denyInboundConnection' | 'denyInboundUpgradedConnection'>>
  /** Handshakes in progress from `host`. */
  pending (host: string): number
}

/**
 * Who a remote address counts as: an IPv4 address itself; an IPv6 address by its /64 (one
 * host is usually given a whole /64, so counting single addresses would let it take every slot).
 */
export function hostKey (ip: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip)
  if (mapped !== null) return mapped[1]!
  if (!ip.includes(':')) return ip
  const [head = '', tail = ''] = ip.split('::')
  const left = head === '' ? [] : head.split(':')
  const right = ip.includes('::') ? (tail === '' ? [] : tail.split(':')) : []
  const groups = ip.includes('::') ? [...left, ...Array(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right] : left
  return groups.slice(0, 4).map(g => (g === '' ? '0' : g).replace(/^0+(?=.)/, '').toLowerCase()).join(':') + '::/64'
}

/** Who a connection counts as (see {@link hostKey}), or undefined for other transports (memory, relays). */
export function hostOf (maConn: MultiaddrConnection): string | undefined {
  const first = maConn.remoteAddr.getComponents()[0]
  return first !== undefined && first.value !== undefined && (first.name === 'ip4' || first.name === 'ip6') ? hostKey(first.value) : undefined
}

/** Whether one more handshake from a host holding `pending` of them is refused. */
export function refusesPending (pending: number, maxPendingPerHost: number): boolean {
  return pending >= maxPendingPerHost
}

/**
 * Creates the gate. A handshake counts from the moment libp2p accepts the socket until the
 * connection is upgraded or the socket closes (refused, timed out, or failed).
 */
export function pendingPerHostGate (init: PendingGateInit): PendingGate {
  const byHost = new Map<string, Set<MultiaddrConnection>>()
  const release = (host: string, maConn: MultiaddrConnection): void => {
    const set = byHost.get(host)
    if (set === undefined) return
    set.delete(maConn)
    if (set.size === 0) byHost.delete(host)
  }
  return {
    gater: {
      denyInboundConnection (maConn) {
        const host = hostOf(maConn)
        // already closed: no close event will come to release a slot
        if (host === undefined || maConn.status === 'closed' || maConn.status === 'aborted' || maConn.status === 'reset') return false
        const set = byHost.get(host) ?? new Set()
        if (refusesPending(set.size, init.maxPendingPerHost)) {
          init.onRefused?.(host, set.size)
          return true
        }
        set.add(maConn)
        byHost.set(host, set)
        maConn.addEventListener('close', () => { release(host, maConn) }, { once: true })
        return false
      },
      denyInboundUpgradedConnection (_peer, maConn) {
        const host = hostOf(maConn)
        if (host !== undefined) release(host, maConn)
        return false
      }
    },
    pending: host => byHost.get(host)?.size ?? 0
  }
}
