/**
 * Peers refused for a while because they pushed junk, by PeerId (so a reconnect does not clear
 * it), at most `max` remembered: the oldest penalty is forgotten first.
 */
export class Penalties {
  readonly #until = new Map<string, number>()
  readonly #max: number
  readonly #durationMs: number
  readonly #now: () => number

  constructor (max: number, durationMs: number, now: () => number) {
    this.#max = max
    this.#durationMs = durationMs
    this.#now = now
  }

  /** Penalises a peer from now on. */
  add (peerId: string): void {
    this.#until.delete(peerId)
    this.#until.set(peerId, this.#now() + this.#durationMs)
    while (this.#until.size > this.#max) this.#until.delete(this.#until.keys().next().value!)
  }

  /** Whether a peer is penalised now. */
  has (peerId: string): boolean {
    const until = this.#until.get(peerId)
    if (until === undefined) return false
    if (until > this.#now()) return true
    this.#until.delete(peerId)
    return false
  }
}
