/**
 * The People Near Me trusted mark, by identity: an entry is trusted when its PeerId proved to be
 * an endpoint of a trusted contact's identity (`near-trust-rules.ts`). Proofs come from every
 * authenticated collaboration exchange with that PeerId (requests it made to me, subscriptions,
 * `contact add --near`) and, for an entry nobody proved yet, from fetching its card (with its
 * endpoint certificate) over `/peerhood/collab/1.0.0`: at most a few in flight, paced by a token
 * bucket, each PeerId tried at most once per retry period, and only while signed in to near with
 * a trusted contact to find. A change of mark is emitted as `near:changed` (`updated`).
 */
import type { Logger } from '@libp2p/interface'
import {
  MAX_NEAR_PROOFS, NEAR_PROBE_BURST, NEAR_PROBE_CONCURRENCY, NEAR_PROBE_RETRY_MS, NEAR_PROBES_PER_MINUTE, NEAR_PROOF_TTL_MS, NEAR_TRUST_TICK_MS,
  REQUEST_TIMEOUT_MS
} from './constants.ts'
import type { NearPerson, PeopleNearMe } from './near.ts'
import { type NearProof, nearTrusted, proofValid, shouldProbe } from './near-trust-rules.ts'

/** Detail of the collaboration service's `near:changed`: a People Near Me entry's trusted mark changed. */
export interface NearTrustChangedDetail {
  /** Always `updated`: the entry is the same, its mark is not. */
  change: 'updated'
  /** The entry as People Near Me lists it now. */
  person: NearPerson
  /** Whether its PeerId proved to be an endpoint of a trusted contact's identity. */
  trusted: boolean
}

/** What the trust marks ask the service. */
export interface NearTrustHost {
  /** People Near Me, when the node runs it. */
  near: () => PeopleNearMe | undefined
  /** Signed in to near. */
  signedInNear: () => boolean
  /** Whether an identity is a trusted contact. */
  isTrustedContact: (identity: string) => boolean
  /** Whether there is any trusted contact. */
  hasTrustedContacts: () => boolean
  /** Proves an entry's PeerId over the collaboration protocol (records the proof itself); throws when it cannot. */
  prove: (person: NearPerson, signal: AbortSignal) => Promise<void>
  /** Emits a changed mark. */
  emit: (detail: NearTrustChangedDetail) => void
  /** Clock, epoch milliseconds. */
  now: () => number
  /** Logger. */
  log: Logger
}

/** Tuning of {@link NearTrust} (tests shorten it). */
export interface NearTrustInit {
  /** How long a proof counts. @default 3600000 */
  proofTtlMs?: number
  /** Period of the re-check (0: only on events). @default 10000 */
  tickMs?: number
  /** Time-out of one proof. @default 30000 */
  timeoutMs?: number
}

/** Trusted marks of People Near Me entries and the proofs they stand on. */
export class NearTrust {
  readonly #host: NearTrustHost
  readonly #ttlMs: number
  readonly #tickMs: number
  readonly #timeoutMs: number
  readonly #proofs = new Map<string, NearProof>()
  readonly #tried = new Map<string, number>()
  readonly #inFlight = new Set<string>()
  readonly #marks = new Map<string, boolean>()
  #tokens = NEAR_PROBE_BURST
  #tokensAt: number | undefined
  #near: PeopleNearMe | undefined
  /** Whether any contact is trusted, as of the last check (contacts change only with a reconcile). */
  #hasTrusted: boolean | undefined
  #timer: ReturnType<typeof setInterval> | undefined
  #controller = new AbortController()

  constructor (host: NearTrustHost, init: NearTrustInit = {}) {
    this.#host = host
    this.#ttlMs = init.proofTtlMs ?? NEAR_PROOF_TTL_MS
    this.#tickMs = init.tickMs ?? NEAR_TRUST_TICK_MS
    this.#timeoutMs = init.timeoutMs ?? REQUEST_TIMEOUT_MS
  }

  /** Follows People Near Me's changes (once every service runs). */
  start (): void {
    this.#controller = new AbortController()
    this.#near = this.#host.near()
    this.#near?.addEventListener('near:changed', this.#onNear)
    if (this.#tickMs > 0) {
      this.#timer = setInterval(() => { this.reconcile() }, this.#tickMs)
      this.#timer.unref?.()
    }
  }

