/**
 * The collaboration service (Windows `PeerCollab*`): sign-in per scope, Me, contacts, watching
 * over `/peerhood/collab/1.0.0`, presence, objects and applications. Contacts and the sign-in
 * state persist in the datastore; objects are run-time data dropped at sign-out of all scopes.
 */
import { hostname } from 'node:os'
import {
  type ComponentLogger, type Connection, type ContentRouting, type Libp2pEvents, type Logger, type PeerId, type PeerRouting, type PeerStore, type PrivateKey,
  type Startable, type Stream, type TypedEventTarget, serviceCapabilities, TypedEventEmitter
} from '@libp2p/interface'
import type { AddressManager, ConnectionManager, Registrar } from '@libp2p/interface-internal'
import { peerIdFromString } from '@libp2p/peer-id'
import { multiaddr } from '@multiformats/multiaddr'
import type { Datastore } from 'interface-datastore'
import { connectionTo } from '../common/connections.ts'
import { isPeerhoodError, PeerhoodError } from '../common/errors.ts'
import { createIdentityCertificate } from '../certificates/identity-certificate.ts'
import { createCard } from '../contacts/card.ts'
import { parseCardInput } from '../contacts/card-json.ts'
import { checkNames, mayWatch } from '../contacts/rules.ts'
import { ContactStore } from '../contacts/store.ts'
import type { Contact, ContactCard, ContactPatch } from '../contacts/types.ts'
import {
  COLLAB_PROTOCOL, FIND_TICK_MS, INBOUND_REQUEST_TIMEOUT_MS, KEEP_ALIVE_MS, MAX_PENALISED, MAX_WATCHERS, PENALTY_MS, RELAY_GRACE_MS, REQUEST_TIMEOUT_MS, WATCH_RETRY_MS
} from './constants.ts'
import type { EndpointView, ViewChange } from './endpoint-view.ts'
import { cardEndpoints, ContactBook } from './contact-book.ts'
import { EndpointIdentity, KnownEndpoints, provenIdentity } from './endpoint-identity.ts'
import { failedToProve } from './identity-lookup.ts'
import { ContactFinder } from './contact-finder.ts'
import { Kind, Status } from './pb/collab.ts'
import { type ApplicationInput, deleteObject, type Publishing, registerApplication, setObject, setPresence, unregisterApplication } from './publishing.ts'
import { frame } from './frames.ts'
import type { PeopleNearMe } from './near.ts'
import { NearTrust } from './near-trust.ts'
import { Revocations } from './revocations.ts'
import { revocationInfo, Revoker } from './revoker.ts'
import { Penalties } from './penalties.ts'
import { assertSignedIn, Publisher } from './publisher.ts'
import { JunkError } from './requester.ts'
import { respond } from './responder.ts'
import {
  afterSignin, afterSignout, checkAdvertisable, checkEndpointName, isSignedIn, parseScope, scopeName
} from './rules.ts'
import { StateStore } from './state-store.ts'
import { EndpointClient } from './subscriptions.ts'
import type {
  ApplicationInfo, ApplicationRegistration, Collaboration, CollaborationEvents, CollaborationInit, CollabRequestOptions, EndpointData,
  EndpointObject, EndpointRevocationInfo, EndpointSummary, MeInfo, MePatch, PresenceInfo, PresenceStatus, PublishedObject, Scope, ScopeSet, SigninStatus
} from './types.ts'
import { resolveTarget } from './target.ts'
import { WatcherRegistry } from './watchers.ts'

/** Components the service uses. */
export interface CollaborationComponents {
  peerId: PeerId
  privateKey: PrivateKey
  registrar: Registrar
  connectionManager: ConnectionManager
  addressManager: AddressManager
  peerStore: PeerStore
  datastore: Datastore
  events: TypedEventTarget<Libp2pEvents>
  logger: ComponentLogger
  /** Peer routing (the DHT): finds watched contacts in the `internet` scope. */
  peerRouting?: PeerRouting
  /** Content routing (the DHT): announces this endpoint and finds contacts in DHT client mode. */
  contentRouting?: ContentRouting
}

