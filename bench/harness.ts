/**
 * The benchmark harness: time-boxed measurements, medians of several runs, and results that
 * carry the limit they are measured against in the same run.
 */

/** One measured figure. */
export interface BenchResult {
  /** Scenario name with its parameters, e.g. `chain-verify/len=24/cold`. */
  scenario: string
  /** The parameters, as data. */
  params: Record<string, unknown>
  /** The figure. */
  value: number
  /** Its unit, e.g. `ops/s`, `µs`, `MB`. */
  unit: string
  /** The limit measured in the same run that `ratio` divides by. */
  limit?: { name: string, value: number, unit: string }
  /** value ÷ limit (or the ratio the target names). */
  ratio?: number
  /** The target, in words, e.g. `ratio ≤ 1.3`. */
  target?: string
  /** Whether the target was met (undefined when there is none). */
  pass?: boolean
}

/** A scenario module: `run()` returns its results. */
export interface BenchScenario {
  /** Short name used to select it on the command line. */
  name: string
  /** Run only when named on the command line (it installs packages or runs for minutes). @default false */
  optIn?: boolean
  /** Runs the scenario. */
  run (): Promise<BenchResult[]>
}

/** Options of {@link measureRate}. */
export interface MeasureOptions {
  /** Time box of one run, in milliseconds. @default 1000 */
  durationMs?: number
  /** Number of runs; the median is reported. @default 5 */
  runs?: number
  /** Operations per batch between clock reads. @default 100 */
  batch?: number
}

/** The median of numbers. */
export function median (values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}

/** A percentile (0–100) of numbers, nearest rank. */
export function percentile (values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!
}

/** Operations per second of a synchronous `fn`: median of time-boxed runs. */
export function measureRate (fn: (i: number) => void, options: MeasureOptions = {}): number {
  const { durationMs = 1000, runs = 5, batch = 100 } = options
  const rates: number[] = []
  let i = 0
  for (let r = 0; r < runs; r++) {
    let ops = 0
    const start = performance.now()
    let now = start
    while (now - start < durationMs) {
      for (let b = 0; b < batch; b++) fn(i++)
      ops += batch
      now = performance.now()
    }
    rates.push(ops / ((now - start) / 1000))
  }
  return median(rates)
}

/** Operations per second of an async `fn`, awaited one at a time. */
export async function measureRateAsync (fn: (i: number) => Promise<void>, options: MeasureOptions = {}): Promise<number> {
  const { durationMs = 1000, runs = 5, batch = 10 } = options
  const rates: number[] = []
  let i = 0
  for (let r = 0; r < runs; r++) {
    let ops = 0
    const start = performance.now()
    let now = start
    while (now - start < durationMs) {
      for (let b = 0; b < batch; b++) await fn(i++)
      ops += batch
      now = performance.now()
    }
    rates.push(ops / ((now - start) / 1000))
  }
  return median(rates)
}
