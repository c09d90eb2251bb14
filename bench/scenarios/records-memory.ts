/**
 * Memory of a node holding 100k records of 1 KB: one Peerhood node with LevelDB storage in a
 * temp data directory, run in a child process (`memory-child.ts`, so that this process's heap
 * does not count) with `--expose-gc`.
 *
 * - after adding: the node creates a group, is measured with no records (the limit, same node,
 *   same run), adds 100,000 records of 1 KB with `groups.addRecord` one after the other (sign,
 *   store, publish to a group with no other member), collects garbage, waits for RSS to settle
 *   and is measured again while it runs and holds the records;
 * - restarted: a second child starts a node on the same data directory and is measured (a node
 *   holding the records without the high-water mark of having written them).
 *
 * Figures: RSS in MB (1 MB = 10⁶ bytes; target ≤ 400 MB), heap used, and the per-record
 * overhead (RSS with the records − RSS with none) ÷ 100,000 in bytes.
 */
import { spawn } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { BenchResult } from '../harness.ts'
import type { ChildReport, MemorySample } from './memory-child.ts'

/** Scenario `records-memory`. */
export const name = 'records-memory'

const RECORDS = 100_000
const DATA_BYTES = 1024
const TARGET_MB = 400
const FILL_TIMEOUT_MS = 600_000
const REOPEN_TIMEOUT_MS = 120_000
const CHILD = fileURLToPath(new URL('./memory-child.js', import.meta.url))

const mb = (bytes: number): number => bytes / 1e6

/** Runs the child with `args`; resolves with its report. Kills it after `timeoutMs`. */
async function child (args: string[], timeoutMs: number): Promise<ChildReport> {
  const proc = spawn(process.execPath, ['--expose-gc', CHILD, ...args], { stdio: ['ignore', 'pipe', 'inherit'] })
  let out = ''
  proc.stdout.setEncoding('utf8')
  proc.stdout.on('data', (chunk: string) => { out += chunk })
  const timer = setTimeout(() => { proc.kill('SIGKILL') }, timeoutMs)
  try {
    const code = await new Promise<number | null>((resolve, reject) => {
      proc.once('error', reject)
      proc.once('exit', resolve)
    })
    const line = out.split('\n').find(l => l.startsWith('RESULT '))
    if (code !== 0 || line === undefined) throw new Error(`records-memory: child ${args[0]} exited with ${code ?? 'a signal (timed out?)'} and no result`)
    return JSON.parse(line.slice('RESULT '.length)) as ChildReport
  } finally {
    clearTimeout(timer)
  }
}

function rows (label: string, empty: MemorySample, full: MemorySample, params: Record<string, unknown>): BenchResult[] {
  const base = `records-memory/n=${RECORDS}/${label}`
  const limit = { name: 'same node, 0 records', unit: 'MB' }
  const rss = mb(full.rss)
  return [
    {
      scenario: `${base}/rss`,
      params: { ...params, external: mb(full.external), arrayBuffers: mb(full.arrayBuffers) },
      value: rss,
      unit: 'MB',
      limit: { ...limit, value: mb(empty.rss) },
      ratio: full.rss / empty.rss,
      target: `≤ ${TARGET_MB} MB`,
      pass: rss <= TARGET_MB
    },
    { scenario: `${base}/heap-used`, params, value: mb(full.heapUsed), unit: 'MB', limit: { ...limit, value: mb(empty.heapUsed) }, ratio: full.heapUsed / empty.heapUsed },
    { scenario: `${base}/per-record`, params, value: (full.rss - empty.rss) / RECORDS, unit: 'B/record' }
  ]
}

/** Runs the scenario. */
export async function run (): Promise<BenchResult[]> {
  const dir = await mkdtemp(join(tmpdir(), 'peerhood-bench-memory-'))
  try {
    const filled = await child(['fill', dir, String(RECORDS)], FILL_TIMEOUT_MS)
    if (filled.empty === undefined || filled.records < RECORDS) throw new Error(`records-memory: the node holds ${filled.records} of ${RECORDS} records`)
    const reopened = await child(['reopen', dir], REOPEN_TIMEOUT_MS)
    if (reopened.records !== filled.records) throw new Error(`records-memory: the restarted node holds ${reopened.records} of ${filled.records} records`)
    // records counts the group's system records too (properties, the node's membership)
    const params = { records: RECORDS, dataBytes: DATA_BYTES, storage: 'level', groupRecords: filled.records, addSeconds: filled.addSeconds }
    return [
      ...rows('after-adding', filled.empty, filled.full, params),
      ...rows('restarted', filled.empty, reopened.full, params)
    ]
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}
