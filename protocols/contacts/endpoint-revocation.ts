/**
 * Endpoint revocations: the identity key says that one endpoint (a node's PeerId) is no longer
 * one of its endpoints, for good. SignedEndpointRevocation = { body: encoded
 * EndpointRevocationBody { version, endpoint PeerId, identity public key, revokedAt, reason },
 * signature: Ed25519 over utf8("peerhood/endpoint-revocation/v1\n") ‖ body }
 * (`pb/endpoint.proto`), the endpoint certificate's style under its own domain. A revocation
 * binds the PeerId, not the key: every endpoint holds the identity key, so a revoked one that
 * kept it can still sign a certificate for a new PeerId (a stolen device needs a new identity).
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
  ENDPOINT_REVOCATION_SIGNATURE_DOMAIN, ENDPOINT_REVOCATION_VERSION, MAX_ENDPOINT_REVOCATION_BYTES, MAX_REVOCATION_REASON_CHARS
} from './constants.ts'
import { EndpointRevocationBody, SignedEndpointRevocation } from './pb/endpoint.ts'
import { charLength } from './rules.ts'
import { domainSeparated } from './domain.ts'

const DOMAIN = new TextEncoder().encode(ENDPOINT_REVOCATION_SIGNATURE_DOMAIN)

/** A verified endpoint revocation. */
export interface EndpointRevocation {
  /** The identity's PeerId (the contact's PeerId) whose key signed it. */
  identity: string
  /** The revoked endpoint's PeerId. */
  endpoint: string
  /** When it was revoked, epoch milliseconds. */
  revokedAt: number
  /** Why, for people; decides nothing. */
  reason: string
  /** The encoded revocation. */
  bytes: Uint8Array
}

function signedMessage (body: Uint8Array): Uint8Array {
  return domainSeparated(DOMAIN, body)
}

/** A revocation reason, checked. Code: `INVALID_ARGUMENT` (over 255 characters, or control characters). */
export function checkRevocationReason (reason: string): string {
  if (typeof reason !== 'string' || charLength(reason) > MAX_REVOCATION_REASON_CHARS) {
    throw new PeerhoodError('INVALID_ARGUMENT', `a revocation reason is at most ${MAX_REVOCATION_REASON_CHARS} characters`, { details: { key: 'reason' } })
  }
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused
  if (/[\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069]/.test(reason)) throw new PeerhoodError('INVALID_ARGUMENT', 'a revocation reason has no control characters', { details: { key: 'reason' } })
  return reason
}

/**
 * Revokes the endpoint `endpointPeerId` with `identityKey`. Options in epoch milliseconds.
 * Codes: `INVALID_ARGUMENT` (not an Ed25519 identity key, a reason refused), `INVALID_PEER_ID`.
 */
export function createEndpointRevocation (identityKey: PrivateKey, endpointPeerId: string,
  options: { revokedAt?: number, reason?: string } = {}): Uint8Array {
  if (identityKey.type !== 'Ed25519') throw new PeerhoodError('INVALID_ARGUMENT', 'an identity key is Ed25519')
  let endpoint: Uint8Array
  try {
    endpoint = peerIdFromString(endpointPeerId).toMultihash().bytes
  } catch (err) {
    throw new PeerhoodError('INVALID_PEER_ID', 'not a PeerId', { details: { peerId: endpointPeerId }, cause: err })
  }
  const body = EndpointRevocationBody.encode({
    version: ENDPOINT_REVOCATION_VERSION,
    endpoint: endpoint as Uint8Array<ArrayBuffer>,
    identityKey: identityKey.publicKey.raw as Uint8Array<ArrayBuffer>,
    revokedAt: options.revokedAt ?? Date.now(),
    reason: checkRevocationReason(options.reason ?? '')
  })
  const signature = new Uint8Array(sign(null, signedMessage(body), ed25519PrivateKeyObject(identityKey)))
  return SignedEndpointRevocation.encode({ body, signature: signature as Uint8Array<ArrayBuffer> })
}

/**
 * Verifies a revocation (who delivered it does not matter: the identity key's signature does).
 * Code: `INVALID_CONTACT` with a `reason` in its details (`revocation-size`, `protobuf`,
 * `not-canonical`, `version`, `signature`, `endpoint`, `reason`).
 */
export function verifyEndpointRevocation (bytes: Uint8Array): EndpointRevocation {
  if (!(bytes instanceof Uint8Array) || bytes.length > MAX_ENDPOINT_REVOCATION_BYTES) throw invalidContact('revocation-size')
  let signed: SignedEndpointRevocation
  let body: EndpointRevocationBody
  try {
    signed = SignedEndpointRevocation.decode(bytes)
    body = EndpointRevocationBody.decode(signed.body)
  } catch (err) {
    throw invalidContact('protobuf', err)
  }
  if (!Buffer.from(bytes).equals(Buffer.from(SignedEndpointRevocation.encode(signed))) ||
      !Buffer.from(signed.body).equals(Buffer.from(EndpointRevocationBody.encode(body)))) throw invalidContact('not-canonical')
  if (body.version !== ENDPOINT_REVOCATION_VERSION) throw invalidContact('version')
  if (!ed25519Verify(body.identityKey, signedMessage(signed.body), signed.signature)) {
    throw invalidContact('signature')
  }
  let endpoint: string
  try {
    endpoint = peerIdFromMultihash(Digest.decode(body.endpoint)).toString()
  } catch (err) {
    throw invalidContact('endpoint', err)
  }
  try {
    checkRevocationReason(body.reason)
  } catch (err) {
    throw invalidContact('reason', err)
  }
  const identity = peerIdFromPublicKey(publicKeyFromRaw(body.identityKey)).toString()
  if (endpoint === identity) throw invalidContact('endpoint')
  return { identity, endpoint, revokedAt: body.revokedAt, reason: body.reason, bytes }
}
