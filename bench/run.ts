/**
 * `npm run bench [-- NAME...]`: runs the scenarios (all but the opt-in ones, or those named),
 * prints a table and writes the results as JSON to `bench/results/<time>.json`.
 */
import { mkdir, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { BenchResult } from './harness.ts'
import { SCENARIOS } from './scenarios/index.ts'

function format (n: number): string {
  if (n >= 100) return Math.round(n).toLocaleString('en-US')
  return n.toPrecision(3)
}

/** Renders results as a fixed-width table. */
export function table (results: BenchResult[]): string {
  const rows = results.map(r => [
    r.scenario,
    `${format(r.value)} ${r.unit}`,
    r.limit === undefined ? '' : `${r.limit.name} ${format(r.limit.value)} ${r.limit.unit}`,
    r.ratio === undefined ? '' : format(r.ratio),
    r.target ?? '',
    r.pass === undefined ? '' : r.pass ? 'ok' : 'MISSED'
  ])
  const head = ['scenario', 'value', 'limit (same run)', 'ratio', 'target', '']
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map(r => r[i]!.length)))
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd()
  return [line(head), line(widths.map(w => '-'.repeat(w))), ...rows.map(line)].join('\n')
}

const wanted = process.argv.slice(2)
const chosen = wanted.length === 0 ? SCENARIOS.filter(s => s.optIn !== true) : SCENARIOS.filter(s => wanted.includes(s.name))
if (chosen.length === 0) {
  process.stderr.write(`no scenario named ${wanted.join(', ')}; known: ${SCENARIOS.map(s => s.name).join(', ')}\n`)
  process.exit(2)
}
const results: BenchResult[] = []
for (const scenario of chosen) {
  process.stderr.write(`running ${scenario.name}...\n`)
  results.push(...await scenario.run())
}
process.stdout.write(table(results) + '\n')
const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
const outDir = join(repo, 'bench', 'results')
await mkdir(outDir, { recursive: true })
const file = join(outDir, `${new Date().toISOString().replace(/[:.]/g, '-')}.json`)
await writeFile(file, JSON.stringify({ node: process.version, platform: `${process.platform}-${process.arch}`, time: new Date().toISOString(), results }, null, 2) + '\n')
process.stderr.write(`results written to ${file}\n`)
