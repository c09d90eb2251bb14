/**
 * Clusters: N nodes in one process on 127.0.0.1 (or the memory transport), or N node processes,
 * each with its own data directory and API, connected in a chosen topology. Used by `peerhood
 * cluster`, the cluster test tier and the benchmarks.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { memory } from '@libp2p/memory'
import { tcp } from '@libp2p/tcp'
import { mergeConfig } from '../config/index.ts'
import type { PeerhoodConfigInput } from '../config/schema.ts'
import { PeerhoodError } from '../protocols/common/errors.ts'
import type { GroupServicesInit } from '../protocols/peer-groups/services.ts'
import { type ClusterTopology, topologyEdges } from './cluster-topology.ts'
import { createProcessCluster, type ProcessCluster, type ProcessClusterInit } from './process-cluster.ts'
import { createPeerhood } from './peerhood.ts'
import type { PeerhoodNode } from './types.ts'

export { type ClusterTopology, topologyEdges } from './cluster-topology.ts'
export type { ClusterProcess, ProcessCluster, ProcessClusterInit } from './process-cluster.ts'

/** Options of {@link createCluster}. */
export interface ClusterInit {
  /** Number of nodes (1 to 64). */
  size: number
  /** Which pairs are connected. @default 'full' */
  topology?: ClusterTopology
  /** Folder for the nodes' data directories (`node-0`, `node-1`, ...). @default a new temp folder, removed on stop */
  dir?: string
  /** First TCP port; node i listens on basePort + i. @default 0 (any free port) */
  basePort?: number
  /** Transport between the nodes. @default 'tcp' (127.0.0.1) */
  transport?: 'tcp' | 'memory'
  /** Storage of each node. @default 'level' (in its data directory) */
  storage?: 'level' | 'memory'
  /** Serve each node's control API. @default true with level storage */
  api?: boolean
  /** Configuration merged into every node's. @default {} */
  config?: PeerhoodConfigInput
  /** Group service options per node (e.g. a clock). @default none */
  groups?: (index: number) => GroupServicesInit
  /** Extra libp2p services for every node (a fresh set per node). @default none */
  services?: (index: number) => Record<string, (components: any) => any>
}

/** A started cluster. */
export interface Cluster {
  /** The nodes, in index order. */
  readonly nodes: PeerhoodNode[]
  /** The folder holding the nodes' data directories. */
  readonly dir: string
  /** Stops every node (and removes the folder when it was a temp one). */
  stop (): Promise<void>
}


/**
 * Starts a cluster and connects it: N nodes in this process, or, with `processes: true`, N node
 * processes (see {@link createProcessCluster}). Codes: INVALID_ARGUMENT, and any node start error.
 */
export async function createCluster (init: ProcessClusterInit & { processes: true }): Promise<ProcessCluster>
export async function createCluster (init: ClusterInit & { processes?: false }): Promise<Cluster>
export async function createCluster (init: (ClusterInit & { processes?: false }) | (ProcessClusterInit & { processes: true })): Promise<Cluster | ProcessCluster> {
  if (init.processes === true) return await createProcessCluster(init)
  return await createInProcessCluster(init)
}

async function createInProcessCluster (init: ClusterInit): Promise<Cluster> {
  if (!Number.isInteger(init.size) || init.size < 1 || init.size > 64) {
    throw new PeerhoodError('INVALID_ARGUMENT', 'cluster size must be an integer from 1 to 64', { details: { size: init.size } })
  }
  const tempDir = init.dir === undefined
  const dir = init.dir ?? await mkdtemp(join(tmpdir(), 'peerhood-cluster-'))
  const storage = init.storage ?? 'level'
  const transport = init.transport ?? 'tcp'
  const runId = Math.random().toString(36).slice(2, 10)
  const nodes: PeerhoodNode[] = []
  const stop = async (): Promise<void> => {
    await Promise.allSettled(nodes.map(async n => n.stop()))
    if (tempDir) await rm(dir, { recursive: true, force: true })
  }
  try {
    for (let i = 0; i < init.size; i++) {
      const listen = transport === 'memory' ? `/memory/peerhood-${runId}-${i}` : `/ip4/127.0.0.1/tcp/${init.basePort === undefined ? 0 : init.basePort + i}`
      const config = mergeConfig({
        displayName: `node-${i}`,
        listen: [listen],
        mdns: { enabled: false },
        // every node dials from 127.0.0.1: lift the per-host inbound rate and handshake limits; and many nodes on
        // one event loop can answer a ping late under load, which must not cut their connections
        connections: { inboundConnectionThreshold: Math.max(100, init.size * 10), maxPendingPerHost: Math.max(4, init.size), abortOnPingFailure: false }
      }, init.config ?? {})
      const node = await createPeerhood({
        ...(storage === 'level' ? { dataDir: join(dir, `node-${i}`) } : {}),
        storage,
        config,
        transports: [transport === 'memory' ? memory() : tcp()],
        api: init.api ?? storage === 'level',
        // every node shares 127.0.0.1, which member colocation scoring does not count
        ...(init.groups === undefined ? {} : { groups: init.groups(i) }),
        ...(init.services === undefined ? {} : { services: init.services(i) })
      })
      nodes.push(node)
      await node.start()
    }
    await connectTopology(nodes, topologyEdges(nodes.length, init.topology ?? 'full'))
  } catch (err) {
    await stop()
    throw err
  }
  return { nodes, dir, stop }
}

/** Dials every edge and waits until both ends see the connection. */
async function connectTopology (nodes: PeerhoodNode[], edges: Array<[number, number]>): Promise<void> {
  await Promise.all(edges.map(async ([i, j]) => {
    const target = nodes[j]!
    await nodes[i]!.connect(target.status().addresses[0]!)
  }))
}
