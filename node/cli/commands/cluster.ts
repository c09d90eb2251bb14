/**
 * `peerhood cluster --nodes N`: N connected nodes on 127.0.0.1 in this process, until Ctrl-C.
 */
import { mkdir } from 'node:fs/promises'
import { resolve } from 'node:path'
import { PeerhoodError } from '../../../protocols/common/errors.ts'
import { type ClusterTopology, createCluster } from '../../cluster.ts'
import { type Command, emit, flagString, untilAborted } from '../command.ts'
import { EXIT } from '../exit-codes.ts'

const TOPOLOGIES: ClusterTopology[] = ['full', 'ring', 'line', 'star', 'none']

function intFlag (value: string | undefined, name: string, min: number, max: number): number | undefined {
  if (value === undefined) return undefined
  const n = Number(value)
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new PeerhoodError('INVALID_ARGUMENT', `--${name} must be an integer from ${min} to ${max}`, { details: { [name]: value } })
  }
  return n
}

const cluster: Command = {
  words: ['cluster'],
  options: { nodes: { type: 'string' }, 'base-port': { type: 'string' }, dir: { type: 'string' }, topology: { type: 'string' } },
  async run (ctx) {
    const size = intFlag(flagString(ctx.flags, 'nodes'), 'nodes', 1, 64) ?? 3
    const basePort = intFlag(flagString(ctx.flags, 'base-port'), 'base-port', 1, 65_535 - size)
    const topology = (flagString(ctx.flags, 'topology') ?? 'full') as ClusterTopology
    if (!TOPOLOGIES.includes(topology)) throw new PeerhoodError('INVALID_ARGUMENT', `--topology must be one of ${TOPOLOGIES.join(', ')}`)
    const dirFlag = flagString(ctx.flags, 'dir')
    const dir = dirFlag === undefined ? undefined : resolve(dirFlag)
    if (dir !== undefined) await mkdir(dir, { recursive: true })
    const c = await createCluster({ size, topology, ...(basePort === undefined ? {} : { basePort }), ...(dir === undefined ? {} : { dir }) })
    const rows = c.nodes.map((n, index) => ({ index, peerId: n.peerId.toString(), apiUrl: n.apiUrl ?? null, address: n.status().addresses[0] ?? null, dataDir: n.dataDir ?? null }))
    emit(ctx, { event: 'ready', dir: c.dir, nodes: rows }, () => [
      `cluster of ${size} (${topology}) in ${c.dir}`,
      ...rows.map(r => `${String(r.index).padStart(2)}  ${r.peerId}  ${r.apiUrl}  ${r.address}`),
      'ready (Ctrl-C stops all)'
    ].join('\n'))
    await untilAborted(ctx.stopSignal)
    await c.stop()
    emit(ctx, { event: 'stopped' }, () => 'stopped')
    return EXIT.OK
  }
}

/** `cluster`. */
export const clusterCommands: Command[] = [cluster]
