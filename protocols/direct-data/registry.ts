/**
 * The table of direct connections: ids reserved while a connection opens, then each live
 * connection's info and handle. In memory, no I/O; the service owns one.
 */
import { randomBytes } from 'node:crypto'
import type { DirectConnectionInfo } from './types.ts'

/** A random 64-bit connection id as 16 lowercase hex digits. */
export function randomConnectionId (): string {
  return randomBytes(8).toString('hex')
}

/** One live connection: what `list()` shows and the handle the service drives. */
export interface RegistryEntry<T> {
  info: DirectConnectionInfo
  handle: T
}

/** Direct connections by id, with ids reserved for those still opening. */
export class ConnectionRegistry<T> {
  private readonly entries = new Map<string, RegistryEntry<T>>()
  private readonly reserved = new Set<string>()

  /** @param nextId - source of fresh ids. @default randomConnectionId */
  constructor (private readonly nextId: () => string = randomConnectionId) {}

  /** Connections open or opening: what counts against the limit. */
  get size (): number {
    return this.entries.size + this.reserved.size
  }

  /** Reserves a fresh id for a connection that is opening. */
  reserve (): string {
    let id = this.nextId()
    while (this.entries.has(id) || this.reserved.has(id)) id = this.nextId()
    this.reserved.add(id)
    return id
  }

  /** Gives back a reserved id whose connection never opened. */
  release (connectionId: string): void {
    this.reserved.delete(connectionId)
  }

  /** Records a connected connection under its reserved id. */
  add (info: DirectConnectionInfo, handle: T): RegistryEntry<T> {
    if (!this.reserved.delete(info.connectionId)) throw new Error(`connection id ${info.connectionId} was not reserved`)
    const entry = { info: { ...info }, handle }
    this.entries.set(info.connectionId, entry)
    return entry
  }

  /** The connection with this id in this group, if any. */
  get (groupId: string, connectionId: string): RegistryEntry<T> | undefined {
    const entry = this.entries.get(connectionId)
    return entry?.info.groupId === groupId ? entry : undefined
  }

  /** Forgets a connection; whether it was there. */
  remove (connectionId: string): boolean {
    return this.entries.delete(connectionId)
  }

  /** Copies of the infos, of one group or all, oldest first. */
  list (groupId?: string): DirectConnectionInfo[] {
    return this.all(groupId).map(e => ({ ...e.info }))
  }

  /** Live entries of a group (of one peer in it, when given). */
  matching (groupId: string, peerId?: string): Array<RegistryEntry<T>> {
    return this.all(groupId).filter(e => peerId === undefined || e.info.peerId === peerId)
  }

  /** Every live entry, of one group or all. */
  all (groupId?: string): Array<RegistryEntry<T>> {
    return [...this.entries.values()].filter(e => groupId === undefined || e.info.groupId === groupId)
  }
}
