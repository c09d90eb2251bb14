/**
 * Queued outgoing invitations in the datastore, so an invitation to an unreachable contact
 * survives a restart of the sender's node until it is delivered or expires.
 */
import { Key } from 'interface-datastore'
import type { Datastore } from 'interface-datastore'
import type { OutgoingInvitation } from './types.ts'

const PREFIX = '/peerhood/app-invitations/queued'

/** The queued invitations of this node. */
export class QueueStore {
  readonly #ds: Datastore

  constructor (ds: Datastore) { this.#ds = ds }

  /** Keeps an invitation (replacing the one with its id). */
  async put (inv: OutgoingInvitation): Promise<void> {
    const json = { ...inv, data: Buffer.from(inv.data).toString('base64') }
    await this.#ds.put(new Key(`${PREFIX}/${inv.id}`), new TextEncoder().encode(JSON.stringify(json)))
  }

  /** Forgets one (delivered, cancelled or expired). */
  async delete (id: string): Promise<void> {
    try { await this.#ds.delete(new Key(`${PREFIX}/${id}`)) } catch { /* already gone */ }
  }

  /** Every kept invitation; unreadable entries are dropped. */
  async all (): Promise<OutgoingInvitation[]> {
    const out: OutgoingInvitation[] = []
    for await (const { key, value } of this.#ds.query({ prefix: PREFIX })) {
      try {
        const json = JSON.parse(new TextDecoder().decode(value))
        out.push({ ...json, data: new Uint8Array(Buffer.from(String(json.data ?? ''), 'base64')) })
      } catch {
        try { await this.#ds.delete(key) } catch { /* dropped next time */ }
      }
    }
    return out
  }
}