/** Implementation of {@link Collaboration}. */
export class CollaborationService extends TypedEventEmitter<CollaborationEvents> implements Collaboration, Startable {
  /** The protocol id it speaks. */
  readonly protocol: string
  readonly #components: CollaborationComponents
  readonly #init: CollaborationInit
  readonly #log: Logger
  readonly #now: () => number
  readonly #contacts: ContactStore
  readonly #store: StateStore
  readonly #publisher: Publisher
  readonly #client: EndpointClient
  readonly #penalties: Penalties
  readonly #book: ContactBook
  readonly #publishing: Publishing
  readonly #requestTimeoutMs: number
  /** This node as an endpoint of the identity it signs in as. */
  readonly #me: EndpointIdentity
  /** Endpoints of other identities seen proving them. */
  readonly #known = new KnownEndpoints()
  /** People Near Me's trusted marks, by the identity each entry's PeerId proved. */
  readonly #nearTrust: NearTrust
  /** Endpoint revocations held (of my identity and of trusted contacts'). */
  readonly #revocations: Revocations
  readonly #revoker: Revoker
  #names = { nickname: '', displayName: '', email: '' }
  #certificate: Uint8Array = new Uint8Array(0)
  #endpointNameSet = false
  #startScopes: ScopeSet | undefined
  #timers: Array<ReturnType<typeof setInterval>> = []
  #finder: ContactFinder | undefined
  /** Streams opened on limited (relayed) connections. */
  readonly #limitedStreams = new WeakSet<Stream>()
  #started = false

