/**
 * The application invitation service (Windows `PeerCollabInviteContact` / `InviteEndpoint` /
 * `CancelInvitation`): invitations, their answers and their cancellation over
 * `/peerhood/app-invite/1.0.0`, one message and one reply per stream. The sender's node is the
 * authority on an invitation's fate: a late answer to an invitation it expired or cancelled is
 * refused and the recipient's copy follows.
 */
import { randomBytes } from 'node:crypto'
import {
  type ComponentLogger, type Connection, type Libp2pEvents, type Logger, type PeerId, type PeerStore, type Startable, type Stream,
  type TypedEventTarget, serviceCapabilities, TypedEventEmitter
} from '@libp2p/interface'
import type { ConnectionManager, Registrar } from '@libp2p/interface-internal'
import { peerIdFromString } from '@libp2p/peer-id'
import { multiaddr } from '@multiformats/multiaddr'
import type { Datastore } from 'interface-datastore'
import { isPeerhoodError, PeerhoodError } from '../common/errors.ts'
import { connectionTo } from '../common/connections.ts'
import type { Collaboration } from '../collaboration/types.ts'
import type { PeopleNearMe } from '../collaboration/near.ts'
import type { NearChangedDetail } from '../people-near-me/index.ts'
import { Penalties } from '../collaboration/penalties.ts'
import { JunkError, sendRefusal } from '../common/refusal.ts'
import { resolveTarget } from '../collaboration/target.ts'
import { APP_INVITE_PROTOCOL, EXCHANGE_TIMEOUT_MS, MAX_OUTGOING, MAX_PENALISED, PENALTY_MS, QUEUE_RETRY_MS, SENDER_BURST, SENDER_PER_MINUTE } from './constants.ts'
import { Incoming } from './incoming.ts'
import { Message, Reply } from './pb/app-invite.ts'
import { cancelAction, checkContent, fanoutCancels, fanoutResult, isFinal, responseVerdict, senderExpiry } from './rules.ts'
import { QueueStore } from './store.ts'
import { FinishedTable } from './table.ts'
import { hostSession } from './session.ts'
import type {
  AcceptPolicy, AppInvitations, AppInvitationsEvents, AppInvitationsInit, HostSessionOptions, IncomingInvitation, InviteOptions, OutgoingInvitation,
  OutgoingState, SessionResult
} from './types.ts'
import type { PeerGroups } from '../peer-groups/types.ts'
import { answer, ask, message, refusalError, reply } from './wire.ts'

/** Components the service uses. */
export interface AppInvitationsComponents {
  peerId: PeerId
  registrar: Registrar
  connectionManager: ConnectionManager
  peerStore: PeerStore
  datastore: Datastore
  events: TypedEventTarget<Libp2pEvents>
  logger: ComponentLogger
}

/** A hosted session's hook: the group invitation for an acceptor that asked to join. */
export type SessionJoinHook = (inv: OutgoingInvitation) => Promise<string>

interface Sending {
  inv: OutgoingInvitation
  abort?: AbortController
  timer?: ReturnType<typeof setTimeout>
  done: { promise: Promise<OutgoingInvitation>, resolve: (inv: OutgoingInvitation) => void }
}

/** Implementation of {@link AppInvitations}. */
export class AppInvitationsService extends TypedEventEmitter<AppInvitationsEvents> implements AppInvitations, Startable {
  readonly protocol: string
  readonly #components: AppInvitationsComponents
  readonly #init: AppInvitationsInit
  readonly #log: Logger
  readonly #now: () => number
  readonly #timeoutMs: number
  readonly #queue: QueueStore
  readonly #out = new Map<string, Sending>()
  readonly #finished = new FinishedTable<OutgoingInvitation>()
  readonly #incoming: Incoming
  readonly #penalties: Penalties
  /** Hooks of hosted sessions by session id. */
  readonly sessions = new Map<string, SessionJoinHook>()
  #started = false
  #retryTimer?: ReturnType<typeof setInterval>

