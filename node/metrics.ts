/**
 * The node's own Prometheus metrics, in a registry per node (so a cluster in one process keeps
 * its nodes apart). libp2p's metrics live in prom-client's global registry: per process, so in a
 * cluster run in one process they add up the nodes of that process.
 */
import { Counter, Gauge, Registry, register } from 'prom-client'

/** The node's own metrics. */
export class NodeMetrics {
  /** Registry holding the node's own metrics. */
  readonly registry = new Registry()
  private readonly events: Counter<'type'>

  constructor (read: { connectedPeers: () => number, uptimeSeconds: () => number }) {
    this.events = new Counter({ name: 'peerhood_events_total', help: 'Events emitted by the node, by type', labelNames: ['type'], registers: [this.registry] })
    new Gauge({ name: 'peerhood_connected_peers', help: 'Distinct connected peers', registers: [this.registry], collect () { this.set(read.connectedPeers()) } })
    new Gauge({ name: 'peerhood_uptime_seconds', help: 'Seconds since the node started', registers: [this.registry], collect () { this.set(read.uptimeSeconds()) } })
  }

  /** Counts one emitted event. */
  countEvent (type: string): void {
    this.events.inc({ type })
  }

  /** Prometheus text exposition: the node's metrics, then libp2p's and the process's. */
  async text (): Promise<string> {
    return `${await this.registry.metrics()}\n${await register.metrics()}`
  }
}
