/**
 * Revoking endpoints: this node revokes one of its identity's endpoints (it holds the identity
 * key), and takes the revocations trusted contacts' endpoints deliver. Either way the endpoint's
 * certificate is refused from then on and whatever this node held of it goes.
 */
import type { Logger, PrivateKey } from '@libp2p/interface'
import { peerIdFromString } from '@libp2p/peer-id'
import { PeerhoodError } from '../common/errors.ts'
import { createEndpointRevocation, type EndpointRevocation, verifyEndpointRevocation } from '../contacts/endpoint-revocation.ts'
import { mayKeepRevocation } from './revocation-rules.ts'
import type { Revocations } from './revocations.ts'
import type { EndpointRevocationInfo } from './types.ts'

/** What the revoker asks the service. */
export interface RevokerHost {
  /** The revocations held. */
  revocations: Revocations
  /** My identity's PeerId. */
  identity: string
  /** This node's PeerId. */
  endpoint: string
  /** The identity key (the node's own key when it is its own identity). */
  identityKey: () => PrivateKey
  /** Clock, epoch milliseconds. */
  now: () => number
  /** Whether an identity is a trusted contact. */
  isTrustedContact: (identity: string) => boolean
  /** Stops using a revoked endpoint: its subscriptions both ways, its proofs. */
  retire: (endpoint: string) => Promise<void>
  /** Pushes a revocation my identity made to my watchers. */
  push: (bytes: Uint8Array) => void
  /** Emits `endpoint:revoked`. */
  emit: (info: EndpointRevocationInfo) => void
  /** Logger. */
  log: Logger
}

/** The revocation as the API shows it. */
export function revocationInfo (rev: EndpointRevocation): EndpointRevocationInfo {
  return { identity: rev.identity, endpoint: rev.endpoint, revokedAt: rev.revokedAt, reason: rev.reason }
}

/** Revokes and receives revocations. */
export class Revoker {
  readonly #host: RevokerHost

  constructor (host: RevokerHost) { this.#host = host }

  /** Revokes `peerId` as an endpoint of my identity (again: the revocation held). */
  async revoke (peerId: string, reason = ''): Promise<EndpointRevocationInfo> {
    try {
      peerIdFromString(peerId)
    } catch (err) {
      throw new PeerhoodError('INVALID_PEER_ID', 'not a PeerId', { details: { peerId }, cause: err })
    }
    if (peerId === this.#host.endpoint) throw new PeerhoodError('INVALID_ARGUMENT', 'this node cannot revoke itself (revoke it from another endpoint)', { details: { peerId } })
    if (peerId === this.#host.identity) throw new PeerhoodError('INVALID_ARGUMENT', 'an identity cannot revoke its own PeerId: make a new identity', { details: { peerId } })
    const held = this.#host.revocations.get(this.#host.identity, peerId)
    if (held !== undefined) return revocationInfo(held)
    const rev = verifyEndpointRevocation(createEndpointRevocation(this.#host.identityKey(), peerId, { revokedAt: this.#host.now(), reason }))
    // revoked meanwhile (two calls at once): the one held is the answer
    if (await this.#host.revocations.addOrThrow(rev) === 'duplicate') return revocationInfo(this.#host.revocations.get(this.#host.identity, peerId)!)
    await this.#host.retire(peerId)
    this.#host.push(rev.bytes)
    this.#host.emit(revocationInfo(rev))
    return revocationInfo(rev)
  }

  /**
   * A revocation delivered by `peerId`, which proved `identity`: kept when valid, of that very
   * identity, and that identity is mine or a trusted contact's; anything else is ignored.
   */
  async received (peerId: string, identity: string, bytes: Uint8Array): Promise<void> {
    let rev: EndpointRevocation
    try {
      rev = verifyEndpointRevocation(bytes)
    } catch (err) {
      this.#host.log('ignored a revocation from %s: %s', peerId, (err as Error)?.message)
      return
    }
    if (!mayKeepRevocation(rev.identity, identity, this.#host.identity, this.#host.isTrustedContact)) return
    const admission = await this.#host.revocations.add(rev)
    if (admission !== 'added') {
      if (admission !== 'duplicate') this.#host.log('revocation of %s by %s not kept: %s', rev.endpoint, rev.identity, admission)
      return
    }
    await this.#host.retire(rev.endpoint)
    // one of my identity's other endpoints made it: my watchers get it from me too
    if (rev.identity === this.#host.identity) this.#host.push(rev.bytes)
    this.#host.emit(revocationInfo(rev))
  }
}
