/**
 * Memory samples for the benchmark children (`memory-child.ts`, `flood-memory-child.ts`), which
 * run with `--expose-gc` and measure themselves.
 */

/** Memory of the child at one moment, in bytes. */
export interface MemorySample {
  rss: number
  heapUsed: number
  heapTotal: number
  external: number
  arrayBuffers: number
}

/** Resolves after `ms` milliseconds. */
export const sleep = async (ms: number): Promise<void> => { await new Promise(resolve => setTimeout(resolve, ms)) }

/** The process's memory now. */
export function sample (): MemorySample {
  const { rss, heapUsed, heapTotal, external, arrayBuffers } = process.memoryUsage()
  return { rss, heapUsed, heapTotal, external, arrayBuffers }
}

/**
 * Collects garbage and waits until RSS holds still (LevelDB compactions and V8's page release
 * run after the writes): at least 3 s, then until two samples 1 s apart differ by < 1 MB, at most 30 s.
 */
export async function settled (): Promise<MemorySample> {
  const gc = (globalThis as { gc?: () => void }).gc
  if (gc === undefined) throw new Error('run the child with --expose-gc')
  const started = performance.now()
  let last = sample()
  while (true) {
    gc()
    await sleep(1000)
    const now = sample()
    if (performance.now() - started >= 3000 && Math.abs(now.rss - last.rss) < 1e6) return now
    if (performance.now() - started > 30_000) return now
    last = now
  }
}