  constructor (components: AppInvitationsComponents, init: AppInvitationsInit = {}) {
    super()
    this.#components = components
    this.#init = init
    this.#log = components.logger.forComponent('peerhood:app-invitations')
    this.protocol = init.protocol ?? APP_INVITE_PROTOCOL
    this.#now = init.now ?? Date.now
    this.#timeoutMs = init.exchangeTimeoutMs ?? EXCHANGE_TIMEOUT_MS
    this.#queue = new QueueStore(components.datastore)
    this.#penalties = new Penalties(MAX_PENALISED, init.penaltyMs ?? PENALTY_MS, this.#now)
    this.#incoming = new Incoming({
      policy: init.accept ?? 'contacts',
      autoJoinSessions: init.autoJoinSessions ?? false,
      burst: init.senderBurst ?? SENDER_BURST,
      perMinute: init.senderPerMinute ?? SENDER_PER_MINUTE,
      now: this.#now,
      collab: () => this.#collab(),
      groups: () => this.#groups(),
      ask: async (peerId, msg) => await this.#ask(peerId, msg, AbortSignal.timeout(this.#timeoutMs)),
      emit: (type, detail) => { this.safeDispatchEvent(type, { detail } as never) },
      log: init.launchLog ?? ((line) => { this.#log(line) })
    })
  }

  readonly [Symbol.toStringTag] = '@peerhood/app-invitations'
  readonly [serviceCapabilities]: string[] = ['@peerhood/app-invitations']

