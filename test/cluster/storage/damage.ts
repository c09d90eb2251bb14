/**
 * The documented ways a datastore gets damaged (docs/troubleshooting.md), done to the LevelDB
 * files of a data directory the way a disk, a crash or a person would.
 */
import { open, readdir, rm, stat, truncate } from 'node:fs/promises'
import { join } from 'node:path'
import { createPeerhood } from '../../../node/peerhood.ts'

/** Node config of these tests: loopback, nothing discovered. */
export const QUIET = { mdns: { enabled: false }, dht: { enabled: false }, listen: ['/ip4/127.0.0.1/tcp/0'] }

/** The LevelDB folder of a data directory. */
export function datastoreOf (dataDir: string): string {
  return join(dataDir, 'datastore')
}

async function largestTable (datastore: string): Promise<string> {
  let best: { name: string, size: number } | undefined
  for (const name of await readdir(datastore)) {
    if (!name.endsWith('.ldb')) continue
    const { size } = await stat(join(datastore, name))
    if (best === undefined || size > best.size) best = { name, size }
  }
  if (best === undefined) throw new Error(`no table file in ${datastore}`)
  return join(datastore, best.name)
}

async function newestTable (datastore: string): Promise<string> {
  const tables = (await readdir(datastore)).filter(n => n.endsWith('.ldb')).sort()
  if (tables.length === 0) throw new Error(`no table file in ${datastore}`)
  return join(datastore, tables[tables.length - 1]!)
}

/** Overwrites `length` bytes of `path` at `offset` with a pattern. */
async function scribble (path: string, offset: number, length = 64): Promise<void> {
  const handle = await open(path, 'r+')
  try { await handle.write(Buffer.alloc(length, 0x5a), 0, length, offset) } finally { await handle.close() }
}

/** One way to damage a datastore: its name and what it does to the LevelDB folder. */
export interface Damage {
  name: string
  /** Whether records are lost (the others lose only LevelDB's bookkeeping). */
  loses: boolean
  /** Damages the datastore; resolves with the path of the file it damaged. */
  apply (datastore: string): Promise<string>
}

/** The five documented damages. */
export const DAMAGES: Damage[] = [
  { name: 'CURRENT deleted', loses: false, async apply (d) { await rm(join(d, 'CURRENT')); return join(d, 'CURRENT') } },
  {
    name: 'MANIFEST deleted',
    loses: false,
    async apply (d) {
      const name = (await readdir(d)).find(n => n.startsWith('MANIFEST-'))!
      await rm(join(d, name))
      return join(d, name)
    }
  },
  { name: 'a table file truncated', loses: true, async apply (d) { const t = await largestTable(d); await truncate(t, Math.floor((await stat(t)).size / 3)); return t } },
  { name: '64 bytes of a table file overwritten', loses: true, async apply (d) { const t = await largestTable(d); await scribble(t, Math.floor((await stat(t)).size / 2)); return t } },
  { name: 'the newest table file deleted', loses: true, async apply (d) { const t = await newestTable(d); await rm(t); return t } }
]

/**
 * Fills a new data directory: a group created by this node and `count` records, stopped and
 * reopened once so that the records sit in a table file, not only in the write-ahead log.
 */
export async function fillDataDir (dataDir: string, count = 300): Promise<{ groupId: string, recordIds: string[] }> {
  const node = await createPeerhood({ dataDir, config: QUIET, api: false })
  await node.start()
  const { groupId } = await node.groups.create({ friendlyName: 'damage' })
  const recordIds: string[] = []
  for (let i = 0; i < count; i++) {
    recordIds.push((await node.groups.addRecord(groupId, { type: 'note', data: new TextEncoder().encode(`record ${i} ${'x'.repeat(400)}`) })).id)
  }
  await node.stop()
  const again = await createPeerhood({ dataDir, config: QUIET, api: false })
  await again.start()
  await again.stop()
  return { groupId, recordIds }
}
