/**
 * Contacts in the node's datastore, one key per PeerId, kept in memory too (at most
 * `MAX_CONTACTS`) so "is this peer a trusted contact" is answered without I/O on every stream.
 */
import type { Datastore } from 'interface-datastore'
import { Key } from 'interface-datastore'
import { PeerhoodError } from '../common/errors.ts'
import { MAX_CONTACTS } from './constants.ts'
import type { Contact } from './types.ts'

const PREFIX = '/peerhood/contacts'

interface StoredContact extends Omit<Contact, 'certificate'> {
  certificate?: string
}

function encode (contact: Contact): Uint8Array {
  const { certificate, ...rest } = contact
  const stored: StoredContact = { ...rest, ...(certificate === undefined ? {} : { certificate: Buffer.from(certificate).toString('base64') }) }
  return new TextEncoder().encode(JSON.stringify(stored))
}

function decode (bytes: Uint8Array): Contact {
  const stored = JSON.parse(new TextDecoder().decode(bytes)) as StoredContact
  const { certificate, ...rest } = stored
  return { ...rest, ...(certificate === undefined ? {} : { certificate: new Uint8Array(Buffer.from(certificate, 'base64')) }) }
}

/** The contact store. */
export class ContactStore {
  readonly #datastore: Datastore
  readonly #contacts = new Map<string, Contact>()

  constructor (datastore: Datastore) {
    this.#datastore = datastore
  }

  /** Reads every stored contact into memory (a damaged entry is skipped). */
  async load (): Promise<void> {
    this.#contacts.clear()
    for await (const { value } of this.#datastore.query({ prefix: PREFIX })) {
      try {
        const contact = decode(value)
        if (typeof contact.peerId === 'string') this.#contacts.set(contact.peerId, contact)
      } catch { /* a damaged entry is not a contact */ }
      if (this.#contacts.size >= MAX_CONTACTS) break
    }
  }

  /** One contact, or undefined. */
  get (peerId: string): Contact | undefined {
    return this.#contacts.get(peerId)
  }

  /** Every contact, by PeerId. */
  list (): Contact[] {
    return [...this.#contacts.values()].sort((a, b) => a.peerId.localeCompare(b.peerId))
  }

  /** Stores (adds or replaces) a contact. Code: `TOO_MANY_CONTACTS` past `MAX_CONTACTS`. */
  async put (contact: Contact): Promise<void> {
    if (!this.#contacts.has(contact.peerId) && this.#contacts.size >= MAX_CONTACTS) {
      throw new PeerhoodError('TOO_MANY_CONTACTS', `at most ${MAX_CONTACTS} contacts`, { details: { limit: MAX_CONTACTS } })
    }
    await this.#datastore.put(new Key(`${PREFIX}/${contact.peerId}`), encode(contact))
    this.#contacts.set(contact.peerId, contact)
  }

  /** Removes a contact; whether there was one. */
  async delete (peerId: string): Promise<boolean> {
    if (!this.#contacts.has(peerId)) return false
    await this.#datastore.delete(new Key(`${PREFIX}/${peerId}`))
    this.#contacts.delete(peerId)
    return true
  }
}
