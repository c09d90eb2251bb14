/**
 * Child process of the `records-memory` scenario: one Peerhood node with LevelDB storage in a
 * given data directory, measured from the inside so that the parent's heap does not count.
 *
 * `node --expose-gc memory-child.js fill <dataDir> <records>` creates a group, reports the
 * node's memory with no records, adds the records (1 KB of data each) and reports it again.
 * `node --expose-gc memory-child.js reopen <dataDir>` starts the node on an existing data
 * directory and reports its memory (a restarted node holding the records).
 *
 * It writes one line `RESULT <json>` ({@link ChildReport}) to stdout and exits.
 */
import { randomFillSync } from 'node:crypto'
import { createPeerhood } from '../../node/peerhood.ts'
import type { PeerhoodNode } from '../../node/types.ts'
import { type MemorySample, settled } from './memory-sample.ts'

export type { MemorySample } from './memory-sample.ts'

/** What the child reports. */
export interface ChildReport {
  /** The node with its group and no records (`fill` only). */
  empty?: MemorySample
  /** The node holding the records. */
  full: MemorySample
  /** Records the group holds at the end. */
  records: number
  /** Seconds spent adding the records (`fill` only). */
  addSeconds?: number
}

const DATA_BYTES = 1024
const RECORD_TYPE = 'bench.memory'

async function start (dataDir: string): Promise<PeerhoodNode> {
  const node = await createPeerhood({
    dataDir,
    api: false,
    config: { mdns: { enabled: false }, dht: { enabled: false }, listen: ['/ip4/127.0.0.1/tcp/0'] }
  })
  await node.start()
  return node
}

async function fill (dataDir: string, count: number): Promise<ChildReport> {
  const node = await start(dataDir)
  try {
    const { groupId } = await node.groups.create({ friendlyName: 'bench' })
    const empty = await settled()
    const started = performance.now()
    // one after the other, as an application would (about 4k records/s here: 100k take under 30 s)
    for (let i = 0; i < count; i++) {
      await node.groups.addRecord(groupId, { type: RECORD_TYPE, data: randomFillSync(new Uint8Array(DATA_BYTES)) })
    }
    const addSeconds = (performance.now() - started) / 1000
    const full = await settled()
    const records = (await node.groups.status(groupId)).records
    return { empty, full, records, addSeconds }
  } finally {
    await node.stop()
  }
}

async function reopen (dataDir: string): Promise<ChildReport> {
  const node = await start(dataDir)
  try {
    const [group] = await node.groups.list()
    if (group === undefined) throw new Error('memory-child: the data directory holds no group')
    const full = await settled()
    return { full, records: (await node.groups.status(group.groupId)).records }
  } finally {
    await node.stop()
  }
}

const [mode, dataDir, records] = process.argv.slice(2)
if (dataDir === undefined || (mode === 'fill' && records === undefined) || (mode !== 'fill' && mode !== 'reopen')) {
  process.stderr.write('usage: memory-child.js fill <dataDir> <records> | reopen <dataDir>\n')
  process.exit(2)
}
const report = mode === 'fill' ? await fill(dataDir, Number(records)) : await reopen(dataDir)
process.stdout.write(`RESULT ${JSON.stringify(report)}\n`)
process.exit(0)