  constructor (components: CollaborationComponents, init: CollaborationInit = {}) {
    super()
    this.#components = components
    this.#init = init
    this.#log = components.logger.forComponent('peerhood:collaboration')
    this.protocol = init.protocol ?? COLLAB_PROTOCOL
    this.#now = init.now ?? Date.now
    this.#requestTimeoutMs = init.requestTimeoutMs ?? REQUEST_TIMEOUT_MS
    this.#me = new EndpointIdentity(components.peerId.toString(), init.identity?.privateKey, this.#now)
    this.#contacts = new ContactStore(components.datastore)
    this.#store = new StateStore(components.datastore)
    this.#revocations = new Revocations(components.datastore)
    this.#penalties = new Penalties(MAX_PENALISED, init.penaltyMs ?? PENALTY_MS, this.#now)
    const inboundTimeoutMs = init.inboundTimeoutMs ?? INBOUND_REQUEST_TIMEOUT_MS
    this.#publisher = new Publisher({
      mayWatch: (peerId) => mayWatch(this.#contacts.get(peerId)),
      isNear: (peerId) => this.#isNear(peerId),
      timeoutMs: inboundTimeoutMs
    }, new WatcherRegistry(MAX_WATCHERS))
    this.#publishing = {
      publisher: this.#publisher,
      store: this.#store,
      emit: (type, detail) => { this.safeDispatchEvent(type, { detail } as never) }
    }
    this.#book = new ContactBook(this.#contacts, {
      peerId: peerIdFromString(this.#me.identity),
      peerStore: components.peerStore,
      connectionManager: components.connectionManager,
      protocol: this.protocol,
      requestTimeoutMs: this.#requestTimeoutMs,
      now: this.#now,
      signedIn: () => this.#publisher.signedIn,
      near: () => this.#near(),
      cardText: async () => await this.#myCardText(),
      certificate: () => this.#me.certificate(),
      onProven: (endpoint, identity) => { this.#proven(endpoint, identity) },
      isRevoked: this.#isRevoked,
      revoke: (peerId) => { this.#publisher.revoke(peerId) },
      watch: (peerId) => { this.#watch(peerId) },
      unwatch: async (peerId) => {
        for (const e of this.#client.endpointsOf(peerId)) if (this.#client.contactOf(e) === peerId) await this.#client.unsubscribe(e, { watch: true })
      },
      drop: async (peerId) => {
        for (const e of new Set([peerId, ...this.#client.endpointsOf(peerId)])) await this.#client.drop(e)
        this.#known.forgetIdentity(peerId)
      },
      emit: (type, detail) => {
        this.safeDispatchEvent(type, { detail } as never)
        if (type === 'contact:changed') this.#nearTrust.reconcile()
      }
    })
    this.#nearTrust = new NearTrust({
      near: () => this.#near(),
      signedInNear: () => this.#publisher.signedIn.near,
      isTrustedContact: (identity) => this.#book.isTrustedContact(identity),
      hasTrustedContacts: () => this.#book.hasTrustedContacts(),
      prove: async (person, signal) => { await this.#book.proveNear(person, signal) },
      emit: (detail) => { this.safeDispatchEvent('near:changed', { detail }) },
      now: this.#now,
      log: this.#log
    }, init.nearTrust)
    this.#revoker = new Revoker({
      revocations: this.#revocations,
      identity: this.#me.identity,
      endpoint: this.#me.endpoint,
      identityKey: () => init.identity?.privateKey ?? components.privateKey,
      now: this.#now,
      isTrustedContact: (identity) => this.#book.isTrustedContact(identity),
      retire: async (endpoint) => { await this.#retire(endpoint) },
      push: (bytes) => { this.#publisher.pushRevocation(bytes) },
      emit: (detail) => { this.safeDispatchEvent('endpoint:revoked', { detail }) },
      log: this.#log
    })
    this.#client = new EndpointClient({
      openStream: async (target, signal) => await this.#openStream(target, signal),
      onChanges: (peerId, changes, view, identity) => { this.#emitChanges(peerId, identity, changes, view) },
      certificate: () => this.#me.certificate(),
      prove: (peerId, certificate) => this.proveEndpoint(peerId, certificate),
      onRevocation: (peerId, identity, bytes) => {
        this.#revoker.received(peerId, identity, bytes).catch((err) => { this.#log.error('keeping a revocation failed - %e', err) })
      },
      onStatus: (status) => {
        // only a subscription that opened resets the search: a contact reached whose snapshot cannot cross (a relay's data limit) keeps backing off
        if (status.operation === 'subscribe' && status.status === 'OK') this.#finder?.reached(status.peerId)
        this.safeDispatchEvent('request:status', { detail: status })
      },
      penalise: (peerId, code) => { this.#log('penalising %s: %s', peerId, code); this.#penalties.add(peerId) },
      isPenalised: (peerId) => this.#penalties.has(peerId),
      graceFor: (stream) => this.#limitedStreams.has(stream) ? (init.relayGraceMs ?? RELAY_GRACE_MS) : 0,
      requestTimeoutMs: this.#requestTimeoutMs,
      idleTimeoutMs: 3 * (init.keepAliveMs ?? KEEP_ALIVE_MS),
      now: this.#now
    })
  }

  readonly [Symbol.toStringTag] = '@peerhood/collaboration'
  readonly [serviceCapabilities]: string[] = ['@peerhood/collaboration']

  async start (): Promise<void> {
    const state = await this.#store.load()
    await this.#contacts.load()
    await this.#revocations.load()
    let mine: { from: readonly unknown[], bytes: Uint8Array[] } | undefined
    this.#publisher.revocations = () => {
      const held = this.#revocations.of(this.#me.identity)
      if (mine?.from !== held) mine = { from: held, bytes: held.map(r => r.bytes) }
      return mine.bytes
    }
    for (const app of await this.#store.applications()) this.#publisher.applications.set(app.id, app)
    const fallback = this.#init.displayName ?? this.#me.identity
    this.#names = { nickname: state.nickname ?? fallback, displayName: state.displayName ?? fallback, email: state.email ?? '' }
    this.#endpointNameSet = state.endpointName !== undefined
    this.#publisher.endpointName = state.endpointName ?? this.#init.endpointName ?? hostname().slice(0, 255)
    this.#certificate = await this.#identityCertificate()
    const inboundTimeoutMs = this.#init.inboundTimeoutMs ?? INBOUND_REQUEST_TIMEOUT_MS
    await this.#components.registrar.handle(this.protocol, async (stream: Stream, connection: Connection) => {
      try {
        const { outcome, identity, forged } = await respond(stream, connection, {
          isPenalised: (peerId) => this.#penalties.has(peerId),
          mayWatch: (peerId) => mayWatch(this.#contacts.get(peerId)),
          certificate: () => this.#me.certificate(),
          now: this.#now,
          isRevoked: this.#isRevoked,
          isNear: (peerId) => this.#isNear(peerId),
          publication: () => this.#publisher.publication(),
          cardText: async () => await this.#myCardText(),
          watchers: this.#publisher.watchers,
          timeoutMs: inboundTimeoutMs
        })
        const remote = connection.remotePeer.toString()
        this.#log('%s from %p', outcome, connection.remotePeer)
        // a certificate forged or replayed by another node is junk; a lapsed one is not
        if (outcome.endsWith(`:${Status.INVALID_REQUEST}`) || forged === true) this.#penalties.add(remote)
        if (identity !== undefined) this.#proven(remote, identity)
        if (outcome === `${Kind.SUBSCRIBE}:${Status.OK}` && identity !== undefined) this.#watchBack(remote, identity)
      } catch (err) {
        // a request over the size bound or that does not decode is junk; a slow one is not
        if (err instanceof JunkError) this.#penalties.add(connection.remotePeer.toString())
        stream.abort(err as Error)
      }
    }, { maxInboundStreams: 4, runOnLimitedConnection: true })
    this.#components.events.addEventListener('peer:connect', this.#onConnect)
    this.#components.events.addEventListener('self:peer:update', this.#onSelfUpdate)
    this.#started = true
    let scopes = { near: state.near, internet: state.internet }
    const auto = this.#init.autoSignin ?? 'off'
    if (auto !== 'off') scopes = afterSignin(scopes, auto)
    this.#startScopes = scopes
    const keepAliveMs = this.#init.keepAliveMs ?? KEEP_ALIVE_MS
    this.#timers.push(setInterval(() => { for (const w of this.#publisher.watchers.all()) w.push([frame({})], inboundTimeoutMs) }, keepAliveMs))
    const retryMs = this.#init.watchRetryMs ?? WATCH_RETRY_MS
    if (retryMs > 0) this.#timers.push(setInterval(() => { this.#retryWatched() }, retryMs))
    this.#finder = new ContactFinder({
      peerId: this.#components.peerId,
      identity: this.#me.identity,
      identityLookup: {
        skip: (_identity, endpoint) => endpoint === this.#me.endpoint || this.#client.contactOf(endpoint) !== undefined || this.#penalties.has(endpoint),
        found: (identity, endpoint) => { this.#watchAnnounced(identity, endpoint) }
      },
      connectionManager: this.#components.connectionManager,
      ...optional(this.#components, 'peerRouting'),
      ...optional(this.#components, 'contentRouting'),
      logger: this.#components.logger,
      stepTimeoutMs: this.#requestTimeoutMs,
      ...(this.#init.findBackoff === undefined ? {} : { backoff: this.#init.findBackoff }),
      now: this.#now
    })
    const findTickMs = this.#init.findTickMs ?? FIND_TICK_MS
    if (findTickMs > 0) this.#timers.push(setInterval(() => { this.#findWatched() }, findTickMs))
  }

  /** Signs in to the persisted (and automatic) scopes once every service runs: People Near Me advertises on mDNS. */
  async afterStart (): Promise<void> {
    const scopes = this.#startScopes
    this.#startScopes = undefined
    this.#nearTrust.start()
    if (scopes !== undefined && isSignedIn(scopes)) await this.#applySignin(scopes, false)
  }

  /** Tells watchers this endpoint goes offline while the connections are still up. */
  async beforeStop (): Promise<void> {
    await this.#publisher.endAll()
  }

  async stop (): Promise<void> {
    this.#started = false
    this.#nearTrust.stop()
    for (const t of this.#timers.splice(0)) clearInterval(t)
    this.#finder?.stop()
    this.#finder = undefined
    this.#components.events.removeEventListener('peer:connect', this.#onConnect)
    this.#components.events.removeEventListener('self:peer:update', this.#onSelfUpdate)
    // unhandle first: libp2p stops the peer store beside this service
    await this.#components.registrar.unhandle(this.protocol).catch(() => {})
    await this.#publisher.endAll()
    await this.#client.dropAll()
  }

  // ---- sign-in

  signinStatus (): SigninStatus {
    const s = this.#publisher.signedIn
    return { scope: scopeName(s), near: s.near, internet: s.internet }
  }

  async signin (scope: Scope): Promise<SigninStatus> {
    this.#assertStarted()
    const next = afterSignin(this.#publisher.signedIn, parseScope(scope))
    await this.#applySignin(next, true)
    return this.signinStatus()
  }

  async signout (scope: Scope): Promise<SigninStatus> {
    this.#assertStarted()
    const before = this.#publisher.signedIn
    const next = afterSignout(before, parseScope(scope))
    if (next.near === before.near && next.internet === before.internet) return this.signinStatus()
    this.#publisher.signedIn = next
    await this.#persist()
    if (before.near && !next.near) await this.#advertise(false)
    if (before.internet && !next.internet) this.#finder?.withdraw()
    if (!isSignedIn(next)) {
      // as in Windows: transient data goes, and one sign-out event replaces per-object events
      this.#publisher.presence = { status: 'offline', text: '' }
      this.#publisher.objects.clear()
      await this.#publisher.endAll()
      await this.#client.dropAll()
      this.#known.clear()
      this.#nearTrust.clear()
    } else {
      this.#publisher.republish()
    }
    this.safeDispatchEvent('signin:changed', { detail: { ...this.signinStatus(), change: 'signed-out' } })
    return this.signinStatus()
  }

  async #applySignin (next: { near: boolean, internet: boolean }, persist: boolean): Promise<void> {
    const before = this.#publisher.signedIn
    if (next.near === before.near && next.internet === before.internet) return
    const wasSignedIn = isSignedIn(before)
    this.#publisher.signedIn = next
    if (!wasSignedIn) this.#publisher.presence = { status: 'online', text: '' }
    if (persist) await this.#persist()
    if (next.near && !before.near) await this.#advertise(true)
    this.#publisher.republish()
    this.safeDispatchEvent('signin:changed', { detail: { ...this.signinStatus(), change: 'signed-in' } })
    if (!wasSignedIn) for (const c of this.#contacts.list()) if (c.watch) this.#watch(c.peerId)
    if (next.near && !before.near) this.#nearTrust.reconcile()
    if (next.internet && !before.internet) this.#findWatched()
  }

  async #advertise (on: boolean): Promise<void> {
    const near = this.#near()
    if (near === undefined) return
    try {
      await near.advertise(on ? { nickname: this.#names.nickname, endpointName: this.#publisher.endpointName } : undefined)
    } catch (err) {
      this.#log.error('People Near Me advertise failed: %s', (err as Error)?.message)
    }
  }

  // ---- Me

  me (): MeInfo {
    return { peerId: this.#me.identity, endpointPeerId: this.#me.endpoint, ...this.#names, endpointName: this.#publisher.endpointName }
  }

  async setMe (patch: MePatch): Promise<MeInfo> {
    const names = checkNames(patch)
    const endpointName = patch.endpointName === undefined ? undefined : checkAdvertisable('endpointName', checkEndpointName(patch.endpointName))
    if (names.nickname !== undefined) checkAdvertisable('nickname', names.nickname)
    const before = this.me()
    this.#names = { ...this.#names, ...names }
    if (endpointName !== undefined) this.#publisher.endpointName = endpointName
    await this.#persist(endpointName !== undefined)
    const after = this.me()
    if (after.nickname !== before.nickname || after.endpointName !== before.endpointName) {
      this.safeDispatchEvent('my:endpoint-changed', { detail: { endpointName: after.endpointName, nickname: after.nickname } })
      if (this.#publisher.signedIn.near) await this.#advertise(true)
    }
    if (after.endpointName !== before.endpointName) this.#publisher.pushEndpointName()
    return after
  }

  // ---- cards and contacts (contact-book.ts)

  async exportCard (peerId?: string): Promise<ContactCard> { return await this.#book.exportCard(peerId === this.#me.endpoint ? undefined : peerId) }

  parseCard (input: string): ContactCard { return parseCardInput(input) }

  async addContact (input: string): Promise<Contact> { return await this.#book.addContact(input) }

  async addContactNear (id: string, options: CollabRequestOptions = {}): Promise<Contact> { return await this.#book.addContactNear(id, options) }

  contacts (): Contact[] { return this.#book.contacts() }

  contact (peerId: string): Contact { return this.#book.contact(peerId) }

  async updateContact (peerId: string, patch: ContactPatch): Promise<Contact> { return await this.#book.updateContact(peerId, patch) }

  async deleteContact (peerId: string): Promise<void> { await this.#book.deleteContact(peerId) }

  isTrustedContact (peerId: string): boolean { return this.#book.isTrustedContact(peerId) }

  nearTrusted (peerId: string): boolean { return this.#nearTrust.trusted(peerId) }

  // ---- presence, objects, applications

  presence (peerId?: string): PresenceInfo {
    if (peerId === undefined || peerId === this.#me.endpoint || peerId === this.#me.identity) return this.#publisher.presence
    return this.endpoint(peerId).presence
  }

  async setPresence (presence: { status: PresenceStatus, text?: string }): Promise<PresenceInfo> { return setPresence(this.#publishing, presence) }

  async setObject (object: { id: string, data: Uint8Array, scope?: Scope }): Promise<PublishedObject> { return setObject(this.#publishing, object) }

  async deleteObject (id: string): Promise<void> { deleteObject(this.#publishing, id) }

  objects (): PublishedObject[] { return [...this.#publisher.objects.values()] }

  endpointObjects (peerId: string): EndpointObject[] { return this.endpoint(peerId).objects }

  async registerApplication (app: ApplicationInput): Promise<ApplicationRegistration> { return await registerApplication(this.#publishing, app) }

  async unregisterApplication (id: string): Promise<void> { await unregisterApplication(this.#publishing, id) }

  applications (): ApplicationRegistration[] { return [...this.#publisher.applications.values()] }

  endpointApplications (peerId: string): ApplicationInfo[] { return this.endpoint(peerId).applications }

  // ---- endpoints

  async subscribe (peerOrAddress: string, options: CollabRequestOptions = {}): Promise<EndpointData> {
    assertSignedIn(this.#publisher.signedIn)
    const { peerId, target } = resolveTarget(peerOrAddress)
    return await this.#client.subscribe(peerId, target, options)
  }

  async unsubscribe (peerOrAddress: string): Promise<void> {
    const { peerId } = resolveTarget(peerOrAddress)
    await this.#client.unsubscribe(peerId)
  }

  async refresh (peerOrAddress: string, options: CollabRequestOptions = {}): Promise<EndpointData> {
    assertSignedIn(this.#publisher.signedIn)
    const { peerId, target } = resolveTarget(peerOrAddress)
    return await this.#client.refresh(peerId, target, options)
  }

  forget (peerId: string): void {
    this.#client.forget(resolveTarget(peerId).peerId)
  }

  endpoint (peerId: string): EndpointData {
    const data = this.#dataOf(resolveTarget(peerId).peerId)
    if (data === undefined) throw new PeerhoodError('NOT_FOUND', 'no data of that endpoint (subscribe or refresh first)', { details: { peerId } })
    return data
  }

  endpoints (contactPeerId: string): EndpointSummary[] {
    assertSignedIn(this.#publisher.signedIn)
    const contact = this.contact(contactPeerId)
    // the contact's own PeerId, and every node seen proving its identity with an endpoint certificate
    const candidates = new Set([contact.peerId, ...this.#client.endpointsOf(contact.peerId), ...this.#known.endpointsOf(contact.peerId)])
    const out: EndpointSummary[] = []
    for (const endpoint of candidates) {
      const data = this.#client.data(endpoint)
      // held to watch the contact but not (yet) proven: not one of its endpoints
      if (data !== undefined && data.contact !== contact.peerId) continue
      if (this.#revocations.has(contact.peerId, endpoint)) continue
      const connected = this.#components.connectionManager.getConnections(peerIdFromString(endpoint)).map(c => c.remoteAddr.toString())
      if (data === undefined && (connected.length === 0 || (endpoint !== contact.peerId && this.#known.identityOf(endpoint) !== contact.peerId))) continue
      out.push({
        peerId: endpoint,
        endpointName: data?.endpointName ?? '',
        presence: data?.presence ?? { status: 'offline', text: '' },
        addresses: connected.length > 0 ? connected : contact.addresses,
        subscribed: this.#client.isOpen(endpoint)
      })
    }
    return out.sort((a, b) => a.peerId.localeCompare(b.peerId))
  }

  endpointCertificate (): Uint8Array { return this.#me.certificate() }

  async revokeEndpoint (peerId: string, options: { reason?: string } = {}): Promise<EndpointRevocationInfo> {
    this.#assertStarted()
    return await this.#revoker.revoke(peerId, options.reason)
  }

  revokedEndpoints (identity?: string): EndpointRevocationInfo[] {
    return (identity === undefined ? this.#revocations.all() : this.#revocations.of(identity)).map(revocationInfo)
  }

  endpointOwner (peerId: string): string | undefined {
    const held = this.#client.data(peerId)?.contact
    return held !== undefined && held !== peerId ? held : this.#known.identityOf(peerId)
  }

  proveEndpoint (peerId: string, certificate: Uint8Array): string {
    const identity = provenIdentity(peerId, certificate, this.#now(), this.#isRevoked)
    this.#proven(peerId, identity)
    return identity
  }

  // ---- internals

  readonly #isRevoked = (identity: string, endpoint: string): boolean => this.#revocations.has(identity, endpoint)

  /** Stops using an endpoint its identity revoked: what I hold of it, my watch of it, its watch of me, its proofs. */
  async #retire (endpoint: string): Promise<void> {
    this.#publisher.revokeEndpoint(endpoint)
    this.#known.forget(endpoint)
    this.#nearTrust.forget(endpoint)
    await this.#client.drop(endpoint)
  }

  /** An endpoint proved an identity on an authenticated connection. */
  #proven (endpoint: string, identity: string): void {
    this.#known.record(endpoint, identity)
    this.#nearTrust.record(endpoint, identity)
  }

  /**
   * The data of an endpoint; for a contact that runs on several endpoints (none of them its own
   * PeerId), that of one of them: online first, as .NET's `IsOnline` looks at any endpoint.
   */
  #dataOf (peerId: string): EndpointData | undefined {
    const own = this.#client.data(peerId)
    if (own !== undefined) return own
    const held = this.#client.endpointsOf(peerId).map(e => this.#client.data(e)).filter((d): d is EndpointData => d?.contact === peerId)
    return held.find(d => d.presence.status !== 'offline') ?? held[0]
  }

  #assertStarted (): void {
    if (!this.#started) throw new PeerhoodError('NOT_STARTED', 'the collaboration service is not started')
  }

  #near (): PeopleNearMe | undefined {
    if (this.#init.peopleNearMe !== undefined) return this.#init.peopleNearMe()
    try {
      return (this.#components as unknown as Record<string, PeopleNearMe | undefined>).peopleNearMe
    } catch {
      // no People Near Me service on this node
      return undefined
    }
  }

  #isNear (peerId: string): boolean {
    return this.#near()?.get(peerId) !== undefined
  }

  /**
   * Watches a contact: subscribes to each of its endpoints known (the nodes its cards' addresses
   * name, and those seen proving its identity), each of which must prove to be it.
   */
  #watch (peerId: string): void {
    if (!isSignedIn(this.#publisher.signedIn)) return
    const contact = this.#contacts.get(peerId)
    const endpoints = new Set([...(contact === undefined ? [peerId] : cardEndpoints(contact)), ...this.#known.endpointsOf(peerId)])
    for (const endpoint of endpoints) if (!this.#revocations.has(peerId, endpoint)) this.#watchEndpoint(peerId, endpoint)
  }

  #watchEndpoint (contact: string, endpoint: string): void {
    if (endpoint === this.#me.endpoint) return
    this.#client.subscribe(endpoint, endpoint, { watch: true, contact }).catch(async (err) => {
      this.#log('watching %s at %s: %s', contact, endpoint, (err as Error)?.message)
      // a node that is not that contact's endpoint (any more) is not tried again
      if (isPeerhoodError(err, 'INVALID_CONTACT') || isPeerhoodError(err, 'ENDPOINT_REVOKED')) await this.#client.unsubscribe(endpoint, { watch: true }).catch(() => {})
    })
  }

  /**
   * A node announcing the identity of a contact I watch, found in the DHT and connected: watched
   * like any endpoint of it, which it must prove to be. A provider record proves nothing, so one
   * whose subscription fails is dropped at once (it keeps none of the `MAX_ENDPOINTS` slots; the
   * next look-up tries it again), and one that proves another identity or forges is penalised:
   * it is not tried again, nor answered, for the penalty's time.
   */
  #watchAnnounced (identity: string, endpoint: string): void {
    // a look-up still running when the node signed out of internet finds nothing any more
    if (!this.#publisher.signedIn.internet || this.#contacts.get(identity)?.watch !== true || endpoint === this.#me.endpoint) return
    if (this.#client.contactOf(endpoint) !== undefined) return
    this.#client.subscribe(endpoint, endpoint, { watch: true, contact: identity }).catch(async (err) => {
      this.#log('watching %s at %s, found in the DHT: %s', identity, endpoint, (err as Error)?.message)
      if (failedToProve(err)) this.#penalties.add(endpoint)
      // one that opened meanwhile (the endpoint watched me, proving the identity, and I subscribed back) stays
      if (this.#client.contactOf(endpoint) === identity && !this.#client.isOpen(endpoint)) await this.#client.unsubscribe(endpoint, { watch: true }).catch(() => {})
    })
  }

  /**
   * An endpoint of a contact I watch just subscribed to me: it has most likely just allowed me too
   * (both sides running `contact update --allow-watching --watch`, the first refused), or it is an
   * endpoint of that contact I did not know; my watch of it is opened at once instead of at the next
   * retry period.
   */
  #watchBack (endpoint: string, identity: string): void {
    if (!isSignedIn(this.#publisher.signedIn) || this.#contacts.get(identity)?.watch !== true || this.#client.isOpen(endpoint)) return
    if (this.#client.contactOf(endpoint) === identity) this.#client.retry(endpoint)
    else this.#watchEndpoint(identity, endpoint)
  }

  /** The watched contact an endpoint is (or is held for), if any. */
  #watchedContactOf (endpoint: string): string | undefined {
    const contact = this.#client.contactOf(endpoint) ?? this.#known.identityOf(endpoint) ?? endpoint
    return this.#contacts.get(contact)?.watch === true ? contact : undefined
  }

  #retryWatched (): void {
    if (!isSignedIn(this.#publisher.signedIn)) return
    for (const { peerId } of this.#client.wanted()) this.#client.retry(peerId)
  }

  /**
   * Signed in to `internet`: stays findable in the DHT, and looks for the watched contacts whose
   * subscription is not open and that are not connected (their own backoff decides when).
   */
  #findWatched (): void {
    const finder = this.#finder
    if (finder === undefined || !this.#publisher.signedIn.internet) return
    finder.announce()
    const lost = this.#client.wanted().flatMap(w => {
      const c: Contact | undefined = this.#contacts.get(w.contact ?? w.peerId)
      return c?.watch === true ? [{ peerId: w.peerId, addresses: c.addresses }] : []
    })
    // a contact (or endpoint) being subscribed to is not lost, but its search keeps its backoff;
    // every watched identity is looked up for endpoints no card names
    finder.tick(lost, this.#client.held(), this.#contacts.list().filter(c => c.watch).map(c => c.peerId))
  }

  /** My addresses changed (a relay reservation came, a NAT mapping moved): the DHT gets the new ones. */
  readonly #onSelfUpdate = (): void => {
    this.#finder?.addressesChanged()
  }

  readonly #onConnect = (evt: CustomEvent<PeerId>): void => {
    const peerId = evt.detail.toString()
    const contact = this.#watchedContactOf(peerId)
    if (!isSignedIn(this.#publisher.signedIn) || contact === undefined) return
    if (this.#client.isOpen(peerId)) return
    if (this.#client.wanted().some(w => w.peerId === peerId)) this.#client.retry(peerId)
    else this.#watchEndpoint(contact, peerId)
  }

  async #openStream (target: string, signal: AbortSignal): Promise<Stream> {
    // a watched contact behind NAT is often reachable only through a relay: take the open (maybe limited) connection
    const cm = this.#components.connectionManager
    const connection = target.startsWith('/') ? await cm.openConnection(multiaddr(target), { signal }) : await connectionTo(cm, peerIdFromString(target), { signal })
    const stream = await connection.newStream(this.protocol, { signal, runOnLimitedConnection: true })
    if (connection.limits != null) this.#limitedStreams.add(stream)
    return stream
  }

  #emitChanges (peerId: string, contact: string, changes: ViewChange[], view: EndpointView): void {
    const endpointName = view.state?.endpointName ?? ''
    for (const c of changes) {
      if (c.kind === 'presence') this.safeDispatchEvent('endpoint:presence-changed', { detail: { peerId, contact, endpointName, change: c.change, presence: c.presence } })
      else if (c.kind === 'endpoint') this.safeDispatchEvent('endpoint:changed', { detail: { peerId, contact, endpointName: c.endpointName } })
      else if (c.kind === 'object') this.safeDispatchEvent('endpoint:object-changed', { detail: { peerId, contact, change: c.change, object: c.object } })
      else this.safeDispatchEvent('endpoint:application-changed', { detail: { peerId, contact, change: c.change, application: c.application } })
    }
  }

  async #myCardText (): Promise<string> {
    // signed by the identity key: the card names the identity, its addresses this endpoint
    return createCard(this.#init.identity?.privateKey ?? this.#components.privateKey, this.#certificate, {
      ...this.#names,
      addresses: this.#components.addressManager.getAddresses().map(a => a.toString())
    })
  }

  async #identityCertificate (): Promise<Uint8Array> {
    if (this.#init.identity !== undefined) return this.#init.identity.certificate
    if (this.#init.identityCertificate !== undefined) return this.#init.identityCertificate
    const stored = await this.#store.identityCertificate()
    if (stored !== undefined) return stored
    const made = await createIdentityCertificate(this.#components.privateKey, { displayName: this.#init.displayName ?? this.#components.peerId.toString() })
    await this.#store.saveIdentityCertificate(made)
    return made
  }

  async #persist (endpointNameSet = false): Promise<void> {
    // the endpoint name follows the host name until it is set once (as in Windows)
    if (endpointNameSet) this.#endpointNameSet = true
    await this.#store.save({
      near: this.#publisher.signedIn.near,
      internet: this.#publisher.signedIn.internet,
      ...this.#names,
      ...(this.#endpointNameSet ? { endpointName: this.#publisher.endpointName } : {})
    })
  }
}

/** A component libp2p may not have (no DHT), as an optional property. */
function optional<K extends 'peerRouting' | 'contentRouting'> (components: CollaborationComponents, key: K): Partial<Pick<CollaborationComponents, K>> {
  try {
    const value = components[key]
    return value === undefined ? {} : { [key]: value } as Partial<Pick<CollaborationComponents, K>>
  } catch {
    // libp2p's components throw for a component that is not there
    return {}
  }
}
