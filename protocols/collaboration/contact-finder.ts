/**
 * Finding a watched contact that is not connected (collaboration's `internet` scope, what PNRP
 * did for Windows): its addresses in the peer store, then those of its card, then the DHT (peer
 * routing by PeerId, and the providers of its endpoint content id, which carry `/p2p-circuit`
 * addresses of a contact behind NAT). Each contact is tried on its own capped backoff
 * (`find-schedule.ts`); a subscription that opens resets its count (a mere connection does not,
 * so a contact whose snapshot cannot cross a relay is not redialled every tick). Each watched
 * identity is also looked up by its identity content id on a backoff of its own
 * (`identity-lookup.ts`), which finds the endpoints no card names. The node announces itself
 * under its own endpoint content id and its identity's, so its watchers find it.
 */
import type { ComponentLogger, ContentRouting, Logger, PeerId, PeerRouting } from '@libp2p/interface'
import type { CID } from 'multiformats/cid'
import type { ConnectionManager } from '@libp2p/interface-internal'
import { peerIdFromString } from '@libp2p/peer-id'
import type { Multiaddr } from '@multiformats/multiaddr'
import { withTimeout } from '../common/signals.ts'
import { endpointCid, identityCid } from './contact-rendezvous.ts'
import { lookUpIdentity } from './identity-lookup.ts'
import { afterFindAttempt, FIND_BACKOFF, type FindState, findDue } from './find-schedule.ts'
import type { ReconnectBackoff } from '../peer-groups/reconnect-schedule.ts'
import { ownAddresses } from '../common/connections.ts'

/** How long a successful announcement stands before it is made again, in milliseconds. */
export const ANNOUNCE_EVERY_MS = 30 * 60_000

/** How long after a failed announcement (no DHT server reachable yet) it is made again, in milliseconds. */
export const ANNOUNCE_RETRY_MS = 5_000

/** Most contacts looked for at once (one tick starts at most this many searches, by PeerId and by identity together). */
export const MAX_CONCURRENT_FINDS = 8

/** What the finder works with. */
export interface ContactFinderInit {
  peerId: PeerId
  /** The identity this node signs in as, announced beside its endpoint. @default the PeerId */
  identity?: string
  connectionManager: ConnectionManager
  peerRouting?: PeerRouting
  contentRouting?: ContentRouting
  logger: ComponentLogger
  /** Time one step (a dial, a lookup) may take, in milliseconds. */
  stepTimeoutMs: number
  /** Backoff between attempts. @default FIND_BACKOFF */
  backoff?: ReconnectBackoff
  now?: () => number
  /**
   * Endpoints of watched identities found by their identity content id: `skip` says a provider
   * is not to be tried (already watched, penalised), `found` gets each connected provider (the
   * service subscribes to it, and it must prove the identity). No identity look-up without it.
   */
  identityLookup?: {
    skip: (identity: string, endpoint: string) => boolean
    found: (identity: string, endpoint: string) => void
  }
}

/** Looks for watched contacts and announces this node. */
export class ContactFinder {
  readonly #init: ContactFinderInit
  readonly #log: Logger
  readonly #states = new Map<string, FindState>()
  /** Identity look-ups, by identity PeerId: a round of each is due on the same backoff. */
  readonly #identityStates = new Map<string, FindState>()
  readonly #running = new Set<string>()
  readonly #controller = new AbortController()
  #announcedAt = 0
  #failedAt = 0
  #announcing = false

  constructor (init: ContactFinderInit) {
    this.#init = init
    this.#log = init.logger.forComponent('peerhood:collaboration:finder')
  }

