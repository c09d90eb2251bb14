/**
 * Contact cards: `peerhood1:contact:` + base64url(SignedCard), where SignedCard = { body: encoded
 * CardBody, signature: Ed25519 over utf8("peerhood/contact/v1\n") ‖ body } by the identity key
 * whose self-signed identity certificate the body carries. Whitespace in the text is ignored. A
 * card that is malformed, tampered with, signed by another key or carrying a certificate that is
 * not a valid identity certificate is `INVALID_CONTACT`; another format version `UNSUPPORTED_VERSION`.
 */
import { sign } from 'node:crypto'
import type { PrivateKey } from '@libp2p/interface'
import { peerIdFromString } from '@libp2p/peer-id'
import { PeerhoodError } from '../common/errors.ts'
import { readIdentityCertificate } from '../certificates/identity-certificate.ts'
import { ed25519PrivateKeyObject } from '../certificates/keys.ts'
import { ed25519Verify } from '../common/ed25519-verify.ts'
import {
  CARD_PREFIX, CARD_SIGNATURE_DOMAIN, CARD_VERSION, MAX_ADDRESS_LENGTH, MAX_CARD_ADDRESSES, MAX_CARD_LENGTH
} from './constants.ts'
import { CardBody, SignedCard } from './pb/card.ts'
import { charLength, hasControl } from './rules.ts'
import { MAX_NAME_CHARS } from './constants.ts'
import type { ContactCard, ContactNames } from './types.ts'
import { domainSeparated } from './domain.ts'

const DOMAIN = new TextEncoder().encode(CARD_SIGNATURE_DOMAIN)
const BASE64URL = /^[A-Za-z0-9_-]+$/

/** What goes into a card besides the identity. */
export interface CardContent extends ContactNames {
  /** Addresses to put in (at most 16 are kept, each at most 256 characters). */
  addresses: string[]
  /** When it is made, epoch milliseconds. @default Date.now() */
  issuedAt?: number
}

/** An `INVALID_CONTACT` error with a stable `reason` in its details. */
export function invalidContact (reason: string, cause?: unknown): PeerhoodError {
  return new PeerhoodError('INVALID_CONTACT', `invalid contact card: ${reason}`, { details: { reason }, ...(cause === undefined ? {} : { cause }) })
}

function signedMessage (body: Uint8Array): Uint8Array {
  return domainSeparated(DOMAIN, body)
}

/** Makes and signs a card for the owner of `privateKey` and its identity certificate; returns the text. */
export function createCard (privateKey: PrivateKey, certificate: Uint8Array, content: CardContent): string {
  const addresses = content.addresses.filter(a => a.length <= MAX_ADDRESS_LENGTH).slice(0, MAX_CARD_ADDRESSES)
  const body = CardBody.encode({
    version: CARD_VERSION,
    identityCertificate: certificate as Uint8Array<ArrayBuffer>,
    nickname: content.nickname,
    displayName: content.displayName,
    email: content.email,
    addresses,
    issuedAt: content.issuedAt ?? Date.now()
  })
  const signature = new Uint8Array(sign(null, signedMessage(body), ed25519PrivateKeyObject(privateKey)))
  return CARD_PREFIX + Buffer.from(SignedCard.encode({ body, signature })).toString('base64url')
}

/** Verifies a card's text and returns its fields. Codes: `INVALID_CONTACT`, `UNSUPPORTED_VERSION`. */
export function parseCard (text: string): ContactCard {
  if (typeof text !== 'string' || text.length > MAX_CARD_LENGTH) throw invalidContact('too-long')
  const compact = text.replace(/\s+/g, '')
  if (!compact.startsWith(CARD_PREFIX)) throw invalidContact('prefix')
  const payload = compact.slice(CARD_PREFIX.length)
  if (!BASE64URL.test(payload)) throw invalidContact('base64url')
  const bytes = Buffer.from(payload, 'base64url')
  let signed: SignedCard
  let body: CardBody
  try {
    signed = SignedCard.decode(bytes)
    body = CardBody.decode(signed.body, { limits: { addresses: MAX_CARD_ADDRESSES } })
  } catch (err) {
    throw invalidContact('protobuf', err)
  }
  // one canonical encoding: no byte of the text can change without the card being refused
  if (!bytes.equals(SignedCard.encode(signed)) || bytes.toString('base64url') !== payload) throw invalidContact('not-canonical')
  if (body.version !== CARD_VERSION) {
    throw new PeerhoodError('UNSUPPORTED_VERSION', `contact card version ${body.version} is not supported`, { details: { version: body.version } })
  }
  let peerId: string
  try {
    peerId = readIdentityCertificate(body.identityCertificate).peerId
  } catch (err) {
    throw invalidContact('certificate', err)
  }
  const publicKey = peerIdFromString(peerId).publicKey
  if (publicKey === undefined || !ed25519Verify(publicKey.raw, signedMessage(signed.body), signed.signature)) {
    throw invalidContact('signature')
  }
  for (const key of ['nickname', 'displayName', 'email'] as const) {
    if (charLength(body[key]) > MAX_NAME_CHARS || hasControl(body[key])) throw invalidContact(key)
  }
  if (body.addresses.some(a => a.length > MAX_ADDRESS_LENGTH)) throw invalidContact('address')
  return {
    peerId,
    nickname: body.nickname,
    displayName: body.displayName,
    email: body.email,
    addresses: body.addresses,
    issuedAt: body.issuedAt,
    certificate: body.identityCertificate,
    text: compact
  }
}
