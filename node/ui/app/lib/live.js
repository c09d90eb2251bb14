// The node's event stream, opened once (`/v1/events`, server-sent events) and shared by every
// page: pages subscribe instead of polling.
import { useEffect, useState } from 'preact/hooks'

const MAX_LOG = 2000
const listeners = new Set()
/** The most recent events, oldest first. */
export const eventLog = []
let source

/** Opens the stream (once). */
export function startLive (onState) {
  if (source !== undefined) return
  source = new EventSource('/v1/events?as=message')
  source.onopen = () => onState?.('live')
  source.onerror = () => onState?.('reconnecting')
  source.onmessage = message => {
    const event = JSON.parse(message.data)
    eventLog.push(event)
    if (eventLog.length > MAX_LOG) eventLog.splice(0, eventLog.length - MAX_LOG)
    for (const fn of listeners) fn(event)
  }
}

/** Calls `fn(event)` for every event while the component is mounted. */
export function useEvents (fn, deps = []) {
  useEffect(() => {
    listeners.add(fn)
    return () => { listeners.delete(fn) }
  }, deps)
}

/** A number that changes whenever an event passing `test` arrives: a dependency for re-fetching. */
export function useEventTick (test, deps = []) {
  const [tick, setTick] = useState(0)
  useEvents(event => { if (test(event)) setTick(t => t + 1) }, deps)
  return tick
}

/** `fetcher()` result, fetched again whenever a dependency changes; `[value, error]`. */
export function useFetched (fetcher, deps) {
  const [state, setState] = useState([undefined, undefined])
  useEffect(() => {
    let live = true
    fetcher().then(v => { if (live) setState([v, undefined]) }, e => { if (live) setState(s => [s[0], e]) })
    return () => { live = false }
  }, deps)
  return state
}
