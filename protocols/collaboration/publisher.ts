/**
 * What this node publishes (presence, endpoint name, objects, applications) and pushing each
 * change to the watchers that may see it. Decisions come from `rules.ts` and `frames.ts`; who
 * may watch and who is near is asked of the service.
 */
import { PeerhoodError } from '../common/errors.ts'
import { applicationFrame, frame, objectFrame, presenceFrame, type Publication, snapshotFrames, watcherSees } from './frames.ts'
import { type Frame, Status } from './pb/collab.ts'
import { itemVisible } from './rules.ts'
import type { ApplicationRegistration, PresenceInfo, PublishedObject, Scope, ScopeSet } from './types.ts'
import type { Watcher, WatcherRegistry } from './watchers.ts'

/** What the publisher asks the service. */
export interface PublisherHost {
  /** Whether an identity is a trusted contact whose watching is allowed. */
  mayWatch: (identity: string) => boolean
  /** Seen on People Near Me. */
  isNear: (peerId: string) => boolean
  /** Write time-out, in milliseconds. */
  timeoutMs: number
}

/** This node's publication and its watchers. */
export class Publisher {
  signedIn: ScopeSet = { near: false, internet: false }
  presence: PresenceInfo = { status: 'offline', text: '' }
  endpointName = ''
  readonly objects = new Map<string, PublishedObject>()
  readonly applications = new Map<string, ApplicationRegistration>()
  /** The endpoint revocations of my identity I hold (signed bytes). */
  revocations: () => Iterable<Uint8Array> = () => []
  readonly watchers: WatcherRegistry
  readonly #host: PublisherHost

  constructor (host: PublisherHost, watchers: WatcherRegistry) {
    this.#host = host
    this.watchers = watchers
  }

  /** The publication as the responder and snapshots read it. */
  publication (): Publication {
    return {
      signedIn: this.signedIn,
      presence: this.presence,
      endpointName: this.endpointName,
      objects: this.objects.values(),
      applications: this.applications.values(),
      revocations: this.revocations()
    }
  }

  /** Sends every watcher what it may see now, or ends its subscription when it may see nothing. */
  republish (): void {
    for (const w of this.watchers.all()) {
      if (!this.#host.mayWatch(w.identity)) { this.#end(w, frame({ status: Status.NOT_AUTHORIZED })); continue }
      const near = this.#host.isNear(w.peerId)
      if (!watcherSees(this.publication(), near)) { this.#end(w, presenceFrame({ status: 'offline', text: '' })); continue }
      w.push(snapshotFrames(this.publication(), near), this.#host.timeoutMs)
    }
  }

  /** Ends the subscriptions of every endpoint of a contact because its watching was revoked (it learns nothing more). */
  revoke (identity: string): void {
    for (const w of this.watchers.all()) if (w.identity === identity) this.#end(w, frame({ status: Status.NOT_AUTHORIZED }))
  }

  /** Ends the subscription of one endpoint whose certificate its identity revoked. */
  revokeEndpoint (peerId: string): void {
    for (const w of this.watchers.all()) if (w.peerId === peerId && w.identity !== peerId) this.#end(w, frame({ status: Status.INVALID_CONTACT }))
  }

  /** Pushes a revocation my identity just made to every watcher. */
  pushRevocation (bytes: Uint8Array): void {
    this.#push(() => true, frame({ revocation: bytes as Uint8Array<ArrayBuffer> }))
  }

  /** Ends every subscription with an offline presence (sign-out of all, stop). */
  async endAll (): Promise<void> {
    await Promise.all(this.watchers.all().map(async w => {
      this.watchers.remove(w)
      await w.end(presenceFrame({ status: 'offline', text: '' }), 2_000).catch(() => {})
    }))
  }

  /** Pushes the current presence. */
  pushPresence (): void {
    this.#push(() => true, presenceFrame(this.presence))
  }

  /** Pushes the current endpoint name. */
  pushEndpointName (): void {
    this.#push(() => true, frame({ endpointName: this.endpointName }))
  }

  /** Pushes an object set (or deleted) with the scope it had before, if any. */
  pushObject (object: PublishedObject, previousScope: Scope | undefined, deleted = false): void {
    this.#pushItem(object.scope, previousScope, deleted, (del) => objectFrame(object, del))
  }

  /** Pushes an application registered (or unregistered). */
  pushApplication (app: ApplicationRegistration, previousScope: Scope | undefined, deleted = false): void {
    this.#pushItem(app.scope, previousScope, deleted, (del) => applicationFrame(app, del))
  }

  #pushItem (scope: Scope, previous: Scope | undefined, deleted: boolean, make: (deleted: boolean) => Frame): void {
    for (const w of this.#visibleWatchers()) {
      const near = this.#host.isNear(w.peerId)
      const sawBefore = previous !== undefined && itemVisible(previous, this.signedIn, near)
      const seesNow = !deleted && itemVisible(scope, this.signedIn, near)
      if (seesNow) this.#send(w, make(false))
      else if (sawBefore) this.#send(w, make(true))
    }
  }

  #push (visible: (w: Watcher) => boolean, f: Frame): void {
    for (const w of this.#visibleWatchers()) if (visible(w)) this.#send(w, f)
  }

  #visibleWatchers (): Watcher[] {
    return this.watchers.all().filter(w => !w.closed && watcherSees(this.publication(), this.#host.isNear(w.peerId)))
  }

  #send (w: Watcher, f: Frame): void {
    // a watcher that fell behind gets one whole snapshot once its queue drains instead
    w.push([f], this.#host.timeoutMs)
  }

  #end (w: Watcher, last: Frame): void {
    this.watchers.remove(w)
    w.end(last, this.#host.timeoutMs).catch(() => {})
  }
}

/** `NOT_SIGNED_IN` unless signed in to some scope. */
export function assertSignedIn (signedIn: ScopeSet): void {
  if (!signedIn.near && !signedIn.internet) throw new PeerhoodError('NOT_SIGNED_IN', 'sign in first (peerhood signin)')
}
