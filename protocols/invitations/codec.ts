/**
 * The invitation text: `peerhood1:invitation:` + base64url(SignedInvitation), where
 * SignedInvitation = { body: encoded InvitationBody, signature: Ed25519 over
 * utf8("peerhood/invitation/v1\n") ‖ body }. Whitespace anywhere in the text is ignored, so a
 * line-wrapped paste still reads. Every malformed input is `INVITATION_NOT_TRUSTED`, a body of
 * another version `UNSUPPORTED_VERSION`.
 */
import { sign } from 'node:crypto'
import type { PrivateKey } from '@libp2p/interface'
import { PeerhoodError } from '../common/errors.ts'
import { ed25519PrivateKeyObject } from '../certificates/keys.ts'
import { ed25519Verify } from '../common/ed25519-verify.ts'
import {
  INVITATION_PREFIX, INVITATION_SIGNATURE_DOMAIN, INVITATION_VERSION, MAX_ADDRESS_LENGTH,
  MAX_INVITATION_ADDRESSES, MAX_INVITATION_CERTIFICATES, MAX_INVITATION_LENGTH
} from './constants.ts'
import { InvitationBody, SignedInvitation } from './pb/invitation.ts'

const DOMAIN = new TextEncoder().encode(INVITATION_SIGNATURE_DOMAIN)
const BASE64URL = /^[A-Za-z0-9_-]+$/

/** A decoded invitation whose signature is not checked yet. */
export interface DecodedInvitation {
  /** The body fields. */
  body: InvitationBody
  /** The body bytes the signature covers. */
  bodyBytes: Uint8Array
  /** The issuer's signature. */
  signature: Uint8Array
}

/** An `INVITATION_NOT_TRUSTED` error with a stable `reason` in its details. */
export function notTrusted (reason: string, cause?: unknown): PeerhoodError {
  return new PeerhoodError('INVITATION_NOT_TRUSTED', `invitation not trusted: ${reason}`, { details: { reason }, ...(cause === undefined ? {} : { cause }) })
}

function signedMessage (body: Uint8Array): Uint8Array {
  const message = new Uint8Array(DOMAIN.length + body.length)
  message.set(DOMAIN, 0)
  message.set(body, DOMAIN.length)
  return message
}

/** Encodes and signs a body with the issuer's key; returns the invitation text. */
export function encodeInvitation (body: InvitationBody, privateKey: PrivateKey): string {
  const bodyBytes = InvitationBody.encode(body)
  const signature = sign(null, signedMessage(bodyBytes), ed25519PrivateKeyObject(privateKey))
  const bytes = SignedInvitation.encode({ body: bodyBytes, signature: new Uint8Array(signature) })
  return INVITATION_PREFIX + Buffer.from(bytes).toString('base64url')
}

/** Whether `signature` is the signature of `bodyBytes` by the raw Ed25519 key `publicKey`. */
export function verifyInvitationSignature (bodyBytes: Uint8Array, signature: Uint8Array, publicKey: Uint8Array): boolean {
  return ed25519Verify(publicKey, signedMessage(bodyBytes), signature)
}

/** Reads the text down to the body fields, without checking any signature. */
export function decodeInvitation (text: string): DecodedInvitation {
  if (typeof text !== 'string' || text.length > MAX_INVITATION_LENGTH) throw notTrusted('too-long')
  const compact = text.replace(/\s+/g, '')
  if (!compact.startsWith(INVITATION_PREFIX)) throw notTrusted('prefix')
  const payload = compact.slice(INVITATION_PREFIX.length)
  if (!BASE64URL.test(payload)) throw notTrusted('base64url')
  const bytes = Buffer.from(payload, 'base64url')
  let signed: SignedInvitation
  let body: InvitationBody
  try {
    signed = SignedInvitation.decode(bytes)
    body = InvitationBody.decode(signed.body, { limits: { chain: MAX_INVITATION_CERTIFICATES, addresses: MAX_INVITATION_ADDRESSES } })
  } catch (err) {
    throw notTrusted('protobuf', err)
  }
  // the body is signed as is; the envelope must be its one canonical encoding, so no byte of the
  // text can change without the invitation being refused
  if (!bytes.equals(SignedInvitation.encode(signed)) || bytes.toString('base64url') !== payload) throw notTrusted('not-canonical')
  if (body.version !== INVITATION_VERSION) {
    throw new PeerhoodError('UNSUPPORTED_VERSION', `invitation version ${body.version} is not supported`, { details: { version: body.version } })
  }
  if (body.addresses.some(a => a.length > MAX_ADDRESS_LENGTH)) throw notTrusted('address')
  return { body, bodyBytes: signed.body, signature: signed.signature }
}
