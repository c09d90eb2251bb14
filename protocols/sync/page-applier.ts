/**
 * Received record pages applied at once, on either side of a session: the next page's records are
 * checked while the last batches of the one before are still written (one page at a time, the
 * thread pool idled at every page boundary). Each page's verdicts are handed on in page order, so
 * a role's machine sees them as if the pages had been applied one after the other.
 */
import { APPLYING_PAGES } from './constants.ts'
import type { ApplyResult } from './types.ts'

/** The pages of one session being applied. */
export class PageApplier {
  readonly #pages = new Set<Promise<void>>()
  #last: Promise<void> = Promise.resolve()
  #failure: { err: unknown } | undefined

  /**
   * Takes a page whose apply has started; `applied` runs with its verdicts once every earlier
   * page's `applied` has run. A failure of either is kept for {@link PageApplier.throwIfFailed}.
   */
  add (applying: Promise<ApplyResult>, applied: (result: ApplyResult) => Promise<void>): void {
    const before = this.#last
    const page = this.#last = (async () => {
      const result = await applying.finally(async () => { await before })
      await applied(result)
    })().catch((err: unknown) => { this.#failure ??= { err } })
    this.#pages.add(page)
    void page.finally(() => { this.#pages.delete(page) })
  }

  /** Waits until fewer than {@link APPLYING_PAGES} pages are being applied. */
  async room (): Promise<void> {
    while (this.#pages.size >= APPLYING_PAGES) await Promise.race(this.#pages)
  }

  /** Waits until every page taken has been applied (or failed). */
  async drain (): Promise<void> {
    await Promise.all(this.#pages)
  }

  /** Throws the first failure of a page's apply, if any. */
  throwIfFailed (): void {
    if (this.#failure !== undefined) throw this.#failure.err
  }
}
