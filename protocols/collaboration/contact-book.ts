/**
 * Contacts as the collaboration service keeps them: cards exported, parsed and added (from text
 * or from a People Near Me entry over the collaboration protocol), updates that start or stop
 * watching and revoke a watcher at once, deletion.
 */
import type { PeerId, PeerStore, Stream } from '@libp2p/interface'
import type { ConnectionManager } from '@libp2p/interface-internal'
import { peerIdFromString } from '@libp2p/peer-id'
import { type Multiaddr, multiaddr } from '@multiformats/multiaddr'
import { PeerhoodError } from '../common/errors.ts'
import { exchangeError } from '../common/signals.ts'
import { parseCard } from '../contacts/card.ts'
import { parseCardInput } from '../contacts/card-json.ts'
import { applyContactPatch, isTrusted } from '../contacts/rules.ts'
import type { ContactStore } from '../contacts/store.ts'
import type { Contact, ContactCard, ContactPatch } from '../contacts/types.ts'
import type { NearPerson, PeopleNearMe } from './near.ts'
import { provenIdentity } from './endpoint-identity.ts'
import { assertSignedIn } from './publisher.ts'
import { requestCard } from './requester.ts'
import type { CollaborationEvents, CollabRequestOptions, ScopeSet } from './types.ts'

/** What the contact book asks the service. */
export interface ContactBookHost {
  peerId: PeerId
  peerStore: PeerStore
  connectionManager: ConnectionManager
  protocol: string
  requestTimeoutMs: number
  now: () => number
  /** Signed-in scopes. */
  signedIn: () => ScopeSet
  /** People Near Me, when the node runs it. */
  near: () => PeopleNearMe | undefined
  /** My card text. */
  cardText: () => Promise<string>
  /** My endpoint certificate (empty when my PeerId is my identity). */
  certificate: () => Uint8Array
  /** An endpoint proved an identity. */
  onProven: (endpoint: string, identity: string) => void
  /** Whether `identity` revoked its endpoint `endpoint`. */
  isRevoked: (identity: string, endpoint: string) => boolean
  /** Ends a peer's subscription to me (watching revoked). */
  revoke: (peerId: string) => void
  /** Starts watching a peer. */
  watch: (peerId: string) => void
  /** Stops watching a peer (releases the watch hold). */
  unwatch: (peerId: string) => Promise<void>
  /** Forgets everything held of a peer. */
  drop: (peerId: string) => Promise<void>
  /** Emits a collaboration event. */
  emit: <K extends 'contact:changed' | 'watchlist:changed'>(type: K, detail: CollaborationEvents[K]['detail']) => void
}

/** The contact operations of the service. */
export class ContactBook {
  readonly #store: ContactStore
  readonly #host: ContactBookHost

  constructor (store: ContactStore, host: ContactBookHost) {
    this.#store = store
    this.#host = host
  }

