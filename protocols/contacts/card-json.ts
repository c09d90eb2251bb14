/**
 * The JSON form of a contact card: the readable fields beside the signed text they come from.
 * Parsing it verifies the text and refuses a document whose readable fields say anything else.
 */
import { PeerhoodError } from '../common/errors.ts'
import { invalidContact, parseCard } from './card.ts'
import { CARD_JSON_FORMAT, CARD_VERSION, MAX_CARD_LENGTH } from './constants.ts'
import type { ContactCard } from './types.ts'

/** A contact card as JSON (what `contact export --json` prints). */
export interface ContactCardJson {
  /** Always `peerhood-contact-card`. */
  format: typeof CARD_JSON_FORMAT
  /** Format version, 1. */
  version: number
  /** The owner's PeerId. */
  peerId: string
  /** The owner's nickname. */
  nickname: string
  /** The owner's display name. */
  displayName: string
  /** The owner's e-mail. */
  email: string
  /** The addresses in the card. */
  addresses: string[]
  /** When it was made, ISO 8601. */
  issuedAt: string
  /** The identity certificate, base64 DER. */
  certificate: string
  /** The signed text (`peerhood1:contact:…`): the only part that is trusted. */
  card: string
}

/** A verified card as JSON. */
export function cardToJson (card: ContactCard): ContactCardJson {
  return {
    format: CARD_JSON_FORMAT,
    version: CARD_VERSION,
    peerId: card.peerId,
    nickname: card.nickname,
    displayName: card.displayName,
    email: card.email,
    addresses: card.addresses,
    issuedAt: new Date(card.issuedAt).toISOString(),
    certificate: Buffer.from(card.certificate).toString('base64'),
    card: card.text
  }
}

/**
 * Verifies a card given as text or as its JSON form (a string starting with `{`). Codes:
 * `INVALID_CONTACT` (also when a readable field of the JSON disagrees with the signed text),
 * `UNSUPPORTED_VERSION`.
 */
export function parseCardInput (input: string): ContactCard {
  if (typeof input !== 'string') throw invalidContact('not-text')
  const trimmed = input.trim()
  if (!trimmed.startsWith('{')) return parseCard(trimmed)
  if (trimmed.length > 4 * MAX_CARD_LENGTH) throw invalidContact('too-long')
  let doc: Record<string, unknown>
  try {
    const value: unknown = JSON.parse(trimmed)
    if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error('not an object')
    doc = value as Record<string, unknown>
  } catch (err) {
    throw invalidContact('json', err)
  }
  if (doc.format !== CARD_JSON_FORMAT || typeof doc.card !== 'string') throw invalidContact('json-format')
  if (doc.version !== undefined && doc.version !== CARD_VERSION) {
    throw new PeerhoodError('UNSUPPORTED_VERSION', `contact card version ${String(doc.version)} is not supported`, { details: { version: doc.version } })
  }
  const card = parseCard(doc.card)
  const expected = cardToJson(card) as unknown as Record<string, unknown>
  for (const key of ['peerId', 'nickname', 'displayName', 'email', 'issuedAt', 'certificate'] as const) {
    if (doc[key] !== undefined && doc[key] !== expected[key]) throw invalidContact(`json-${key}`)
  }
  if (doc.addresses !== undefined && JSON.stringify(doc.addresses) !== JSON.stringify(card.addresses)) throw invalidContact('json-addresses')
  return card
}
