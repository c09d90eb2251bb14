/**
 * Contacts as the collaboration service keeps them: cards exported, parsed and added (from text
 * or from a People Near Me entry over the collaboration protocol), updates that start or stop
 * watching and revoke a watcher at once, deletion.
 */
import type { PeerId, PeerStore, Stream } from '@libp2p/interface'
import type { ConnectionManager } from '@libp2p/interface-internal'
import { peerIdFromString } from '@libp2p/peer-id'
import { multiaddr } from '@multiformats/multiaddr'
import { PeerhoodError } from '../common/errors.ts'
import { exchangeError } from '../common/signals.ts'
import { parseCard } from '../contacts/card.ts'
import { parseCardInput } from '../contacts/card-json.ts'
import { applyContactPatch, isTrusted } from '../contacts/rules.ts'
import type { ContactStore } from '../contacts/store.ts'
import type { Contact, ContactCard, ContactPatch } from '../contacts/types.ts'
import type { PeopleNearMe } from './near.ts'
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
    const remote = peerIdFromString(person.peerId)
    await this.#learn(remote, person.addresses)
    const signal = AbortSignal.any([AbortSignal.timeout(this.#host.requestTimeoutMs), ...(options.signal === undefined ? [] : [options.signal])])
    let text: string
    let stream: Stream | undefined
    try {
      stream = await this.#host.connectionManager.openStream(remote, this.#host.protocol, { signal })
      text = await requestCard(stream, signal)
    } catch (err) {
      stream?.abort(err as Error)
      throw exchangeError(err, signal, 'card request')
    }
    const card = parseCardInput(text)
    // the mDNS announcement proves nothing: the card must be the connection's own peer's
    if (card.peerId !== person.peerId) throw new PeerhoodError('INVALID_CONTACT', 'the card is not that peer\'s', { details: { reason: 'peer-mismatch' } })
    return await this.#addCard(card)
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
      addresses: card.addresses,
      certificate: card.certificate,
      card: card.text,
      addedAt: existing?.addedAt ?? this.#host.now()
    }
    await this.#store.put(contact)
    await this.#learn(peerIdFromString(contact.peerId), contact.addresses)
    this.#host.emit('contact:changed', { peerId: contact.peerId, change: existing === undefined ? 'added' : 'updated' })
    return contact
  }

  /** Puts a peer's addresses in the peer store so it can be dialled by PeerId. */
  async #learn (peerId: PeerId, addresses: string[]): Promise<void> {
    const addrs = addresses.flatMap(a => { try { return [multiaddr(a)] } catch { return [] } })
    if (addrs.length > 0) await this.#host.peerStore.merge(peerId, { multiaddrs: addrs }).catch(() => {})
  }
}