  /**
   * Starts the searches that are due, for contacts not connected; `addresses` gives a contact's
   * card addresses. `watched` (every watched contact, the lost ones and those being subscribed to)
   * keeps the backoff of a contact that is briefly not lost, e.g. while a subscription is tried on a
   * circuit that will not carry it. @default the contacts looked for. `identities` (the watched
   * contacts' identity PeerIds) are looked up by identity content id, each on its own backoff,
   * which never resets: a new endpoint may sign in at any time. @default none
   */
  tick (contacts: ReadonlyArray<{ peerId: string, addresses: readonly string[] }>, watched?: Iterable<string>, identities: readonly string[] = []): void {
    const now = (this.#init.now ?? Date.now)()
    for (const c of contacts) {
      if (this.#running.size >= MAX_CONCURRENT_FINDS) break
      if (this.#running.has(c.peerId) || this.#connected(c.peerId) || !findDue(this.#states.get(c.peerId), now)) continue
      this.#states.set(c.peerId, afterFindAttempt(this.#states.get(c.peerId), now, this.#init.backoff ?? FIND_BACKOFF, Math.random()))
      this.#running.add(c.peerId)
      this.find(c.peerId, c.addresses)
        .catch((err: Error) => { this.#log('finding %s: %s', c.peerId, err.message) })
        .finally(() => { this.#running.delete(c.peerId) })
    }
    // forget contacts no longer looked for, so the map stays bounded by the watch list
    const wanted = new Set([...contacts.map(c => c.peerId), ...(watched ?? [])])
    for (const peerId of this.#states.keys()) if (!wanted.has(peerId)) this.#states.delete(peerId)
    // after the searches for lost endpoints, which come first when the concurrency bound is reached
    this.#tickIdentities(identities, now)
  }

  #tickIdentities (identities: readonly string[], now: number): void {
    const lookup = this.#init.identityLookup
    const contentRouting = this.#init.contentRouting
    if (lookup === undefined || contentRouting === undefined) return
    for (const identity of identities) {
      const key = `identity:${identity}`
      if (this.#running.size >= MAX_CONCURRENT_FINDS) break
      if (this.#running.has(key) || !findDue(this.#identityStates.get(identity), now)) continue
      this.#identityStates.set(identity, afterFindAttempt(this.#identityStates.get(identity), now, this.#init.backoff ?? FIND_BACKOFF, Math.random()))
      this.#running.add(key)
      lookUpIdentity(identity, {
        self: this.#init.peerId,
        contentRouting,
        connectionManager: this.#init.connectionManager,
        skip: (endpoint) => lookup.skip(identity, endpoint),
        found: (endpoint) => { lookup.found(identity, endpoint) },
        stepTimeoutMs: this.#init.stepTimeoutMs,
        signal: this.#controller.signal
      })
        .catch((err: Error) => { this.#log('looking up identity %s: %s', identity, err.message) })
        .finally(() => { this.#running.delete(key) })
    }
    const wanted = new Set(identities)
    for (const identity of this.#identityStates.keys()) if (!wanted.has(identity)) this.#identityStates.delete(identity)
  }

  /** A contact's subscription opened: its next search (if it is lost again) runs at once. */
  reached (peerId: string): void {
    this.#states.delete(peerId)
  }

  /** One search: resolves true once a connection to the contact is open (the watch retry then subscribes). */
  async find (peerId: string, cardAddresses: readonly string[]): Promise<boolean> {
    const peer = peerIdFromString(peerId)
    const cm = this.#init.connectionManager
    const step = (): AbortSignal => withTimeout(this.#controller.signal, this.#init.stepTimeoutMs)
    const dial = async (target: PeerId | Multiaddr[]): Promise<boolean> => {
      try {
        await cm.openConnection(target, { signal: step() })
        return true
      } catch {
        return this.#connected(peerId)
      }
    }
    // 1. the peer store (addresses identify or an earlier lookup left)
    if (await dial(peer)) return true
    // 2. the card's addresses
    const card = ownAddresses(peerId, cardAddresses)
    if (card.length > 0 && await dial(card)) return true
    // 3. peer routing by PeerId (finds contacts that are DHT servers), skipping the peer store already tried
    const routing = this.#init.peerRouting
    if (routing !== undefined) {
      try {
        const info = await routing.findPeer(peer, { signal: step(), useCache: false })
        if (info.multiaddrs.length > 0 && await dial(info.multiaddrs)) return true
      } catch (err) {
        this.#log('peer routing of %s: %s', peerId, (err as Error)?.message)
      }
    }
    // 4. the providers of its endpoint content id (contacts in DHT client mode, behind NAT)
    const content = this.#init.contentRouting
    if (content === undefined) return false
    try {
      for await (const provider of content.findProviders(endpointCid(peerId), { signal: step() })) {
        if (!provider.id.equals(peer) || provider.multiaddrs.length === 0) continue
        if (await dial(provider.multiaddrs)) return true
      }
    } catch (err) {
      this.#log('DHT lookup of %s: %s', peerId, (err as Error)?.message)
    }
    return this.#connected(peerId)
  }

  /** Announces this node under its endpoint and identity content ids, unless a recent announcement stands. */
  announce (): void {
    const content = this.#init.contentRouting
    const now = (this.#init.now ?? Date.now)()
    if (content === undefined || this.#announcing || this.#announcedAt > now - ANNOUNCE_EVERY_MS || this.#failedAt > now - ANNOUNCE_RETRY_MS) return
    this.#announcing = true
    // both stand or both are made again: one schedule
    Promise.all(this.#announced().map(async cid => { await content.provide(cid, { signal: this.#controller.signal }) }))
      .then(() => { this.#announcedAt = (this.#init.now ?? Date.now)() })
      .catch((err: Error) => {
        this.#failedAt = (this.#init.now ?? Date.now)()
        this.#log('DHT announce: %s', err.message)
      })
      .finally(() => { this.#announcing = false })
  }

  /** This node's addresses changed: the next tick announces again (watchers look up the new ones). */
  addressesChanged (): void {
    this.#announcedAt = 0
    this.#failedAt = 0
  }

  /** Signed out of `internet`: the announcement stops standing (the DHT lets it expire). */
  withdraw (): void {
    this.#announcedAt = 0
    this.#states.clear()
    this.#identityStates.clear()
    const content = this.#init.contentRouting
    for (const cid of this.#announced()) content?.cancelReprovide(cid).catch(() => {})
  }

  /** Stops every search. */
  stop (): void {
    this.#controller.abort()
  }

  /** The content ids this node announces: its endpoint's, and its identity's. */
  #announced (): CID[] {
    const identity = identityCid(this.#init.identity ?? this.#init.peerId.toString())
    return [endpointCid(this.#init.peerId.toString()), ...(identity === undefined ? [] : [identity])]
  }

  #connected (peerId: string): boolean {
    return this.#init.connectionManager.getConnections(peerIdFromString(peerId)).some(c => c.status === 'open')
  }
}

