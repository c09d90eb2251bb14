/**
 * The node's event stream: one place every part of the node emits to, read in-process with
 * `addEventListener(type, ...)` or as a whole (the API's server-sent events) with `subscribe()`.
 */

/** One event as it appears in-process (`CustomEvent.detail`) and on `/v1/events`. */
export interface PeerhoodEvent<T = Record<string, unknown>> {
  /** `noun:verb` type, e.g. `peer:connected`. */
  type: string
  /** Milliseconds since the epoch when it was emitted. */
  time: number
  /** Group id the event belongs to, when it belongs to one. */
  group?: string
  /** Event-specific fields. */
  data: T
}

/** Types emitted by the node itself (later protocols add theirs). */
export type NodeEventType = 'node:ready' | 'node:stopping' | 'peer:connected' | 'peer:disconnected' | 'peer:discovered'

/** A listener of the whole stream. */
export type EventListenerFn = (event: PeerhoodEvent) => void

/** Filter for {@link EventBus.subscribe}: every field that is set must match. */
export interface EventFilter {
  /** Only these types (exact match, or a prefix ending in `:`, e.g. `peer:`). */
  types?: string[]
  /** Only events of this group. */
  group?: string
}

/** Whether `event` passes `filter`. */
export function matchesFilter (event: PeerhoodEvent, filter: EventFilter = {}): boolean {
  if (filter.group !== undefined && event.group !== filter.group) return false
  if (filter.types === undefined || filter.types.length === 0) return true
  return filter.types.some(t => t.endsWith(':') ? event.type.startsWith(t) : event.type === t)
}

/** In-process event bus; an `EventTarget` whose events are `CustomEvent<PeerhoodEvent>`. */
export class EventBus extends EventTarget {
  private readonly subscribers = new Set<{ filter: EventFilter, fn: EventListenerFn }>()

  /** Emits an event to typed listeners and to every matching subscriber. */
  emit<T extends Record<string, unknown>> (type: string, data: T, group?: string): PeerhoodEvent<T> {
    const event: PeerhoodEvent<T> = { type, time: Date.now(), data, ...(group === undefined ? {} : { group }) }
    this.dispatchEvent(new CustomEvent(type, { detail: event }))
    for (const sub of this.subscribers) {
      if (!matchesFilter(event, sub.filter)) continue
      try { sub.fn(event) } catch { /* a failing subscriber must not break the emitter */ }
    }
    return event
  }

  /** Number of live {@link EventBus.subscribe} subscriptions (the API's open event streams among them). */
  get subscriberCount (): number {
    return this.subscribers.size
  }

  /** Receives every event that matches `filter`; returns the function that unsubscribes. */
  subscribe (filter: EventFilter, fn: EventListenerFn): () => void {
    const sub = { filter, fn }
    this.subscribers.add(sub)
    return () => { this.subscribers.delete(sub) }
  }
}