  async start (): Promise<void> {
    // a contact behind NAT is often reachable only through a relay: an invitation (at most 16 KiB
    // of data) fits a relayed connection's limits, and the per-sender budget bounds what arrives
    await this.#components.registrar.handle(this.protocol, async (stream: Stream, connection: Connection) => {
      await this.#onStream(stream, connection)
    }, { maxInboundStreams: 8, runOnLimitedConnection: true })
    this.#components.events.addEventListener('peer:connect', this.#onConnect)
    this.#near()?.addEventListener('near:changed', this.#onNear)
    this.#started = true
    for (const inv of await this.#queue.all()) {
      if (this.#now() >= inv.expiresAt) { await this.#queue.delete(inv.id); continue }
      this.#track({ ...inv, state: 'queued' })
    }
    const retryMs = this.#init.queueRetryMs ?? QUEUE_RETRY_MS
    if (retryMs > 0) this.#retryTimer = setInterval(() => { for (const s of this.#out.values()) if (s.inv.state === 'queued') this.retry(s.inv.peerId) }, retryMs)
  }

  async stop (): Promise<void> {
    this.#started = false
    clearInterval(this.#retryTimer)
    this.#components.events.removeEventListener('peer:connect', this.#onConnect)
    this.#near()?.removeEventListener('near:changed', this.#onNear)
    await this.#components.registrar.unhandle(this.protocol).catch(() => {})
    for (const s of this.#out.values()) {
      clearTimeout(s.timer)
      s.abort?.abort(new PeerhoodError('NOT_STARTED', 'the node stops'))
    }
    this.#out.clear()
    this.#incoming.stop()
  }

  policy (): AcceptPolicy { return this.#incoming.policy }

  async hostSession (options: HostSessionOptions): Promise<SessionResult> {
    const onProgress = options.onProgress
    return await hostSession(this, this.#groups(), {
      ...options,
      onProgress: (i) => {
        onProgress?.(i)
        this.safeDispatchEvent('session:progress', { detail: i })
      }
    })
  }

  // ---- sender

  async invite (to: string, options: InviteOptions): Promise<OutgoingInvitation> {
    if (!this.#started) throw new PeerhoodError('NOT_STARTED', 'the invitation service is not started')
    const content = checkContent({ appId: options.appId, message: options.message ?? '', data: options.data ?? new Uint8Array(0) })
    const expiresIn = senderExpiry(options.expiresInMs)
    const { peerId, verified, contact, endpoints } = await this.#resolve(to)
    // a contact signed in on several endpoints is invited on each (.NET): one fan-out, the first acceptance wins
    if (endpoints.length > 1 && options.fanout === undefined) {
      const sent = await this.inviteEach(endpoints, options)
      return sent[0]!
    }
    if (peerId === this.#components.peerId.toString()) throw new PeerhoodError('CONNECT_SELF', 'a node does not invite itself')
    if (this.#out.size >= MAX_OUTGOING) throw new PeerhoodError('THROTTLED', 'too many unfinished invitations')
    const now = this.#now()
    const inv: OutgoingInvitation = {
      id: randomBytes(12).toString('hex'), peerId, verified, state: 'sending', createdAt: now, expiresAt: now + expiresIn, ...content,
      ...(options.session === undefined ? {} : { session: options.session }),
      ...(options.fanout === undefined ? {} : { fanout: options.fanout }),
      ...(contact === undefined || contact === peerId ? {} : { contact })
    }
    const s = this.#track(inv)
    await this.#deliver(s, options.signal)
    return { ...s.inv }
  }

  async inviteEach (targets: string[], options: InviteOptions): Promise<OutgoingInvitation[]> {
    if (targets.length === 0) throw new PeerhoodError('INVALID_ARGUMENT', 'no endpoint to invite')
    const fanout = randomBytes(8).toString('hex')
    const results = await Promise.allSettled(targets.map(async (t) => await this.invite(t, { ...options, fanout })))
    const sent = results.flatMap(r => r.status === 'fulfilled' ? [r.value] : [])
    if (sent.length === 0) throw (results[0] as PromiseRejectedResult).reason
    return sent
  }

  async waitForResponse (id: string, options: { signal?: AbortSignal } = {}): Promise<OutgoingInvitation> {
    const inv = this.status(id)
    const s = this.#out.get(id)
    const done = inv.fanout !== undefined ? this.#waitFanout(inv.fanout) : s === undefined ? Promise.resolve(inv) : s.done.promise
    if (options.signal === undefined) return await done
    const signal = options.signal
    return await Promise.race([done, new Promise<never>((_resolve, reject) => {
      if (signal.aborted) reject(new PeerhoodError('TIMEOUT', 'no answer yet'))
      signal.addEventListener('abort', () => { reject(new PeerhoodError('TIMEOUT', 'no answer yet')) }, { once: true })
    })])
  }

  /** The invitations of a fan-out, unfinished and finished. */
  #fanout (fanout: string): OutgoingInvitation[] {
    const open = [...this.#out.values()].map(s => s.inv).filter(i => i.fanout === fanout)
    const done = this.#finished.values().filter(i => i.fanout === fanout && !open.some(o => o.id === i.id))
    return [...open, ...done].sort((a, b) => a.createdAt - b.createdAt)
  }

  async #waitFanout (fanout: string): Promise<OutgoingInvitation> {
    for (;;) {
      const all = this.#fanout(fanout)
      const result = fanoutResult(all)
      if (result !== undefined) return { ...result }
      const open = all.flatMap(i => { const s = this.#out.get(i.id); return s === undefined ? [] : [s.done.promise] })
      // nothing left to wait for (the finished table forgot them): the last known state stands
      if (open.length === 0) return { ...(all[0] ?? this.status(fanout)) }
      await Promise.race(open)
    }
  }

  async cancel (id: string): Promise<OutgoingInvitation> {
    const s = this.#out.get(id)
    if (s === undefined) return this.status(id)
    // one person invited on several endpoints: the whole invitation is withdrawn
    if (s.inv.fanout !== undefined) for (const other of this.#fanout(s.inv.fanout)) if (other.id !== id) await this.#cancelOne(other.id)
    return await this.#cancelOne(id)
  }

  async #cancelOne (id: string): Promise<OutgoingInvitation> {
    const s = this.#out.get(id)
    if (s === undefined) return this.status(id)
    const action = cancelAction(s.inv.state)
    if (action === 'noop') return { ...s.inv }
    const wasSending = s.inv.state === 'sending'
    this.#finish(s, 'cancelled')
    s.abort?.abort(new PeerhoodError('INVITE_CANCELLED', 'the invitation was cancelled'))
    // a delivered one is withdrawn at the recipient; one being sent may have arrived already
    if (action === 'notify' || wasSending) {
      this.#ask(s.inv.peerId, message({ kind: Message.Kind.CANCEL, id }), AbortSignal.timeout(this.#timeoutMs))
        .catch((err) => { this.#log('cancel of %s not told: %s', id, (err as Error)?.message) })
    }
    return { ...s.inv }
  }

  status (id: string): OutgoingInvitation {
    const inv = this.#out.get(id)?.inv ?? this.#finished.get(id)
    if (inv === undefined) throw new PeerhoodError('NOT_FOUND', 'no such invitation', { details: { id } })
    return { ...inv }
  }

  sent (): OutgoingInvitation[] {
    return [...[...this.#out.values()].map(s => ({ ...s.inv })), ...this.#finished.values()]
  }

  // ---- recipient (incoming.ts)

  received (): IncomingInvitation[] { return this.#incoming.pending() }

  incoming (id: string): IncomingInvitation { return this.#incoming.get(id) }

  async accept (id: string, options: { message?: string, join?: boolean } = {}): Promise<IncomingInvitation> {
    return await this.#incoming.answer(id, 'accepted', options)
  }

  async decline (id: string, options: { message?: string } = {}): Promise<IncomingInvitation> {
    return await this.#incoming.answer(id, 'declined', options)
  }

  /** The last group invitation a hosted session handed this node for an accepted invitation. */
  groupInvitationOf (id: string): string | undefined { return this.#incoming.groupInvitation(id) }

  // ---- internals

  #track (inv: OutgoingInvitation): Sending {
    let resolve!: (inv: OutgoingInvitation) => void
    const promise = new Promise<OutgoingInvitation>((r) => { resolve = r })
    const s: Sending = { inv, done: { promise, resolve } }
    this.#out.set(inv.id, s)
    s.timer = setTimeout(() => { this.#expire(s) }, Math.max(0, inv.expiresAt - this.#now()))
    return s
  }

  #expire (s: Sending): void {
    if (isFinal(s.inv.state)) return
    s.abort?.abort(new PeerhoodError('INVITATION_EXPIRED', 'the invitation expired'))
    this.#finish(s, 'expired')
    this.safeDispatchEvent('invitation:expired', { detail: { id: s.inv.id, side: 'sender' } })
  }

  #finish (s: Sending, state: OutgoingState, extra: Partial<OutgoingInvitation> = {}): void {
    if (isFinal(s.inv.state)) return
    clearTimeout(s.timer)
    s.inv = { ...s.inv, ...extra, state }
    this.#out.delete(s.inv.id)
    this.#finished.add(s.inv.id, s.inv)
    this.#queue.delete(s.inv.id).catch(() => {})
    this.safeDispatchEvent('invitation:response', { detail: { ...s.inv } })
    s.done.resolve({ ...s.inv })
    if (state === 'accepted' && s.inv.fanout !== undefined) {
      const siblings = [...this.#out.values()].filter(o => o.inv.fanout === s.inv.fanout).map(o => o.inv)
      for (const id of fanoutCancels(s.inv.id, siblings)) this.#cancelOne(id).catch(() => {})
    }
  }

  #setState (s: Sending, state: OutgoingState, extra: Partial<OutgoingInvitation> = {}): void {
    s.inv = { ...s.inv, ...extra, state }
    this.safeDispatchEvent('invitation:response', { detail: { ...s.inv } })
  }

  async #deliver (s: Sending, signal?: AbortSignal): Promise<void> {
    const abort = new AbortController()
    s.abort = abort
    const signals = [abort.signal, AbortSignal.timeout(this.#timeoutMs), ...(signal === undefined ? [] : [signal])]
    const inv = s.inv
    const retrying = inv.state === 'queued'
    // a retry of a queued invitation is quiet until something changes
    if (retrying) s.inv = { ...s.inv, state: 'sending' }
    try {
      const r = await this.#ask(inv.peerId, message({
        kind: Message.Kind.INVITE, id: inv.id, appId: inv.appId, message: inv.message, data: inv.data as Uint8Array<ArrayBuffer>,
        expiresInMs: Math.max(0, inv.expiresAt - this.#now()), contact: inv.verified, join: inv.session !== undefined,
        endpointCertificate: (this.#collab()?.endpointCertificate() ?? new Uint8Array(0)) as Uint8Array<ArrayBuffer>
      }), AbortSignal.any(signals))
      if (isFinal(s.inv.state)) return
      if (r.status === Reply.Status.OK) {
        // an answer may have beaten the reply to the invite
        if (s.inv.state === 'sending') this.#setState(s, 'delivered')
        await this.#queue.delete(inv.id)
        return
      }
      const err = refusalError(r.status, r.refusal)
      this.#finish(s, r.status === Reply.Status.EXPIRED ? 'expired' : 'error', { error: err.code })
      throw err
    } catch (err) {
      if (s.inv.state === 'cancelled') throw new PeerhoodError('INVITE_CANCELLED', 'the invitation was cancelled before it was delivered')
      if (s.inv.state === 'expired') throw new PeerhoodError('INVITATION_EXPIRED', 'the invitation expired before it was delivered')
      if (isPeerhoodError(err) && isFinal(s.inv.state)) throw err
      const code = err instanceof JunkError ? err.code : isPeerhoodError(err) ? err.code : 'CONNECTION_FAILED'
      // a trusted contact that cannot be reached now gets it when it is next seen
      if (s.inv.verified && !(err instanceof JunkError)) {
        if (retrying) s.inv = { ...s.inv, state: 'queued', error: code }
        else this.#setState(s, 'queued', { error: code })
        await this.#queue.put(s.inv)
        return
      }
      this.#finish(s, 'error', { error: code })
      throw new PeerhoodError(code, 'the invitation was not delivered', { cause: err })
    } finally {
      s.abort = undefined
    }
  }

  readonly #onConnect = (evt: CustomEvent<PeerId>): void => { this.retry(evt.detail.toString()) }

  // a contact seen on People Near Me is reachable at the addresses it announces
  readonly #onNear = (evt: CustomEvent<NearChangedDetail>): void => {
    const { change, person } = evt.detail
    if (change === 'removed' || ![...this.#out.values()].some(s => s.inv.peerId === person.peerId && s.inv.state === 'queued')) return
    this.#components.peerStore.merge(peerIdFromString(person.peerId), { multiaddrs: person.addresses.map(a => multiaddr(a)) })
      .catch(() => {}).finally(() => { this.retry(person.peerId) })
  }

  /** Retries the queued invitations of one peer now (a People Near Me sighting, a shared group). */
  retry (peerId: string): void {
    for (const s of this.#out.values()) {
      if (s.inv.peerId === peerId && s.inv.state === 'queued') this.#deliver(s).catch(() => {})
    }
  }

  async #onStream (stream: Stream, connection: Connection): Promise<void> {
    const from = connection.remotePeer.toString()
    // a peer that sent junk is refused for a while, by PeerId (a reconnect does not clear it)
    if (this.#penalties.has(from)) {
      await sendRefusal(stream, Reply.encode(reply(Reply.Status.THROTTLED, '', 'THROTTLED')))
      return
    }
    try {
      const { msg, reply: r } = await answer(stream, AbortSignal.timeout(this.#timeoutMs), async (msg) => {
        if (msg.kind === Message.Kind.INVITE) return this.#incoming.onInvite(from, msg)
        if (msg.kind === Message.Kind.CANCEL) return this.#incoming.onCancel(from, msg.id)
        if (msg.kind === Message.Kind.RESPONSE) return await this.#onResponse(from, msg)
        return reply(Reply.Status.INVALID, '', 'INVALID_MESSAGE')
      })
      this.#log('%s %s from %s: %s', msg.kind, msg.id, from, r.status)
      if (r.status === Reply.Status.INVALID) this.#penalties.add(from)
    } catch (err) {
      this.#log('inbound from %s failed: %s', from, (err as Error)?.message)
      // over the size bound or not protobuf is junk; a slow or broken transport is not
      if (err instanceof JunkError) this.#penalties.add(from)
      stream.abort(err as Error)
    }
  }

  async #onResponse (from: string, msg: Message): Promise<Reply> {
    const s = this.#out.get(msg.id)
    // only the invitee answers: anyone else learns nothing of the invitation
    const inv = s?.inv.peerId === from ? s.inv : this.#finished.get(msg.id)?.peerId === from ? this.#finished.get(msg.id) : undefined
    const verdict = responseVerdict(inv?.state, inv?.expiresAt ?? 0, this.#now())
    if (verdict !== 'OK' || s === undefined) return reply(verdict === 'OK' ? Reply.Status.UNKNOWN_INVITATION : Reply.Status[verdict])
    const accepted = msg.action === Message.Action.ACCEPTED
    if (!accepted && msg.action !== Message.Action.DECLINED) return reply(Reply.Status.INVALID)
    let groupInvitation = ''
    const hook = s.inv.session === undefined ? undefined : this.sessions.get(s.inv.session)
    if (accepted && msg.join && hook !== undefined) {
      try { groupInvitation = await hook(s.inv) } catch (err) { this.#log.error('session group invitation for %s: %s', from, (err as Error)?.message) }
    }
    this.#finish(s, accepted ? 'accepted' : 'declined', { responseMessage: msg.message.slice(0, 255) })
    return reply(Reply.Status.OK, groupInvitation)
  }

  /**
   * Who `to` is: a People Near Me entry, a trusted contact (with the endpoints it was seen signed
   * in on, each proven by its endpoint certificate; a contact's endpoint invited on its own stays
   * verified), or a bare endpoint.
   */
  async #resolve (to: string): Promise<{ peerId: string, verified: boolean, contact?: string, endpoints: string[] }> {
    if (to.startsWith('@')) {
      const person = this.#near()?.get(to.slice(1))
      if (person === undefined) throw new PeerhoodError('NOT_FOUND', 'nobody with that id near', { details: { id: to } })
      const addrs = person.addresses.map(a => multiaddr(a))
      if (addrs.length > 0) await this.#components.peerStore.merge(peerIdFromString(person.peerId), { multiaddrs: addrs }).catch(() => {})
      return { peerId: person.peerId, verified: false, endpoints: [] }
    }
    const collab = this.#collab()
    const contact = collab?.contacts().find(c => c.peerId === to || c.nickname === to || c.displayName === to)
    if (contact !== undefined && contact.certificate !== undefined) {
      const endpoints = signedInEndpoints(collab!, contact.peerId)
      // the one endpoint seen is where the contact is, when it is not the contact's own key
      const peerId = endpoints.length === 1 ? endpoints[0]! : contact.peerId
      return { peerId, verified: true, contact: contact.peerId, endpoints }
    }
    const { peerId, target } = resolveTarget(to)
    if (target.startsWith('/')) await this.#components.peerStore.merge(peerIdFromString(peerId), { multiaddrs: [multiaddr(target)] }).catch(() => {})
    // a contact's endpoint named by its PeerId: verified when it proved to be that contact
    const owner = collab?.endpointOwner(peerId)
    if (owner !== undefined && collab?.isTrustedContact(owner) === true) return { peerId, verified: true, contact: owner, endpoints: [] }
    return { peerId, verified: false, endpoints: [] }
  }

  async #ask (peerId: string, msg: Message, signal: AbortSignal): Promise<Reply> {
    let stream: Stream
    try {
      // the open connection there is, relayed included: openStream would dial a second circuit
      const connection = await connectionTo(this.#components.connectionManager, peerIdFromString(peerId), { signal })
      stream = await connection.newStream(this.protocol, { signal, runOnLimitedConnection: true })
    } catch (err) {
      if (signal.aborted) throw err
      throw new PeerhoodError('CONNECTION_FAILED', 'the peer cannot be reached', { cause: err, details: { peerId } })
    }
    try {
      return await ask(stream, msg, signal)
    } catch (err) {
      stream.abort(err as Error)
      throw err
    }
  }

  #groups (): PeerGroups | undefined {
    if (this.#init.groups !== undefined) return this.#init.groups()
    try {
      return (this.#components as unknown as Record<string, PeerGroups | undefined>).groups
    } catch {
      return undefined
    }
  }

  #collab (): Collaboration | undefined {
    if (this.#init.collaboration !== undefined) return this.#init.collaboration()
    try {
      return (this.#components as unknown as Record<string, Collaboration | undefined>).collaboration
    } catch {
      return undefined
    }
  }

  #near (): PeopleNearMe | undefined {
    if (this.#init.peopleNearMe !== undefined) return this.#init.peopleNearMe()
    try {
      return (this.#components as unknown as Record<string, PeopleNearMe | undefined>).peopleNearMe
    } catch {
      return undefined
    }
  }
}

/** The endpoints a contact is seen signed in on (none when not signed in, or not watched). */
function signedInEndpoints (collab: Collaboration, contact: string): string[] {
  try {
    return collab.endpoints(contact).filter(e => e.presence.status !== 'offline').map(e => e.peerId)
  } catch {
    // not signed in: the contact's own PeerId, as for a single node
    return []
  }
}
