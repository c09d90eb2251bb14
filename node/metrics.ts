/**
 * The node's own Prometheus metrics, in a registry per node (so a cluster in one process keeps
 * its nodes apart). libp2p's metrics live in prom-client's global registry: per process, so in a
 * cluster run in one process they add up the nodes of that process.
 */
import { Counter, Gauge, Registry, register } from 'prom-client'
import type { IngressCount } from '../protocols/peer-groups/ingress-counters.ts'

/** Where the node's metrics are read from when scraped. */
export interface NodeMetricsSources {
  connectedPeers: () => number
  uptimeSeconds: () => number
  /** Ingress verdicts by action, reason and group (group labels bounded by the counters). @default none */
  ingress?: () => IngressCount[]
  /** Penalties given by reason, and peers in the penalty book and cooling down. @default none */
  penalties?: () => { byReason: Array<{ reason: string, count: number }>, tracked: number, coolingDown: number }
  /** Subscriptions the gossip gate holds back for peers that have not proven membership. @default none */
  gateHeld?: () => number
  /** Gossip messages received, new, duplicate and invalid. @default none */
  gossipReceipts?: () => { valid: number, duplicate: number, invalid: number, late: number } | undefined
}

/** The node's own metrics. */
export class NodeMetrics {
  /** Registry holding the node's own metrics. */
  readonly registry = new Registry()
  private readonly events: Counter<'type'>

  constructor (read: NodeMetricsSources) {
    const registers = [this.registry]
    this.events = new Counter({ name: 'peerhood_events_total', help: 'Events emitted by the node, by type', labelNames: ['type'], registers })
    new Gauge({ name: 'peerhood_connected_peers', help: 'Distinct connected peers', registers, collect () { this.set(read.connectedPeers()) } })
    new Gauge({ name: 'peerhood_uptime_seconds', help: 'Seconds since the node started', registers, collect () { this.set(read.uptimeSeconds()) } })
    // counted by the protocols, copied in at each scrape
    new Counter({
      name: 'peerhood_ingress_verdicts_total',
      help: 'Records from other members (gossip and sync) by verdict, stable reason and group (the first groups by their id, the rest as "other")',
      labelNames: ['action', 'reason', 'group'],
      registers,
      collect () {
        this.reset()
        for (const e of read.ingress?.() ?? []) this.inc({ action: e.action, reason: e.reason, group: e.group }, e.count)
      }
    })
    new Counter({
      name: 'peerhood_peers_penalised_total',
      help: 'Penalties given to peers, by reason',
      labelNames: ['reason'],
      registers,
      collect () {
        this.reset()
        for (const e of read.penalties?.().byReason ?? []) this.inc({ reason: e.reason }, e.count)
      }
    })
    new Gauge({ name: 'peerhood_penalised_peers', help: 'Peers in the penalty book', registers, collect () { this.set(read.penalties?.().tracked ?? 0) } })
    new Gauge({ name: 'peerhood_cooling_down_peers', help: 'Peers disconnected and refused until their penalties decay', registers, collect () { this.set(read.penalties?.().coolingDown ?? 0) } })
    new Counter({
      name: 'peerhood_gossip_messages_received_total',
      help: 'Gossip messages received, by status: valid (new), duplicate (seen before), invalid',
      labelNames: ['status'],
      registers,
      collect () {
        this.reset()
        const r = read.gossipReceipts?.()
        if (r !== undefined) for (const status of ['valid', 'duplicate', 'invalid'] as const) this.inc({ status }, r[status])
      }
    })
    new Counter({
      name: 'peerhood_gossip_forwards_late_total',
      help: 'Gossip messages accepted after gossipsub had dropped them from its cache, so not forwarded (each starts a repair by sync)',
      registers,
      collect () {
        this.reset()
        this.inc(read.gossipReceipts?.()?.late ?? 0)
      }
    })
    new Gauge({ name: 'peerhood_gossip_gate_held', help: 'Subscriptions held back for peers that have not proven membership', registers, collect () { this.set(read.gateHeld?.() ?? 0) } })
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