  /** My card (needs sign-in), or a stored contact's. */
  async exportCard (peerId?: string): Promise<ContactCard> {
    if (peerId === undefined || peerId === this.#host.peerId.toString()) {
      assertSignedIn(this.#host.signedIn())
      return parseCard(await this.#host.cardText())
    }
    const contact = this.contact(peerId)
    if (contact.card === undefined) throw new PeerhoodError('NOT_FOUND', 'that contact has no card', { details: { peerId } })
    return parseCard(contact.card)
  }

  /** Adds the contact of a verified card. */
  async addContact (input: string): Promise<Contact> {
    return await this.#addCard(parseCardInput(input))
  }

  /** Fetches a People Near Me entry's card over the connection and adds it. */
  async addContactNear (id: string, options: CollabRequestOptions = {}): Promise<Contact> {
    if (!this.#host.signedIn().near) throw new PeerhoodError('NOT_SIGNED_IN', 'sign in to near first (peerhood signin --scope near)')
    const person = this.#host.near()?.get(id)
    if (person === undefined) throw new PeerhoodError('NOT_FOUND', 'nobody near has that id', { details: { id } })
    const signal = AbortSignal.any([AbortSignal.timeout(this.#host.requestTimeoutMs), ...(options.signal === undefined ? [] : [options.signal])])
    const answer = await this.#fetchCard(person, signal)
    const card = parseCardInput(answer.card)
    // the mDNS announcement proves nothing: the card must be the identity the connection's own peer proves
    const identity = provenIdentity(person.peerId, answer.endpointCertificate, this.#host.now(), this.#host.isRevoked)
    if (card.peerId !== identity) throw new PeerhoodError('INVALID_CONTACT', 'the card is not that peer\'s', { details: { reason: 'peer-mismatch' } })
    this.#host.onProven(person.peerId, identity)
    return await this.#addCard(card)
  }

  /**
   * Proves which identity a People Near Me entry's PeerId is: fetches its card over a connection
   * noise authenticates as that PeerId and verifies the endpoint certificate it presents (the
   * card itself is not needed). Codes: `CONNECTION_FAILED`, `TIMEOUT`, `NOT_AUTHORIZED`, `INVALID_CONTACT`.
   */
  async proveNear (person: NearPerson, signal: AbortSignal): Promise<string> {
    const answer = await this.#fetchCard(person, signal)
    const identity = provenIdentity(person.peerId, answer.endpointCertificate, this.#host.now(), this.#host.isRevoked)
    this.#host.onProven(person.peerId, identity)
    return identity
  }

  async #fetchCard (person: NearPerson, signal: AbortSignal): Promise<{ card: string, endpointCertificate: Uint8Array }> {
    const remote = peerIdFromString(person.peerId)
    await this.#learn(remote, person.addresses)
    let stream: Stream | undefined
    try {
      stream = await this.#host.connectionManager.openStream(remote, this.#host.protocol, { signal })
      return await requestCard(stream, signal, this.#host.certificate())
    } catch (err) {
      stream?.abort(err as Error)
      throw exchangeError(err, signal, 'card request')
    }
  }

  /** Every contact. */
  contacts (): Contact[] { return this.#store.list() }

  /** One contact. Code: `NOT_FOUND`. */
  contact (peerId: string): Contact {
    const contact = this.#store.get(peerId)
    if (contact === undefined) throw new PeerhoodError('NOT_FOUND', 'no such contact', { details: { peerId } })
    return contact
  }

  /** Changes a contact: names, watching it, letting it watch me. */
  async updateContact (peerId: string, patch: ContactPatch): Promise<Contact> {
    const before = this.contact(peerId)
    const after = applyContactPatch(before, patch)
    await this.#store.put(after)
    if (before.watcherPermission === 'allowed' && after.watcherPermission === 'blocked') this.#host.revoke(peerId)
    if (before.watch !== after.watch) {
      this.#host.emit('watchlist:changed', { peerId, change: after.watch ? 'added' : 'deleted' })
      if (after.watch) this.#host.watch(peerId)
      else await this.#host.unwatch(peerId)
    }
    this.#host.emit('contact:changed', { peerId, change: 'updated' })
    return after
  }

  /** Deletes a contact; its subscriptions both ways end. */
  async deleteContact (peerId: string): Promise<void> {
    const contact = this.contact(peerId)
    await this.#store.delete(peerId)
    this.#host.revoke(peerId)
    await this.#host.drop(peerId)
    if (contact.watch) this.#host.emit('watchlist:changed', { peerId, change: 'deleted' })
    this.#host.emit('contact:changed', { peerId, change: 'deleted' })
  }

  /** Whether a peer is a trusted contact. */
  isTrustedContact (peerId: string): boolean {
    return isTrusted(this.#store.get(peerId))
  }

  /** Whether any contact is trusted. */
  hasTrustedContacts (): boolean {
    return this.#store.list().some(c => isTrusted(c))
  }

  async #addCard (card: ContactCard): Promise<Contact> {
    if (card.peerId === this.#host.peerId.toString()) throw new PeerhoodError('INVALID_ARGUMENT', 'that is my own card')
    const existing = this.#store.get(card.peerId)
    const contact: Contact = {
      peerId: card.peerId,
      nickname: card.nickname,
      displayName: card.displayName,
      email: card.email,
      watch: existing?.watch ?? false,
      watcherPermission: existing?.watcherPermission ?? 'blocked',
      addresses: mergeAddresses(card.addresses, existing?.addresses ?? []),
      certificate: card.certificate,
      card: card.text,
      addedAt: existing?.addedAt ?? this.#host.now()
    }
    await this.#store.put(contact)
    await this.#learn(peerIdFromString(contact.peerId), contact.addresses)
    this.#host.emit('contact:changed', { peerId: contact.peerId, change: existing === undefined ? 'added' : 'updated' })
    // a watched contact's card made on another of its nodes names one more endpoint to watch
    if (contact.watch) this.#host.watch(contact.peerId)
    return contact
  }

  /**
   * Puts a peer's addresses in the peer store so it can be dialled by PeerId: an address naming
   * an endpoint (`/p2p/…`, another node of the same identity) goes under that endpoint's PeerId.
   */
  async #learn (peerId: PeerId, addresses: string[]): Promise<void> {
    const byPeer = new Map<string, Multiaddr[]>()
    for (const a of addresses) {
      try {
        const ma = multiaddr(a)
        const owner = endpointOf(ma) ?? peerId.toString()
        byPeer.set(owner, [...(byPeer.get(owner) ?? []), ma])
      } catch { /* not an address */ }
    }
    for (const [owner, addrs] of byPeer) {
      try { await this.#host.peerStore.merge(peerIdFromString(owner), { multiaddrs: addrs }) } catch { /* not a PeerId, or the store is closing */ }
    }
  }
}

/** The PeerId an address names with its last `/p2p/` (the endpoint behind it), if any. */
export function endpointOf (ma: Multiaddr): string | undefined {
  return ma.getComponents().findLast(c => c.name === 'p2p')?.value ?? undefined
}

/** The endpoints a contact's addresses name (its card's node, and any other card's of the same identity); the contact's PeerId when none does. */
export function cardEndpoints (contact: { peerId: string, addresses: readonly string[] }): string[] {
  const out = new Set<string>()
  for (const a of contact.addresses) {
    try {
      const e = endpointOf(multiaddr(a))
      if (e !== undefined) out.add(e)
    } catch { /* not an address */ }
  }
  if (out.size === 0) out.add(contact.peerId)
  return [...out]
}

/** Most addresses kept of one contact (its endpoints' cards together). */
const MAX_CONTACT_ADDRESSES = 64

/**
 * A newer card's addresses, then those of the contact's other endpoints (a card made on another
 * node of the same identity names that node): adding each endpoint's card keeps them all.
 */
export function mergeAddresses (fresh: readonly string[], existing: readonly string[]): string[] {
  const named = new Set(fresh.flatMap(a => { try { return [endpointOf(multiaddr(a))] } catch { return [] } }))
  const others = existing.filter(a => {
    try {
      const e = endpointOf(multiaddr(a))
      return e !== undefined && !named.has(e)
    } catch { return false }
  })
  return [...new Set([...fresh, ...others])].slice(0, MAX_CONTACT_ADDRESSES)
}
