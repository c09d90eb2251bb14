/**
 * Endpoint revocations this node holds (of its own identity, made here, and of trusted contacts'
 * identities, received from their endpoints), persisted in the datastore one key each
 * (`/peerhood/collab/revocations/<identity>/<endpoint>`, the signed bytes) and verified again
 * when loaded, bounded by `revocation-rules.ts`.
 */
import type { Datastore } from 'interface-datastore'
import { Key } from 'interface-datastore'
import { PeerhoodError } from '../common/errors.ts'
import { type EndpointRevocation, verifyEndpointRevocation } from '../contacts/endpoint-revocation.ts'
import { MAX_REVOCATIONS_PER_IDENTITY, MAX_REVOCATIONS_TOTAL } from './constants.ts'
import { admitRevocation, isRevoked, type RevocationAdmission, type RevocationLimits } from './revocation-rules.ts'

const PREFIX = '/peerhood/collab/revocations'

/** The revocations held, by identity then endpoint. */
export class Revocations {
  readonly #datastore: Datastore
  readonly #limits: RevocationLimits
  readonly #byIdentity = new Map<string, Map<string, EndpointRevocation>>()
  /** Sorted lists by identity (every snapshot sends mine): rebuilt after a change. */
  readonly #sorted = new Map<string, EndpointRevocation[]>()
  #total = 0

  constructor (datastore: Datastore, limits: RevocationLimits = { perIdentity: MAX_REVOCATIONS_PER_IDENTITY, total: MAX_REVOCATIONS_TOTAL }) {
    this.#datastore = datastore
    this.#limits = limits
  }

  /** Reads the stored revocations (one that no longer verifies is skipped). */
  async load (): Promise<void> {
    this.#byIdentity.clear()
    this.#sorted.clear()
    this.#total = 0
    for await (const { value } of this.#datastore.query({ prefix: PREFIX })) {
      try {
        const rev = verifyEndpointRevocation(value)
        if (admitRevocation(this.has(rev.identity, rev.endpoint), this.#count(rev.identity), this.#total, this.#limits) === 'added') this.#hold(rev)
      } catch { /* damaged entry */ }
    }
  }

  /** Whether `identity` revoked `endpoint`. */
  has (identity: string, endpoint: string): boolean { return isRevoked(this.#byIdentity, identity, endpoint) }

  /** The revocation of `endpoint` by `identity`, if held. */
  get (identity: string, endpoint: string): EndpointRevocation | undefined { return this.#byIdentity.get(identity)?.get(endpoint) }

  /** The revocations of one identity, oldest first (do not change the array). */
  of (identity: string): readonly EndpointRevocation[] {
    let sorted = this.#sorted.get(identity)
    if (sorted === undefined) {
      sorted = [...(this.#byIdentity.get(identity)?.values() ?? [])].sort((a, b) => a.revokedAt - b.revokedAt)
      this.#sorted.set(identity, sorted)
    }
    return sorted
  }

  /** Every revocation held. */
  all (): EndpointRevocation[] { return [...this.#byIdentity.values()].flatMap(m => [...m.values()]) }

  /** Holds and persists a verified revocation; returns what it came to (nothing stored unless `added`). */
  async add (rev: EndpointRevocation): Promise<RevocationAdmission> {
    const admission = admitRevocation(this.has(rev.identity, rev.endpoint), this.#count(rev.identity), this.#total, this.#limits)
    if (admission !== 'added') return admission
    // held before the write: the same revocation arriving twice at once (a snapshot and a push) is one
    this.#hold(rev)
    try {
      await this.#datastore.put(new Key(`${PREFIX}/${rev.identity}/${rev.endpoint}`), rev.bytes)
    } catch (err) {
      this.#release(rev)
      throw err
    }
    return admission
  }

  /** As {@link add}, with `TOO_MANY_REVOCATIONS` past a bound. */
  async addOrThrow (rev: EndpointRevocation): Promise<'added' | 'duplicate'> {
    const admission = await this.add(rev)
    if (admission === 'identity-full' || admission === 'total-full') {
      const limit = admission === 'identity-full' ? this.#limits.perIdentity : this.#limits.total
      throw new PeerhoodError('TOO_MANY_REVOCATIONS', `at most ${limit} endpoint revocations are kept`, { details: { limit } })
    }
    return admission
  }

  #count (identity: string): number { return this.#byIdentity.get(identity)?.size ?? 0 }

  #release (rev: EndpointRevocation): void {
    if (this.#byIdentity.get(rev.identity)?.delete(rev.endpoint) !== true) return
    if (this.#byIdentity.get(rev.identity)?.size === 0) this.#byIdentity.delete(rev.identity)
    this.#sorted.delete(rev.identity)
    this.#total--
  }

  #hold (rev: EndpointRevocation): void {
    let m = this.#byIdentity.get(rev.identity)
    if (m === undefined) this.#byIdentity.set(rev.identity, m = new Map())
    m.set(rev.endpoint, rev)
    this.#sorted.delete(rev.identity)
    this.#total++
  }
}
