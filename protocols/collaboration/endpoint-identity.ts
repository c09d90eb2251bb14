/**
 * Several endpoints per identity: this node's endpoint certificate (issued by the identity key
 * it signs in as, renewed before it runs out), proving a peer's identity from the certificate
 * it presents, and the endpoints of others seen proven (bounded). Groups are not concerned:
 * group membership stays keyed by the endpoint's PeerId.
 */
import type { PrivateKey } from '@libp2p/interface'
import { peerIdFromPrivateKey } from '@libp2p/peer-id'
import { ENDPOINT_CERT_LIFETIME_MS } from '../contacts/constants.ts'
import { PeerhoodError } from '../common/errors.ts'
import { createEndpointCertificate, verifyEndpointCertificate } from '../contacts/endpoint-certificate.ts'

/** Most endpoints of others remembered with their proven identity (the least recently seen goes first). */
export const MAX_KNOWN_ENDPOINTS = 1024

/** This node as an endpoint of an identity. */
export class EndpointIdentity {
  /** The identity's PeerId (what contacts know this person by). */
  readonly identity: string
  /** This node's PeerId. */
  readonly endpoint: string
  /** The identity key, when it is not the node's own. */
  readonly #identityKey: PrivateKey | undefined
  readonly #now: () => number
  #certificate: Uint8Array | undefined
  #renewAt = 0

  constructor (endpoint: string, identityKey: PrivateKey | undefined, now: () => number) {
    this.endpoint = endpoint
    const identity = identityKey === undefined ? endpoint : peerIdFromPrivateKey(identityKey).toString()
    this.identity = identity
    this.#identityKey = identity === endpoint ? undefined : identityKey
    this.#now = now
  }

  /** Whether this node signs in as an identity that is not its own key. */
  get separate (): boolean { return this.#identityKey !== undefined }

  /** The endpoint certificate to present (empty when the PeerId is the identity); renewed at half its lifetime. */
  certificate (): Uint8Array {
    if (this.#identityKey === undefined) return new Uint8Array(0)
    const now = this.#now()
    if (this.#certificate === undefined || now >= this.#renewAt) {
      this.#certificate = createEndpointCertificate(this.#identityKey, this.endpoint, { issuedAt: now })
      this.#renewAt = now + ENDPOINT_CERT_LIFETIME_MS / 2
    }
    return this.#certificate
  }
}

/**
 * The identity a peer proves on a connection whose authenticated PeerId is `remotePeer`: the
 * identity of its endpoint certificate, or its PeerId when it presents none. Codes:
 * `INVALID_CONTACT` (a certificate forged, of another PeerId, expired), `ENDPOINT_REVOKED` (a
 * valid certificate of an endpoint its identity revoked: `revoked` says which).
 */
export function provenIdentity (remotePeer: string, certificate: Uint8Array, now: number,
  revoked: (identity: string, endpoint: string) => boolean = () => false): string {
  if (certificate.length === 0) return remotePeer
  const identity = verifyEndpointCertificate(certificate, remotePeer, now).identity
  if (revoked(identity, remotePeer)) {
    throw new PeerhoodError('ENDPOINT_REVOKED', 'its identity revoked that endpoint', { details: { peerId: remotePeer, identity } })
  }
  return identity
}

/** Whether an `INVALID_CONTACT` reason is an attack (not a clock or a lapse): the peer is penalised. */
export function isForgery (reason: unknown): boolean {
  return reason !== 'expired' && reason !== 'not-yet-valid'
}

/** Endpoints of other identities seen proven, at most `max`. */
export class KnownEndpoints {
  readonly #byEndpoint = new Map<string, string>()
  readonly #max: number

  constructor (max = MAX_KNOWN_ENDPOINTS) { this.#max = max }

  /** Records that `endpoint` proved `identity` (only endpoints of another identity are worth it). */
  record (endpoint: string, identity: string): void {
    this.#byEndpoint.delete(endpoint)
    if (endpoint === identity) return
    this.#byEndpoint.set(endpoint, identity)
    while (this.#byEndpoint.size > this.#max) this.#byEndpoint.delete(this.#byEndpoint.keys().next().value!)
  }

  /** The identity an endpoint last proved, if any. */
  identityOf (endpoint: string): string | undefined { return this.#byEndpoint.get(endpoint) }

  /** The endpoints seen proving `identity`. */
  endpointsOf (identity: string): string[] {
    return [...this.#byEndpoint].filter(([, id]) => id === identity).map(([endpoint]) => endpoint)
  }

  /** Forgets one endpoint (its identity revoked it). */
  forget (endpoint: string): void { this.#byEndpoint.delete(endpoint) }

  /** Forgets everything (sign-out of every scope drops cached endpoint data). */
  clear (): void { this.#byEndpoint.clear() }

  /** Forgets every endpoint of an identity (its contact was deleted). */
  forgetIdentity (identity: string): void {
    for (const e of this.endpointsOf(identity)) this.#byEndpoint.delete(e)
  }
}
