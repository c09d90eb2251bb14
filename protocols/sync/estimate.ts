/**
 * Estimates the size of the difference from the first coded symbols of a rateless IBLT, so a
 * failed first batch is followed by one well-sized request instead of a doubling ladder.
 *
 * After subtracting the local set, cell `i` holds each differing symbol with probability
 * ρᵢ = 1 / (1 + i/2) (the mapping of the RIBLT paper, checked against `@peerbit/riblt`), and
 * its count is (remote-only − local-only) of those. Cell 0 holds every symbol, so its count is
 * exactly Δ = dᵣ − dₗ; in the other cells the count has mean ρᵢΔ and variance ρᵢ(1 − ρᵢ)d.
 * Averaging the normalised squared deviations gives d. Measured spread with 64 cells: 5th to
 * 95th percentile ≈ 0.7 d … 1.3 d, for d from 20 to 10,000.
 */

/** Probability that a symbol maps to cell `i`. */
export function cellDensity (i: number): number {
  return 1 / (1 + i / 2)
}

/**
 * Estimated number of differing symbols, from the residual counts (remote count − local
 * count) of cells 0, 1, 2, … in order. Never below |Δ|.
 */
export function estimateDifference (residuals: readonly number[]): number {
  const delta = residuals[0] ?? 0
  let sum = 0
  let cells = 0
  for (let i = 1; i < residuals.length; i++) {
    const rho = cellDensity(i)
    const deviation = residuals[i]! - rho * delta
    sum += (deviation * deviation) / (rho * (1 - rho))
    cells++
  }
  const estimate = cells === 0 ? 0 : sum / cells
  return Math.max(Math.abs(delta), estimate)
}
