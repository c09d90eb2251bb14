/**
 * Endpoint data this node holds of others: subscriptions (reference-counted, plus one hold for
 * a watched contact) and refreshed snapshots (kept until forgotten), at most `MAX_ENDPOINTS`
 * endpoints in all. A subscription that ends leaves its endpoint offline; a push over the limits
 * ends it, leaves the held data as it was and penalises the peer.
 */
import type { Stream } from '@libp2p/interface'
import type { ProtobufStream } from '@libp2p/utils'
import { type ErrorCode, PeerhoodError, isPeerhoodError } from '../common/errors.ts'
import { invalidContact } from '../contacts/card.ts'
import { exchangeError, withTimeout } from '../common/signals.ts'
import { MAX_ENDPOINTS, MAX_FRAME_BURST, MAX_FRAMES_PER_SECOND } from './constants.ts'
import { EndpointView, type ViewChange } from './endpoint-view.ts'
import { Kind, Status } from './pb/collab.ts'
import { JunkError, openRequest, readFrame, readSnapshot } from './requester.ts'
import type { EndpointData, RequestStatus } from './types.ts'

/** What the client needs from the service. */
export interface ClientHost {
  /** Opens a collaboration stream to a PeerId or multiaddr text. */
  openStream: (target: string, signal: AbortSignal) => Promise<Stream>
  /** Reports changes to an endpoint's data, with the identity it proved (the service turns them into events). */
  onChanges: (peerId: string, changes: ViewChange[], view: EndpointView, identity: string) => void
  /** My endpoint certificate, presented with every request (empty when my PeerId is my identity). */
  certificate: () => Uint8Array
  /** The identity an endpoint's certificate proves for its PeerId. Code: `INVALID_CONTACT`. */
  prove: (peerId: string, certificate: Uint8Array) => string
  /** Reports the outcome of a request. */
  onStatus: (status: RequestStatus) => void
  /** An endpoint that proved `identity` delivered an endpoint revocation (unverified bytes). */
  onRevocation: (peerId: string, identity: string, bytes: Uint8Array) => void
  /** Penalises a peer that pushed junk. */
  penalise: (peerId: string, code: ErrorCode) => void
  /** Whether a peer is penalised. */
  isPenalised: (peerId: string) => boolean
  /**
   * How long an endpoint whose subscription ran on a limited (relayed) connection and broke stays
   * as it was before it is shown offline, in milliseconds (0: at once). A relay closes its circuits
   * at its duration and data limits; the contact finder opens a new one within this time.
   */
  graceFor: (stream: Stream) => number
  /** Request time-out, in milliseconds. */
  requestTimeoutMs: number
  /** A subscription silent for this long is dead, in milliseconds. */
  idleTimeoutMs: number
  /** Clock. */
  now: () => number
}

interface Subscription {
  peerId: string
  target: string
  refs: number
  watched: boolean
  /** The contact a watched endpoint must prove to be. */
  contact?: string
  /** The identity it proved (its PeerId until it answers). */
  identity: string
  view: EndpointView
  open: boolean
  opening?: Promise<void>
  controller?: AbortController
  stream?: Stream
  updatedAt: number
  /** Shows the endpoint offline unless the subscription opens again first. */
  grace?: ReturnType<typeof setTimeout>
}

/** Subscriptions and refreshed snapshots. */
export class EndpointClient {
  readonly #host: ClientHost
  readonly #subs = new Map<string, Subscription>()
  readonly #refreshed = new Map<string, { view: EndpointView, updatedAt: number, identity: string }>()

  constructor (host: ClientHost) {
    this.#host = host
  }

  /** The data held of an endpoint (a subscription's has precedence), or undefined. */
  data (peerId: string): EndpointData | undefined {
    const sub = this.#subs.get(peerId)
    if (sub?.view.state !== undefined) return toData(peerId, sub.identity, sub.view, 'subscription', sub.open, sub.updatedAt)
    const r = this.#refreshed.get(peerId)
    if (r?.view.state !== undefined) return toData(peerId, r.identity, r.view, 'refresh', false, r.updatedAt)
    return undefined
  }