  stop (): void {
    this.#near?.removeEventListener('near:changed', this.#onNear)
    this.#near = undefined
    clearInterval(this.#timer)
    this.#timer = undefined
    this.#controller.abort()
  }

  /** The trusted mark of a PeerId now. */
  trusted (peerId: string): boolean {
    return nearTrusted(this.#proofs.get(peerId), this.#host.now(), this.#ttlMs, this.#host.isTrustedContact)
  }

  /**
   * `endpoint` proved `identity` on an authenticated connection. Kept only for an endpoint listed
   * near or of a trusted contact: strangers connecting cannot push real proofs out of the bound.
   */
  record (endpoint: string, identity: string): void {
    if (this.#near?.get(endpoint)?.peerId !== endpoint && !this.#host.isTrustedContact(identity)) return
    this.#proofs.delete(endpoint)
    this.#proofs.set(endpoint, { identity, provenAt: this.#host.now() })
    while (this.#proofs.size > MAX_NEAR_PROOFS) this.#proofs.delete(this.#proofs.keys().next().value!)
    this.#check(endpoint)
  }

  /** Forgets what an endpoint proved (its certificate was revoked). */
  forget (endpoint: string): void {
    this.#proofs.delete(endpoint)
    this.#check(endpoint)
  }

  /** Forgets every proof (sign-out of every scope). */
  clear (): void {
    this.#proofs.clear()
    this.#tried.clear()
    this.reconcile()
  }

  /** Checks every entry's mark again (contacts changed, proofs lapsed) and proves those it may. */
  reconcile (): void {
    const near = this.#near
    this.#hasTrusted = undefined
    if (near === undefined) return
    const seen = new Set<string>()
    for (const person of near.list()) {
      seen.add(person.peerId)
      this.#update(person)
    }
    for (const peerId of [...this.#marks.keys()]) if (!seen.has(peerId)) this.#marks.delete(peerId)
  }

  readonly #onNear = (evt: Event): void => {
    const { change, person } = (evt as CustomEvent<{ change: string, person: NearPerson }>).detail
    if (change === 'removed') this.#marks.delete(person.peerId)
    else this.#update(person)
  }

  #check (peerId: string): void {
    const person = this.#near?.get(peerId)
    if (person !== undefined && person.peerId === peerId) this.#update(person)
  }

  #update (person: NearPerson): void {
    const trusted = this.trusted(person.peerId)
    const before = this.#marks.get(person.peerId)
    this.#marks.set(person.peerId, trusted)
    // the first mark rides on People Near Me's own `added`; only a change is news
    if (before !== undefined && before !== trusted) this.#host.emit({ change: 'updated', person, trusted })
    if (!trusted) this.#maybeProve(person)
  }

  #maybeProve (person: NearPerson): void {
    const now = this.#host.now()
    const go = shouldProbe({
      signedInNear: this.#host.signedInNear(),
      hasTrustedContacts: this.#hasTrusted ??= this.#host.hasTrustedContacts(),
      proven: proofValid(this.#proofs.get(person.peerId), now, this.#ttlMs),
      inFlight: this.#inFlight.has(person.peerId),
      lastTriedAt: this.#tried.get(person.peerId),
      running: this.#inFlight.size
    }, now, { concurrency: NEAR_PROBE_CONCURRENCY, retryMs: NEAR_PROBE_RETRY_MS })
    if (!go || !this.#spend(now)) return
    const peerId = person.peerId
    this.#tried.delete(peerId)
    this.#tried.set(peerId, now)
    while (this.#tried.size > MAX_NEAR_PROOFS) this.#tried.delete(this.#tried.keys().next().value!)
    this.#inFlight.add(peerId)
    const signal = AbortSignal.any([this.#controller.signal, AbortSignal.timeout(this.#timeoutMs)])
    this.#host.prove(person, signal).catch((err) => {
      this.#host.log('could not prove People Near Me entry %s: %s', peerId, (err as Error)?.message)
    }).finally(() => { this.#inFlight.delete(peerId) })
  }

  /** Takes one start from the token bucket, if there is one. */
  #spend (now: number): boolean {
    const elapsed = this.#tokensAt === undefined ? 0 : Math.max(0, now - this.#tokensAt)
    this.#tokens = Math.min(NEAR_PROBE_BURST, this.#tokens + elapsed * NEAR_PROBES_PER_MINUTE / 60_000)
    this.#tokensAt = now
    if (this.#tokens < 1) return false
    this.#tokens -= 1
    return true
  }
}
