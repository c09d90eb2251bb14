/**
 * The list of people near me as a pure, bounded table: observations and the clock in, changes
 * out. The service feeds it packets; tests feed it directly.
 */
import { CHANGE_BURST, MAX_CHANGES_PER_SECOND } from './constants.ts'
import type { NearObservation } from './packets.ts'
import { isStale, nearId } from './rules.ts'
import type { NearChangedDetail, NearPerson } from './index.ts'

/** Bounds and timing of a {@link NearTable}. */
export interface NearTableInit {
  /** Most people from one sender network. */
  maxPerNetwork: number
  /** Most people in total. */
  maxTotal: number
  /** Removal after this long without a refresh, in milliseconds. */
  staleAfterMs: number
  /** Changes applied per second, sustained. @default 64 */
  maxChangesPerSecond?: number
  /** Changes applied at once before the rate paces them. @default 256 */
  changeBurst?: number
}

/** Why an observation changed nothing. */
export type NearIgnored = 'network-full' | 'list-full' | 'unknown-instance' | 'refused' | 'unchanged' | 'rate-limited'

interface Entry {
  person: NearPerson
  instance: string
  network: string
}

/** People seen, keyed by PeerId, bounded per network and in total. */
export class NearTable {
  private readonly init: NearTableInit
  private readonly byPeer = new Map<string, Entry>()
  private readonly byId = new Map<string, string>()
  private readonly perNetwork = new Map<string, number>()
  private readonly rate: number
  private readonly burst: number
  private tokens: number
  private tokensAt: number | undefined

  constructor (init: NearTableInit) {
    this.init = init
    this.rate = init.maxChangesPerSecond ?? MAX_CHANGES_PER_SECOND
    this.burst = init.changeBurst ?? CHANGE_BURST
    this.tokens = this.burst
  }

  /** Number of people in the table. */
  get size (): number { return this.byPeer.size }

  /**
   * Applies what one response said about one instance, received from `network` at `now`.
   * Returns the change, or why nothing changed. A new person beyond a bound is refused, never
   * pushing out someone already listed (a flood of fake announcements cannot evict real people).
   */
  observe (obs: NearObservation, network: string, now: number): NearChangedDetail | NearIgnored {
    if (obs.kind === 'refused') return 'refused'
    if (obs.kind === 'goodbye') {
      const entry = this.findInstance(obs.instance)
      if (entry === undefined) return 'unknown-instance'
      return this.spend(now) ? this.remove(entry) : 'rate-limited'
    }
    const entry = this.byPeer.get(obs.peerId)
    if (obs.names === undefined) {
      // the same instance now answers without names: it signed out and its goodbye was lost
      if (entry === undefined || entry.instance !== obs.instance) return 'unknown-instance'
      return this.spend(now) ? this.remove(entry) : 'rate-limited'
    }
    if (entry === undefined) {
      if (this.byPeer.size >= this.init.maxTotal) return 'list-full'
      if ((this.perNetwork.get(network) ?? 0) >= this.init.maxPerNetwork) return 'network-full'
      if (!this.spend(now)) return 'rate-limited'
      const person: NearPerson = { id: nearId(obs.peerId), peerId: obs.peerId, ...obs.names, addresses: obs.addresses, lastSeen: now }
      this.byPeer.set(obs.peerId, { person, instance: obs.instance, network })
      this.byId.set(person.id, obs.peerId)
      this.count(network, +1)
      return { change: 'added', person: { ...person } }
    }
    if (entry.network !== network && (this.perNetwork.get(network) ?? 0) >= this.init.maxPerNetwork) return 'network-full'
    const p = entry.person
    const changed = p.nickname !== obs.names.nickname || p.endpointName !== obs.names.endpointName || !sameList(p.addresses, obs.addresses)
    if (changed && !this.spend(now)) return 'rate-limited'
    if (entry.network !== network) {
      this.count(entry.network, -1)
      this.count(network, +1)
      entry.network = network
    }
    // Last writer wins: a restarted node announces from a new instance name. Names prove nothing,
    // so a spoofer gains nothing a real announcement would not undo at the next refresh.
    entry.instance = obs.instance
    entry.person = { ...p, ...obs.names, addresses: obs.addresses, lastSeen: now }
    return changed ? { change: 'updated', person: { ...entry.person } } : 'unchanged'
  }

  /** Removes everyone not refreshed within `staleAfterMs` of `now`; returns the removals. */
  sweep (now: number): NearChangedDetail[] {
    const out: NearChangedDetail[] = []
    for (const entry of [...this.byPeer.values()]) {
      if (isStale(entry.person.lastSeen, now, this.init.staleAfterMs)) out.push(this.remove(entry))
    }
    return out
  }

  /** Everyone, in the order first seen (copies). */
  list (): NearPerson[] {
    return [...this.byPeer.values()].map(e => ({ ...e.person, addresses: [...e.person.addresses] }))
  }

  /** One person by id or PeerId text (a copy), or undefined. */
  get (idOrPeerId: string): NearPerson | undefined {
    const entry = this.byPeer.get(this.byId.get(idOrPeerId) ?? idOrPeerId)
    return entry === undefined ? undefined : { ...entry.person, addresses: [...entry.person.addresses] }
  }

  /** Forgets everyone without reporting it (the node stopped listening). */
  clear (): void {
    this.byPeer.clear()
    this.byId.clear()
    this.perNetwork.clear()
  }

  /** Takes one change from the token bucket, if there is one. */
  private spend (now: number): boolean {
    this.tokens = Math.min(this.burst, this.tokens + (this.tokensAt === undefined ? 0 : Math.max(0, now - this.tokensAt)) * this.rate / 1000)
    this.tokensAt = now
    if (this.tokens < 1) return false
    this.tokens -= 1
    return true
  }

  private findInstance (instance: string): Entry | undefined {
    for (const entry of this.byPeer.values()) if (entry.instance === instance) return entry
    return undefined
  }

  private remove (entry: Entry): NearChangedDetail {
    this.byPeer.delete(entry.person.peerId)
    this.byId.delete(entry.person.id)
    this.count(entry.network, -1)
    return { change: 'removed', person: { ...entry.person } }
  }

  private count (network: string, delta: number): void {
    const n = (this.perNetwork.get(network) ?? 0) + delta
    if (n <= 0) this.perNetwork.delete(network)
    else this.perNetwork.set(network, n)
  }
}

/** Same addresses, in any order (a responder may list them in another order each time). */
function sameList (a: string[], b: string[]): boolean {
  if (a.length !== b.length) return false
  const set = new Set(a)
  return b.every(x => set.has(x))
}
