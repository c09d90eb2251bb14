/**
 * Issue 14's bulk import: `peerhood record import G FILE.ndjson` of 100,000 records of 1 KB into a
 * node process on LevelDB (the CLI and the node each their own process, as a user runs them):
 * records per second from the command's start to its last acknowledgement (target ≥ 5,000/s).
 * The limit beside it is the same node adding records one API request at a time.
 */
import { spawn } from 'node:child_process'
import { createWriteStream } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createCluster } from '../../node/cluster.ts'
import type { BenchResult } from '../harness.ts'

/** Scenario name. */
export const name = 'import'

const RECORDS = Number(process.env.PEERHOOD_BENCH_IMPORT ?? 100_000)
const SINGLE = 2_000
const RECORD_BYTES = 1024
const IN_FLIGHT = 16
const BIN = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'node', 'cli', 'bin.js')

/** Writes `count` NDJSON record lines to `path`. */
async function writeFile (path: string, count: number): Promise<void> {
  const out = createWriteStream(path)
  const data = Buffer.alloc(RECORD_BYTES, 42).toString('base64')
  for (let i = 0; i < count; i++) {
    const line = JSON.stringify({ type: 'bench.item', data, attributes: [{ name: 'n', type: 'int', value: i }] }) + '\n'
    if (!out.write(line)) await new Promise<void>(resolve => { out.once('drain', () => { resolve() }) })
  }
  await new Promise<void>((resolve, reject) => { out.end((err?: Error | null) => { if (err == null) resolve(); else reject(err) }) })
}

/** Runs `peerhood record import` and returns its JSON summary. */
async function runImport (dataDir: string, groupId: string, file: string): Promise<{ imported: number, seconds: number, recordsPerSecond: number }> {
  const child = spawn(process.execPath, [BIN, 'record', 'import', groupId, file, '--data', dataDir, '--json'], { stdio: ['ignore', 'pipe', 'pipe'] })
  let out = ''
  let err = ''
  child.stdout.on('data', (d: Buffer) => { out += d.toString() })
  child.stderr.on('data', (d: Buffer) => { err += d.toString() })
  const code = await new Promise<number | null>(resolve => { child.on('close', resolve) })
  if (code !== 0) throw new Error(`record import failed (${code}): ${err}`)
  return JSON.parse(out.trim().split('\n').pop()!)
}

/** Runs the scenario. */
export async function run (): Promise<BenchResult[]> {
  const dir = await mkdtemp(join(tmpdir(), 'peerhood-import-'))
  const cluster = await createCluster({ size: 1, processes: true, group: 'import', config: { dht: { enabled: false } } })
  try {
    const node = cluster.members[0]!
    const groupId = cluster.groupId!
    // the limit: one record a request, IN_FLIGHT requests at a time
    const data = Buffer.alloc(RECORD_BYTES, 7).toString('base64')
    let next = 0
    const started = performance.now()
    await Promise.all(Array.from({ length: IN_FLIGHT }, async () => {
      while (next < SINGLE) {
        next++
        await node.client.addRecord(groupId, { type: 'bench.single', data })
      }
    }))
    const singleRate = SINGLE / ((performance.now() - started) / 1000)
    const file = join(dir, 'records.ndjson')
    await writeFile(file, RECORDS)
    const result = await runImport(node.dataDir, groupId, file)
    const held = (await node.client.groupStatus(groupId)).records
    const params = { records: RECORDS, recordBytes: RECORD_BYTES, seconds: result.seconds, held }
    return [{
      scenario: `import/records=${RECORDS}/rate`,
      params,
      value: result.recordsPerSecond,
      unit: 'records/s',
      limit: { name: 'one record a request', value: singleRate, unit: 'records/s' },
      ratio: result.recordsPerSecond / singleRate,
      target: '≥ 5,000 records/s',
      pass: result.imported === RECORDS && result.recordsPerSecond >= 5_000
    }]
  } finally {
    await cluster.stop()
    await rm(dir, { recursive: true, force: true })
  }
}
