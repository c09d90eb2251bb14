/**
 * What collaboration keeps in the datastore: the sign-in state and Me (one key), registered
 * applications (one key each, launch command included: it never leaves the node) and the
 * identity certificate made for a node that was given none.
 */
import type { Datastore } from 'interface-datastore'
import { Key } from 'interface-datastore'
import type { ApplicationRegistration, ScopeSet } from './types.ts'

const STATE_KEY = new Key('/peerhood/collab/state')
const IDC_KEY = new Key('/peerhood/collab/identity-certificate')
const APP_PREFIX = '/peerhood/collab/apps'

/** The persisted state. */
export interface PersistedState extends ScopeSet {
  /** Me's names, when set. */
  nickname?: string
  displayName?: string
  email?: string
  /** The endpoint name, once set. */
  endpointName?: string
}

const encoder = new TextEncoder()
const decoder = new TextDecoder()

/** Reads and writes collaboration's keys. */
export class StateStore {
  readonly #datastore: Datastore

  constructor (datastore: Datastore) {
    this.#datastore = datastore
  }

  /** The persisted state (signed out, no names, when none or damaged). */
  async load (): Promise<PersistedState> {
    try {
      const value = JSON.parse(decoder.decode(await this.#datastore.get(STATE_KEY))) as PersistedState
      return { ...value, near: value.near === true, internet: value.internet === true }
    } catch {
      return { near: false, internet: false }
    }
  }

  /** Persists the state. */
  async save (state: PersistedState): Promise<void> {
    await this.#datastore.put(STATE_KEY, encoder.encode(JSON.stringify(state)))
  }

  /** The stored identity certificate, or undefined. */
  async identityCertificate (): Promise<Uint8Array | undefined> {
    try { return await this.#datastore.get(IDC_KEY) } catch { return undefined }
  }

  /** Stores the identity certificate. */
  async saveIdentityCertificate (der: Uint8Array): Promise<void> {
    await this.#datastore.put(IDC_KEY, der)
  }

  /** Every registered application (damaged entries skipped). */
  async applications (): Promise<ApplicationRegistration[]> {
    const apps: ApplicationRegistration[] = []
    for await (const { value } of this.#datastore.query({ prefix: APP_PREFIX })) {
      try {
        const stored = JSON.parse(decoder.decode(value)) as Omit<ApplicationRegistration, 'data'> & { data: string }
        apps.push({ ...stored, data: new Uint8Array(Buffer.from(stored.data, 'base64')) })
      } catch { /* damaged entry */ }
    }
    return apps
  }

  /** Stores a registration. */
  async putApplication (app: ApplicationRegistration): Promise<void> {
    await this.#datastore.put(new Key(`${APP_PREFIX}/${app.id}`), encoder.encode(JSON.stringify({ ...app, data: Buffer.from(app.data).toString('base64') })))
  }

  /** Removes a registration. */
  async deleteApplication (id: string): Promise<void> {
    await this.#datastore.delete(new Key(`${APP_PREFIX}/${id}`))
  }
}
