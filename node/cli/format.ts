/**
 * Small helpers for the CLI's human output: aligned columns and readable dates.
 */

/** Rows as left-aligned columns separated by two spaces (the last column is not padded). */
export function table (rows: ReadonlyArray<readonly string[]>): string {
  const widths: number[] = []
  for (const row of rows) row.forEach((cell, i) => { widths[i] = Math.max(widths[i] ?? 0, cell.length) })
  return rows.map(row => row.map((cell, i) => i === row.length - 1 ? cell : cell.padEnd(widths[i]!)).join('  ').trimEnd()).join('\n')
}

/** An epoch-milliseconds time as `YYYY-MM-DD HH:MM:SSZ`. */
export function formatTime (ms: number): string {
  return new Date(ms).toISOString().replace('T', ' ').replace(/\.\d{3}Z$/, 'Z')
}

/** `key: value` lines, keys aligned. */
export function keyValues (pairs: ReadonlyArray<readonly [string, string]>): string {
  const width = Math.max(0, ...pairs.map(([k]) => k.length))
  return pairs.map(([k, v]) => `${(k + ':').padEnd(width + 1)} ${v}`).join('\n')
}
