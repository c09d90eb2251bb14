/**
 * Endpoint certificates: several nodes (endpoints) signing in as one identity. The identity key
 * signs SignedEndpointCertificate = { body: encoded EndpointCertificateBody { version, endpoint
 * PeerId, identity public key, issuedAt, expiresAt }, signature: Ed25519 over
 * utf8("peerhood/endpoint/v1\n") ‖ body } (`pb/endpoint.proto`), the contact card's signing style
 * under its own domain. A certificate proves nothing alone: it counts only for the PeerId that
 * noise authenticated on the connection it arrived on, so one presented by another node, signed
 * by another key, expired, issued in the future or for too long is `INVALID_CONTACT`.
 */
import { sign } from 'node:crypto'
import { publicKeyFromRaw } from '@libp2p/crypto/keys'
import type { PrivateKey } from '@libp2p/interface'
import { peerIdFromMultihash, peerIdFromPublicKey, peerIdFromString } from '@libp2p/peer-id'
import * as Digest from 'multiformats/hashes/digest'
import { ed25519PrivateKeyObject } from '../certificates/keys.ts'
import { ed25519Verify } from '../common/ed25519-verify.ts'
import { PeerhoodError } from '../common/errors.ts'
import { invalidContact } from './card.ts'
import {
  ENDPOINT_CERT_LIFETIME_MS, ENDPOINT_CERT_SIGNATURE_DOMAIN, ENDPOINT_CERT_SKEW_MS, ENDPOINT_CERT_VERSION, MAX_ENDPOINT_CERT_BYTES,
  MAX_ENDPOINT_CERT_LIFETIME_MS
} from './constants.ts'
import { EndpointCertificateBody, SignedEndpointCertificate } from './pb/endpoint.ts'
import { domainSeparated } from './domain.ts'

const DOMAIN = new TextEncoder().encode(ENDPOINT_CERT_SIGNATURE_DOMAIN)

/** A verified endpoint certificate. */
export interface EndpointCertificate {
  /** The identity's PeerId (the contact's PeerId). */
  identity: string
  /** The endpoint's PeerId (the node's libp2p PeerId). */
  endpoint: string
  /** Valid from, epoch milliseconds. */
  issuedAt: number
  /** Valid until, epoch milliseconds. */
  expiresAt: number
  /** The encoded certificate. */
  bytes: Uint8Array
}

function signedMessage (body: Uint8Array): Uint8Array {
  return domainSeparated(DOMAIN, body)
}

/**
 * Issues the certificate by which `identityKey` vouches for the endpoint `endpointPeerId`.
 * Options in epoch milliseconds. Code: `INVALID_ARGUMENT` (not an Ed25519 identity key).
 */
export function createEndpointCertificate (identityKey: PrivateKey, endpointPeerId: string,
  options: { issuedAt?: number, lifetimeMs?: number } = {}): Uint8Array {
  if (identityKey.type !== 'Ed25519') throw new PeerhoodError('INVALID_ARGUMENT', 'an identity key is Ed25519')
  const issuedAt = options.issuedAt ?? Date.now()
  const body = EndpointCertificateBody.encode({
    version: ENDPOINT_CERT_VERSION,
    endpoint: peerIdFromString(endpointPeerId).toMultihash().bytes as Uint8Array<ArrayBuffer>,
    identityKey: identityKey.publicKey.raw as Uint8Array<ArrayBuffer>,
    issuedAt,
    expiresAt: issuedAt + (options.lifetimeMs ?? ENDPOINT_CERT_LIFETIME_MS)
  })
  const signature = new Uint8Array(sign(null, signedMessage(body), ed25519PrivateKeyObject(identityKey)))
  return SignedEndpointCertificate.encode({ body, signature: signature as Uint8Array<ArrayBuffer> })
}

/**
 * Verifies a certificate presented on a connection whose remote PeerId is `remotePeer` (as
 * authenticated by noise), at time `now`. Code: `INVALID_CONTACT` with a `reason` in its details
 * (`protobuf`, `not-canonical`, `version`, `signature`, `endpoint-mismatch`, `expired`,
 * `not-yet-valid`, `lifetime`).
 */
export function verifyEndpointCertificate (bytes: Uint8Array, remotePeer: string, now: number): EndpointCertificate {
  if (!(bytes instanceof Uint8Array) || bytes.length > MAX_ENDPOINT_CERT_BYTES) throw invalidContact('endpoint-certificate-size')
  let signed: SignedEndpointCertificate
  let body: EndpointCertificateBody
  try {
    signed = SignedEndpointCertificate.decode(bytes)
    body = EndpointCertificateBody.decode(signed.body)
  } catch (err) {
    throw invalidContact('protobuf', err)
  }
  // one canonical encoding: the same certificate is the same bytes
  if (!Buffer.from(bytes).equals(Buffer.from(SignedEndpointCertificate.encode(signed)))) throw invalidContact('not-canonical')
  if (body.version !== ENDPOINT_CERT_VERSION) throw invalidContact('version')
  if (!ed25519Verify(body.identityKey, signedMessage(signed.body), signed.signature)) {
    throw invalidContact('signature')
  }
  let endpoint: string
  try {
    endpoint = peerIdFromMultihash(Digest.decode(body.endpoint)).toString()
  } catch (err) {
    throw invalidContact('endpoint', err)
  }
  // a certificate is worth something only to the node it names: another one replaying it is refused
  if (endpoint !== remotePeer) throw invalidContact('endpoint-mismatch')
  if (body.expiresAt <= body.issuedAt || body.expiresAt - body.issuedAt > MAX_ENDPOINT_CERT_LIFETIME_MS) throw invalidContact('lifetime')
  if (now >= body.expiresAt) throw invalidContact('expired')
  if (body.issuedAt > now + ENDPOINT_CERT_SKEW_MS) throw invalidContact('not-yet-valid')
  const identity = peerIdFromPublicKey(publicKeyFromRaw(body.identityKey)).toString()
  return { identity, endpoint, issuedAt: body.issuedAt, expiresAt: body.expiresAt, bytes }
}
