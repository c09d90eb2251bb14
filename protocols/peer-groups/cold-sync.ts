/**
 * A group this node has never synchronised is pulled from one member at a time. A fresh member
 * proves itself to several members within a second, and each would otherwise start a whole
 * transfer at once (its own pulls, and the pushes of members with lower PeerIds): the same records
 * arriving several times over, each copy checked before the first is stored. While the first
 * sync runs, this node's other sessions of the group wait for it, and sessions other members ask
 * for are answered `SYNC_BUSY` (they ask again, and find little left to send).
 */
import { PeerhoodError } from '../common/errors.ts'

/** The first sync of one group. */
export class ColdSyncGate {
  #running: { peerId: string, done: Promise<void> } | undefined

  /**
   * Runs `sync` with `peerId`: while the group is not synchronised (`synchronized()` false), one
   * such session at a time, the others waiting for it to end (succeeded or not).
   */
  async run<T> (peerId: string, synchronized: () => boolean, sync: () => Promise<T>): Promise<T> {
    while (!synchronized() && this.#running !== undefined) await this.#running.done
    if (synchronized()) return sync()
    const result = sync()
    const done = result.then(() => {}, () => {})
    const running = { peerId, done }
    this.#running = running
    try {
      return await result
    } finally {
      if (this.#running === running) this.#running = undefined
    }
  }

  /** Throws `SYNC_BUSY` for a session another member asks for while the first sync runs with someone else. */
  admit (peerId: string): void {
    const running = this.#running
    if (running !== undefined && running.peerId !== peerId) {
      throw new PeerhoodError('SYNC_BUSY', 'this node is pulling the group for the first time from another member', { details: { peerId: running.peerId } })
    }
  }
}