  /** The endpoints whose data is held that proved `identity`, or are held to watch it. */
  endpointsOf (identity: string): string[] {
    const out = new Set<string>()
    for (const s of this.#subs.values()) if (s.identity === identity || s.contact === identity) out.add(s.peerId)
    for (const [peerId, r] of this.#refreshed) if (r.identity === identity) out.add(peerId)
    return [...out]
  }

  /** The contact a subscription watches, if any. */
  contactOf (peerId: string): string | undefined { return this.#subs.get(peerId)?.contact }

  /** Whether a subscription to the peer is open. */
  isOpen (peerId: string): boolean { return this.#subs.get(peerId)?.open === true }

  /** Peers with a subscription entry that want it open (referenced or watched) but are not. */
  wanted (): Array<{ peerId: string, target: string, contact?: string }> {
    return [...this.#subs.values()].filter(s => !s.open && s.opening === undefined && (s.refs > 0 || s.watched))
      .map(s => ({ peerId: s.peerId, target: s.target, ...(s.contact === undefined ? {} : { contact: s.contact }) }))
  }

  /** Every peer with a subscription entry that is wanted (referenced or watched), open, opening or not. */
  held (): string[] {
    return [...this.#subs.values()].filter(s => s.refs > 0 || s.watched).map(s => s.peerId)
  }

  /**
   * Subscribes (one reference, or the watch hold of `contact`, which the endpoint must prove to
   * be: the contact itself, or a node its endpoint certificate names); resolves once the first
   * snapshot is in.
   */
  async subscribe (peerId: string, target: string, options: { signal?: AbortSignal, watch?: boolean, contact?: string } = {}): Promise<EndpointData> {
    let sub = this.#subs.get(peerId)
    try {
      if (sub === undefined) {
        this.#checkRoom(peerId)
        sub = { peerId, target, refs: 0, watched: false, identity: peerId, view: new EndpointView(), open: false, updatedAt: 0 }
        this.#subs.set(peerId, sub)
      }
      if (options.watch === true) {
        sub.watched = true
        sub.contact = options.contact ?? peerId
      }
      else sub.refs++
      await this.#ensureOpen(sub, options.signal)
      this.#host.onStatus({ peerId, operation: 'subscribe', status: 'OK' })
      return this.data(peerId)!
    } catch (err) {
      if (sub !== undefined) {
        if (options.watch !== true) sub.refs = Math.max(0, sub.refs - 1)
        if (sub.refs === 0 && !sub.watched && !sub.open) this.#subs.delete(peerId)
      }
      this.#host.onStatus({ peerId, operation: 'subscribe', status: isPeerhoodError(err) ? err.code : 'INTERNAL' })
      throw err
    }
  }

  /** Opens a watched peer's subscription again (after a reconnect); failures are only reported. */
  retry (peerId: string): void {
    const sub = this.#subs.get(peerId)
    if (sub === undefined || sub.open || sub.opening !== undefined) return
    this.#ensureOpen(sub).then(
      () => { this.#host.onStatus({ peerId, operation: 'subscribe', status: 'OK' }) },
      (err) => { this.#host.onStatus({ peerId, operation: 'subscribe', status: isPeerhoodError(err) ? err.code : 'INTERNAL' }) })
  }

  /** Releases one reference (or the watch hold); closes the subscription when none is left. Code: `NOT_FOUND`. */
  async unsubscribe (peerId: string, options: { watch?: boolean } = {}): Promise<void> {
    const sub = this.#subs.get(peerId)
    if (sub === undefined || (options.watch === true ? !sub.watched : sub.refs === 0)) {
      if (options.watch === true) return
      this.#host.onStatus({ peerId, operation: 'unsubscribe', status: 'NOT_FOUND' })
      throw new PeerhoodError('NOT_FOUND', 'no subscription to that endpoint', { details: { peerId } })
    }
    if (options.watch === true) sub.watched = false
    else sub.refs--
    if (sub.refs === 0 && !sub.watched) await this.#close(sub)
    if (options.watch !== true) this.#host.onStatus({ peerId, operation: 'unsubscribe', status: 'OK' })
  }

  /** Fetches a snapshot and keeps it until {@link forget}. */
  async refresh (peerId: string, target: string, options: { signal?: AbortSignal } = {}): Promise<EndpointData> {
    try {
      if (!this.#refreshed.has(peerId) && !this.#subs.has(peerId)) this.#checkRoom(peerId)
      this.#checkPenalty(peerId)
      const view = new EndpointView()
      const identity = await this.#exchange(peerId, target, Kind.SNAPSHOT, view, options.signal, undefined, async () => {})
      this.#refreshed.set(peerId, { view, updatedAt: this.#host.now(), identity })
      this.#host.onStatus({ peerId, operation: 'refresh', status: 'OK' })
      return this.data(peerId)!
    } catch (err) {
      this.#host.onStatus({ peerId, operation: 'refresh', status: isPeerhoodError(err) ? err.code : 'INTERNAL' })
      throw err
    }
  }

  /** Drops a refreshed snapshot. Code: `NOT_FOUND`. */
  forget (peerId: string): void {
    if (!this.#refreshed.delete(peerId)) throw new PeerhoodError('NOT_FOUND', 'no refreshed data of that endpoint', { details: { peerId } })
  }

  /** Closes every subscription and drops every snapshot (sign-out of all scopes, stop). */
  async dropAll (): Promise<void> {
    const subs = [...this.#subs.values()]
    this.#subs.clear()
    this.#refreshed.clear()
    await Promise.all(subs.map(async s => { await this.#close(s) }))
  }

  /** Closes a peer's subscription and forgets it entirely (contact deleted). */
  async drop (peerId: string): Promise<void> {
    const sub = this.#subs.get(peerId)
    this.#subs.delete(peerId)
    this.#refreshed.delete(peerId)
    if (sub !== undefined) await this.#close(sub)
  }

  #checkRoom (peerId: string): void {
    const held = new Set([...this.#subs.keys(), ...this.#refreshed.keys()])
    if (!held.has(peerId) && held.size >= MAX_ENDPOINTS) {
      throw new PeerhoodError('TOO_MANY_ENDPOINTS', `data of at most ${MAX_ENDPOINTS} endpoints is held`, { details: { limit: MAX_ENDPOINTS } })
    }
  }

  #checkPenalty (peerId: string): void {
    if (this.#host.isPenalised(peerId)) throw new PeerhoodError('THROTTLED', 'that peer pushed junk and is refused for now', { details: { peerId } })
  }

  async #ensureOpen (sub: Subscription, outer?: AbortSignal): Promise<void> {
    if (sub.open) return
    this.#checkPenalty(sub.peerId)
    if (sub.opening === undefined) {
      const controller = new AbortController()
      sub.controller = controller
      sub.opening = this.#exchange(sub.peerId, sub.target, Kind.SUBSCRIBE, sub.view, outer, sub, async (pb, stream) => {
        sub.open = true
        sub.stream = stream
        clearTimeout(sub.grace)
        sub.grace = undefined
        sub.updatedAt = this.#host.now()
        this.#follow(sub, pb, stream, controller.signal)
      }).then(() => {}).finally(() => { sub.opening = undefined })
    }
    await sub.opening
  }

  /**
   * One request: open, check the identity the endpoint proves (a watched subscription's must be
   * its contact), read the first snapshot into `view` (emitting its changes for subscriptions),
   * then `then`. Returns the identity proven.
   */
  async #exchange (peerId: string, target: string, kind: Kind, view: EndpointView, outer: AbortSignal | undefined, sub: Subscription | undefined,
    then: (pb: ProtobufStream, stream: Stream) => Promise<void>): Promise<string> {
    const signal = withTimeout(outer, this.#host.requestTimeoutMs)
    let stream: Stream | undefined
    try {
      stream = await this.#host.openStream(target, signal)
      const { pb, first } = await openRequest(stream, kind, signal, this.#host.certificate())
      // the stream was opened to `peerId`, so noise authenticated that PeerId: the certificate must name it
      const identity = this.#host.prove(peerId, first.endpointCertificate)
      if (sub?.contact !== undefined && identity !== sub.contact) throw invalidContact('not-that-contact')
      if (sub !== undefined) sub.identity = identity
      const changes = await readSnapshot(pb, view, signal, (bytes) => { this.#host.onRevocation(peerId, identity, bytes) })
      if (kind === Kind.SUBSCRIBE) this.#host.onChanges(peerId, changes, view, identity)
      else await stream.close({ signal }).catch(() => {})
      await then(pb, stream)
      return identity
    } catch (err) {
      stream?.abort(err as Error)
      if (err instanceof JunkError || (isPeerhoodError(err) && isLimitCode(err.code))) {
        this.#host.penalise(peerId, (err as PeerhoodError).code)
        throw err
      }
      throw exchangeError(err, signal, kind === Kind.SUBSCRIBE ? 'subscription' : 'refresh')
    }
  }

  #follow (sub: Subscription, pb: ProtobufStream, stream: Stream, signal: AbortSignal): void {
    const rate = new FrameRate(MAX_FRAMES_PER_SECOND, MAX_FRAME_BURST, this.#host.now)
    const run = async (): Promise<void> => {
      for (;;) {
        const f = await readFrame(pb, withTimeout(signal, this.#host.idleTimeoutMs))
        if (!rate.take()) throw new JunkError('THROTTLED', 'the endpoint pushes faster than allowed')
        if (f.revocation !== undefined) this.#host.onRevocation(sub.peerId, sub.identity, f.revocation)
        if (f.status === Status.NOT_AUTHORIZED) {
          // watching revoked: keep nothing of what it published
          const gone = sub.view.goOffline()
          if (gone !== undefined) this.#host.onChanges(sub.peerId, [gone], sub.view, sub.identity)
          sub.view = new EndpointView()
          return
        }
        const { changes } = sub.view.apply(f)
        if (changes.length > 0) {
          sub.updatedAt = this.#host.now()
          this.#host.onChanges(sub.peerId, changes, sub.view, sub.identity)
        }
      }
    }
    let broken = false
    run().catch((err) => {
      broken = true
      if (signal.aborted) return
      if (err instanceof JunkError || (isPeerhoodError(err) && isLimitCode(err.code))) this.#host.penalise(sub.peerId, (err as PeerhoodError).code)
      stream.abort(err as Error)
    }).finally(() => {
      if (sub.stream !== stream) return
      sub.open = false
      sub.stream = undefined
      const offline = (): void => {
        sub.grace = undefined
        if (sub.open) return
        const gone = sub.view.goOffline()
        if (gone !== undefined) this.#host.onChanges(sub.peerId, [gone], sub.view, sub.identity)
      }
      // an orderly end sent `offline` first; a broken circuit says nothing about the endpoint
      const grace = broken && !signal.aborted ? this.#host.graceFor(stream) : 0
      if (grace > 0) {
        clearTimeout(sub.grace)
        sub.grace = setTimeout(offline, grace)
        sub.grace.unref?.()
      } else {
        offline()
      }
      if (stream.status === 'open') stream.close().catch(() => {})
    })
  }

  async #close (sub: Subscription): Promise<void> {
    this.#subs.delete(sub.peerId)
    clearTimeout(sub.grace)
    sub.controller?.abort()
    const stream = sub.stream
    sub.stream = undefined
    sub.open = false
    if (stream !== undefined) await stream.close({ signal: AbortSignal.timeout(5_000) }).catch((err: Error) => { stream.abort(err) })
  }
}

/** A token bucket over a subscription's frames: a peer may not flood its watchers. */
class FrameRate {
  #tokens: number
  #last: number
  readonly #perSecond: number
  readonly #burst: number
  readonly #now: () => number

  constructor (perSecond: number, burst: number, now: () => number) {
    this.#perSecond = perSecond
    this.#burst = burst
    this.#tokens = burst
    this.#now = now
    this.#last = now()
  }

  /** Takes one token; false when none is left. */
  take (): boolean {
    const now = this.#now()
    this.#tokens = Math.min(this.#burst, this.#tokens + (now - this.#last) * this.#perSecond / 1000)
    this.#last = now
    if (this.#tokens < 1) return false
    this.#tokens--
    return true
  }
}

/** Codes a peer's push earns a penalty for. */
function isLimitCode (code: ErrorCode): boolean {
  return ['TOO_MANY_OBJECTS', 'OBJECT_TOO_LARGE', 'OBJECT_EMPTY', 'TOO_MANY_APPLICATIONS', 'APPLICATION_DATA_TOO_LARGE',
    'DESCRIPTION_TOO_LONG', 'PRESENCE_TEXT_TOO_LONG', 'NAME_TOO_LONG', 'INVALID_OBJECT_ID', 'INVALID_MESSAGE', 'MESSAGE_TOO_LARGE', 'INVALID_ARGUMENT'].includes(code)
}

function toData (peerId: string, identity: string, view: EndpointView, source: EndpointData['source'], subscribed: boolean, updatedAt: number): EndpointData {
  const s = view.state!
  return {
    peerId,
    contact: identity,
    endpointName: s.endpointName,
    presence: s.presence,
    objects: [...s.objects].map(([id, data]) => ({ id, data })),
    applications: [...s.applications.values()],
    source,
    subscribed,
    updatedAt
  }
}
