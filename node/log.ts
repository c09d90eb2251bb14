/**
 * The node's own log: one JSON object per line (`time`, `level`, `event`, and the event's fields),
 * filtered by `logLevel`, and libp2p's debug logging switched on with it at `debug`.
 */
import { enable, enabled } from '@libp2p/logger'
import type { PeerhoodConfig } from '../config/schema.ts'
import type { EventBus, PeerhoodEvent } from './events.ts'

/** A log level, most severe first. */
export type LogLevel = PeerhoodConfig['logLevel']

const RANK: Record<LogLevel, number> = { error: 0, warn: 1, info: 2, debug: 3 }

/** Namespaces of libp2p's own logging shown at `debug` (its trace logs stay off: they log every frame). */
export const LIBP2P_DEBUG_NAMESPACES = 'libp2p:*,-*:trace'

/** Writes log lines at or above its level. */
export interface NodeLog {
  /** The lowest level written. */
  readonly level: LogLevel
  /** Whether lines of `level` are written. */
  enabled (level: LogLevel): boolean
  /** Writes one line: `event` names what happened; `fields` (a `code` for refusals) say the rest. */
  write (level: LogLevel, event: string, fields?: Record<string, unknown>): void
}

/** Creates a log writing lines of `level` and above to `sink` (one line each, no newline). */
export function createNodeLog (level: LogLevel, sink: (line: string) => void): NodeLog {
  const enabledFor = (l: LogLevel): boolean => RANK[l] <= RANK[level]
  return {
    level,
    enabled: enabledFor,
    write (l, event, fields = {}) {
      if (!enabledFor(l)) return
      let line: string
      try {
        line = JSON.stringify({ time: new Date().toISOString(), level: l, event, ...fields })
      } catch {
        line = JSON.stringify({ time: new Date().toISOString(), level: l, event })
      }
      sink(line)
    }
  }
}

/** A log that writes nothing (an embedded node without a log sink). */
export const SILENT_LOG: NodeLog = { level: 'error', enabled: () => false, write: () => {} }

/**
 * Switches libp2p's debug logging (the `weald`/`debug` namespaces of `@libp2p/logger`) on at
 * `debug`. Below it, libp2p's logging is left as `DEBUG` set it: the switch is process-wide and
 * another node in the process may want it.
 */
export function routeLibp2pLogs (level: LogLevel): void {
  if (level === 'debug' && !enabled('libp2p:connection-manager')) enable(LIBP2P_DEBUG_NAMESPACES)
}

/** Events written at `debug` only: frequent, or about peers not yet proven to be anyone. */
const DEBUG_EVENTS = new Set(['peer:discovered', 'record:changed', 'sync:progress', 'data:incoming'])

/** Events that are refusals: written with their `code`. */
const REFUSAL_EVENTS = new Set(['membership:refused', 'authentication:failed', 'group:connection-failed'])

/** The level of a node event's line. */
export function levelOfEvent (type: string): LogLevel {
  return DEBUG_EVENTS.has(type) ? 'debug' : 'info'
}

/** Writes every node event (connections, group events, refusals) to `log`; returns the unsubscribe function. */
export function logEvents (bus: EventBus, log: NodeLog): () => void {
  if (!log.enabled('info')) return () => {}
  return bus.subscribe({}, (event: PeerhoodEvent) => {
    const level = levelOfEvent(event.type)
    if (!log.enabled(level)) return
    const data = event.data as Record<string, unknown>
    const code = REFUSAL_EVENTS.has(event.type) ? data.code ?? data.reason : undefined
    log.write(level, event.type, { ...(event.group === undefined ? {} : { group: event.group }), ...(code === undefined ? {} : { code }), ...summarize(data) })
  })
}

/** Keeps log lines short: scalar fields and short arrays only (no record payloads). */
function summarize (data: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(data)) {
    if (typeof value === 'string') out[key] = value.length > 200 ? `${value.slice(0, 199)}…` : value
    else if (typeof value === 'number' || typeof value === 'boolean') out[key] = value
    else if (Array.isArray(value) && value.length <= 8 && value.every(v => typeof v === 'string')) out[key] = value
  }
  return out
}
