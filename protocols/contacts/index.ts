/**
 * Contacts and contact cards (Windows `PeerCollabAddContact`, `ExportContact`, `ParseContact`,
 * `UpdateContact`, `DeleteContact`): a card is one pasteable signed line that names its owner's
 * PeerId, proves it with the owner's identity certificate and signature, and carries the names
 * and addresses the owner chose. A contact added from a verified card is a trusted contact.
 *
 * ```ts
 * const text = createCard(privateKey, identityCertificate, { nickname, displayName, email, addresses })
 * const card = parseCardInput(text) // throws INVALID_CONTACT for anything tampered with
 * ```
 */
export { CARD_PREFIX, CARD_VERSION, CARD_JSON_FORMAT, MAX_CARD_LENGTH, MAX_CARD_ADDRESSES, MAX_NAME_CHARS, MAX_CONTACTS } from './constants.ts'
export { createCard, parseCard, invalidContact } from './card.ts'
export type { CardContent } from './card.ts'
export { cardToJson, parseCardInput } from './card-json.ts'
export { createEndpointCertificate, verifyEndpointCertificate } from './endpoint-certificate.ts'
export type { EndpointCertificate } from './endpoint-certificate.ts'
export type { ContactCardJson } from './card-json.ts'
export { applyContactPatch, charLength, checkName, checkNames, isTrusted, isWatcherPermission, mayWatch } from './rules.ts'
export { ContactStore } from './store.ts'
export type * from './types.ts'
