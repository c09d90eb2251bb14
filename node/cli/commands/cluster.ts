/**
 * `peerhood cluster --nodes N [--processes] [--group NAME]`: N connected nodes on 127.0.0.1, in this
 * process or one process each, optionally all in one group, until Ctrl-C.
 */
import { mkdir } from 'node:fs/promises'
import { resolve } from 'node:path'
import { PeerhoodError } from '../../../protocols/common/errors.ts'
import type { ClusterTopology } from '../../cluster.ts'
import type { PeerhoodNode } from '../../types.ts'
import { type Command, type CommandContext, emit, flagString, untilAborted } from '../command.ts'
import { EXIT } from '../exit-codes.ts'

const TOPOLOGIES: ClusterTopology[] = ['full', 'sparse', 'ring', 'line', 'star', 'none']

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
  options: { nodes: { type: 'string' }, 'base-port': { type: 'string' }, dir: { type: 'string' }, topology: { type: 'string' }, processes: { type: 'boolean' }, group: { type: 'string' } },
  async run (ctx) {
    const size = intFlag(flagString(ctx.flags, 'nodes'), 'nodes', 1, 64) ?? 3
    const basePort = intFlag(flagString(ctx.flags, 'base-port'), 'base-port', 1, 65_535 - size)
    const topology = (flagString(ctx.flags, 'topology') ?? 'full') as ClusterTopology
    if (!TOPOLOGIES.includes(topology)) throw new PeerhoodError('INVALID_ARGUMENT', `--topology must be one of ${TOPOLOGIES.join(', ')}`)
    const dirFlag = flagString(ctx.flags, 'dir')
    const dir = dirFlag === undefined ? undefined : resolve(dirFlag)
    if (dir !== undefined) await mkdir(dir, { recursive: true })
    const group = flagString(ctx.flags, 'group')
    const common = { size, topology, ...(basePort === undefined ? {} : { basePort }), ...(dir === undefined ? {} : { dir }) }
    let rows: ClusterRow[]
    let groupId: string | undefined
    let stop: () => Promise<void>
    // loaded here, not at the top: the other commands start without libp2p
    const { createCluster } = await import('../../cluster.ts')
    if (ctx.flags.processes === true) {
      const c = await createCluster({ ...common, processes: true, ...(group === undefined ? {} : { group }) })
      rows = c.members.map(m => ({ index: m.index, peerId: m.peerId, apiUrl: m.apiUrl, address: m.address, dataDir: m.dataDir, pid: m.pid }))
      groupId = c.groupId
      stop = c.stop
      emitReady(ctx, c.dir, size, topology, rows, groupId)
    } else {
      const c = await createCluster(common)
      rows = c.nodes.map((n, index) => ({ index, peerId: n.peerId.toString(), apiUrl: n.apiUrl ?? null, address: n.status().addresses[0] ?? null, dataDir: n.dataDir ?? null, pid: process.pid }))
      if (group !== undefined) groupId = await formInProcessGroup(c.nodes, group)
      stop = c.stop
      emitReady(ctx, c.dir, size, topology, rows, groupId)
    }
    await untilAborted(ctx.stopSignal)
    await stop()
    emit(ctx, { event: 'stopped' }, () => 'stopped')
    return EXIT.OK
  }
}

interface ClusterRow { index: number, peerId: string, apiUrl: string | null, address: string | null, dataDir: string | null, pid: number }

function emitReady (ctx: CommandContext, dir: string, size: number, topology: string, rows: ClusterRow[], groupId: string | undefined): void {
  emit(ctx, { event: 'ready', dir, ...(groupId === undefined ? {} : { groupId }), nodes: rows }, () => [
    `cluster of ${size} (${topology}) in ${dir}`,
    ...(groupId === undefined ? [] : [`group: ${groupId}`]),
    ...rows.map(r => `${String(r.index).padStart(2)}  ${r.peerId}  pid ${r.pid}  ${r.apiUrl}  ${r.dataDir}`),
    'ready (Ctrl-C stops all)'
  ].join('\n'))
}

/** Node 0 creates the group; every other node joins it with an invitation bound to its PeerId. */
async function formInProcessGroup (nodes: PeerhoodNode[], friendlyName: string): Promise<string> {
  const creator = nodes[0]!
  const { groupId } = await creator.groups.create({ friendlyName })
  const address = creator.status().addresses[0]!
  await Promise.all(nodes.slice(1).map(async node => {
    const token = await creator.groups.createInvitation(groupId, { peerId: node.peerId.toString(), addresses: [address] })
    await node.groups.join(token)
  }))
  return groupId
}

/** `cluster`. */
export const clusterCommands: Command[] = [cluster]
