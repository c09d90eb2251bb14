/**
 * Clusters of processes: N nodes, each its own `peerhood start` child process on 127.0.0.1 with its
 * own data directory, event loop and API, connected in a chosen topology and optionally put in one
 * group. What one process per node measures is the network, not one shared event loop.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { availableParallelism, tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { mergeConfig, parseConfig } from '../config/index.ts'
import type { PeerhoodConfig, PeerhoodConfigInput } from '../config/schema.ts'
import { PeerhoodError } from '../protocols/common/errors.ts'
import { readApiFile } from './api/api-file.ts'
import { tunedSpawn } from './runtime-tuning.ts'
import { TOKEN_FILE } from './api/constants.ts'
import type { ApiClient } from './api/client.ts'
import { type ChildExit, type ClusterChildState, ClusterNodeClient, childExitError } from './process-cluster-client.ts'
import { type ClusterTopology, topologyEdges } from './cluster-topology.ts'
import { CONFIG_FILE } from './data-dir.ts'

/** Path of the built `peerhood` binary beside this module. */
const BIN = join(dirname(fileURLToPath(import.meta.url)), 'cli', 'bin.js')
/** How long a joining node may take to synchronise with the group, in milliseconds. */
const GROUP_READY_TIMEOUT_MS = 60_000
/** Lines of a child's stderr kept for error reports. */
const STDERR_LINES = 40

/** Options of {@link createProcessCluster}. */
export interface ProcessClusterInit {
  /** Number of node processes (1 to 64). */
  size: number
  /** Which pairs are connected. @default 'full' */
  topology?: ClusterTopology
  /** Folder for the nodes' data directories (`node-0`, `node-1`, ...). @default a new temp folder, removed on stop */
  dir?: string
  /** First TCP port; node i listens on basePort + i. @default 0 (any free port) */
  basePort?: number
  /** Configuration written into every node's `config.json` (over the cluster's loopback defaults). @default {} */
  config?: PeerhoodConfigInput
  /** Create a group with this friendly name on node 0 and join every other node to it. @default none */
  group?: string
  /** How long one node may take to start and report ready, in milliseconds. @default 30000 */
  startTimeoutMs?: number
  /** Node.js executable running the children. @default process.execPath */
  execPath?: string
  /** Where a node process that exits by itself after it was ready is reported, with its last stderr lines. @default process.stderr */
  report?: { write: (text: string) => unknown }
}

/** One node process of a cluster. */
export interface ClusterProcess {
  /** Index in the cluster. */
  readonly index: number
  /** The node's PeerId. */
  readonly peerId: string
  /** The node's first listen address (with `/p2p/`). */
  readonly address: string
  /** Base URL of the node's control API. */
  readonly apiUrl: string
  /** The node's data directory. */
  readonly dataDir: string
  /** Process id of the child. */
  readonly pid: number
  /** A client of the node's control API; once the process has exited its calls fail with `NOT_STARTED` naming the exit. */
  readonly client: ApiClient
}

/** A started cluster of processes. */
export interface ProcessCluster {
  /** The node processes, in index order. */
  readonly members: ClusterProcess[]
  /** The folder holding the nodes' data directories. */
  readonly dir: string
  /** The group every node joined, when {@link ProcessClusterInit.group} was given. */
  readonly groupId?: string
  /** Stops every process it started (SIGTERM, then SIGKILL after 10 s) and removes a temp folder. */
  stop (): Promise<void>
}

interface Child {
  process: ChildProcess
  stderr: string[]
  /** Resolves once the process has exited and its output is closed. */
  exited: Promise<void>
  exit?: ChildExit
  /** Set by stop(): an exit from then on is expected. */
  stopping: boolean
}

/**
 * Starts `size` node processes, connects them and, with `group`, puts them all in one group (node 0
 * creates it and invites each other node by an identity-bound invitation, which it joins).
 *
 * Codes: `INVALID_ARGUMENT` (size), `NOT_STARTED` (a child exited or did not report ready in time,
 * with its last stderr lines in `details.stderr`), and any API error of connecting or joining.
 */
export async function createProcessCluster (init: ProcessClusterInit): Promise<ProcessCluster> {
  if (!Number.isInteger(init.size) || init.size < 1 || init.size > 64) {
    throw new PeerhoodError('INVALID_ARGUMENT', 'cluster size must be an integer from 1 to 64', { details: { size: init.size } })
  }
  const tempDir = init.dir === undefined
  const dir = init.dir ?? await mkdtemp(join(tmpdir(), 'peerhood-cluster-'))
  const children: Child[] = []
  const stop = async (): Promise<void> => {
    await Promise.all(children.map(stopChild))
    process.off('exit', killAll)
    if (tempDir) await rm(dir, { recursive: true, force: true })
  }
  // A parent that exits without stop() must not leave orphans behind.
  const killAll = (): void => { for (const c of children) c.process.kill('SIGKILL') }
  process.on('exit', killAll)
  try {
    // a node's start is mostly CPU (loading modules, opening LevelDB): started all at once, 32 of them
    // on 2 cores each took over 30 s; a few at a time, each takes seconds and the whole no longer
    const starting = startSlots(Math.max(4, availableParallelism() * 2))
    const members = await Promise.all(Array.from({ length: init.size }, async (_, index) => starting(async () => {
      const dataDir = join(dir, `node-${index}`)
      await writeNodeConfig(dataDir, index, init)
      const child = spawnNode(dataDir, init.execPath ?? process.execPath)
      children.push(child)
      const ready = await waitReady(child, index, init.startTimeoutMs ?? 30_000)
      const state: ClusterChildState = { index, pid: child.process.pid!, exited: child.exited, exit: () => child.exit, stderr: () => child.stderr }
      reportUnexpectedExit(child, state, init.report ?? process.stderr)
      const client = new ClusterNodeClient({ url: (await readApiFile(dataDir)).url, token: await readToken(dataDir) }, state)
      return { index, peerId: ready.peerId, address: ready.addresses[0]!, apiUrl: ready.apiUrl, dataDir, pid: child.process.pid!, client } satisfies ClusterProcess
    })))
    await Promise.all(topologyEdges(init.size, init.topology ?? 'full').map(async ([i, j]) => {
      await members[i]!.client.connect(members[j]!.address)
    }))
    const groupId = init.group === undefined ? undefined : await formGroup(members, init.group)
    return { members, dir, ...(groupId === undefined ? {} : { groupId }), stop }
  } catch (err) {
    await stop()
    throw err
  }
}

/**
 * The configuration of node `index`: loopback, mDNS off, cluster-sized limits, then `init.config`.
 * Every node dials from 127.0.0.1, so loopback skips the per-host inbound limits (a node takes up
 * to size - 1 handshakes from that one host at once). N processes on a few cores answer late while
 * the cluster connects (measured: 32 processes on 2 cores, event loops 2 s behind): a dial gets 30 s
 * for its handshake (libp2p's 6 s per address cut 132 of 496 dials of a full mesh), and a late ping
 * does not cut a connection.
 */
export function processNodeConfig (index: number, init: Pick<ProcessClusterInit, 'size' | 'basePort' | 'config'>): PeerhoodConfig {
  const port = init.basePort === undefined ? 0 : init.basePort + index
  return parseConfig(mergeConfig({
    displayName: `node-${index}`,
    listen: [`/ip4/127.0.0.1/tcp/${port}`],
    mdns: { enabled: false },
    connections: {
      inboundConnectionThreshold: Math.max(100, init.size * 10),
      maxPendingPerHost: Math.max(4, init.size),
      maxIncomingPendingConnections: Math.max(32, init.size),
      allow: ['/ip4/127.0.0.0/ipcidr/8'],
      inboundUpgradeTimeout: 30_000,
      dialTimeout: 30_000,
      addressDialTimeout: 30_000,
      abortOnPingFailure: false,
      // loopback connections between processes cannot die silently (a process's exit closes its sockets),
      // so pings only measure round trips: every 10 s on each of 32 nodes' connections they cost an idle
      // cluster 0.2 of a core (measured)
      pingInterval: 60_000
    }
  }, init.config ?? {}))
}

/** Runs the tasks given to it, at most `slots` at a time. */
function startSlots (slots: number): <T>(task: () => Promise<T>) => Promise<T> {
  let running = 0
  const waiting: Array<() => void> = []
  return async task => {
    if (running >= slots) await new Promise<void>(resolve => waiting.push(resolve))
    running++
    try {
      return await task()
    } finally {
      running--
      waiting.shift()?.()
    }
  }
}

/** Writes `config.json` for node `index` (see {@link processNodeConfig}). */
async function writeNodeConfig (dataDir: string, index: number, init: ProcessClusterInit): Promise<void> {
  await mkdir(dataDir, { recursive: true, mode: 0o700 })
  await writeFile(join(dataDir, CONFIG_FILE), JSON.stringify(processNodeConfig(index, init), null, 2) + '\n')
}

function spawnNode (dataDir: string, execPath: string): Child {
  const env: NodeJS.ProcessEnv = {}
  // The file is the cluster's configuration: inherited PEERHOOD_* settings would override it.
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('PEERHOOD_')) env[k] = v
  const tuned = tunedSpawn(BIN, ['start', '--json', '--data', dataDir], env)
  const child = spawn(execPath, tuned.args, { env: tuned.env, stdio: ['ignore', 'pipe', 'pipe'] })
  const stderr: string[] = []
  const state: Child = { process: child, stderr, exited: Promise.resolve(), stopping: false }
  child.stderr!.setEncoding('utf8').on('data', (text: string) => {
    for (const line of text.split('\n')) if (line !== '') stderr.push(line)
    if (stderr.length > STDERR_LINES) stderr.splice(0, stderr.length - STDERR_LINES)
  })
  state.exited = new Promise<void>(resolve => {
    child.once('close', (code: number | null, signal: NodeJS.Signals | null) => {
      state.exit = { code, signal, stopped: state.stopping }
      resolve()
    })
  })
  return state
}

/** The API token of the node on `dataDir`. */
async function readToken (dataDir: string): Promise<string> {
  const file = join(dataDir, TOKEN_FILE)
  try {
    return (await readFile(file, 'utf8')).trim()
  } catch (err) {
    throw new PeerhoodError('NODE_NOT_RUNNING', `cannot read ${file}`, { cause: err, details: { path: file } })
  }
}

/**
 * A node that dies while the cluster runs would otherwise show only as a reset in some later call:
 * say which one, how it ended and what it last wrote.
 */
function reportUnexpectedExit (child: Child, state: ClusterChildState, report: { write: (text: string) => unknown }): void {
  void child.exited.then(() => {
    if (child.exit === undefined || child.exit.stopped) return
    const err = childExitError(state, child.exit)
    report.write(`peerhood cluster: ${err.message} while the cluster was running; its last stderr lines:\n${child.stderr.map(l => `  ${l}`).join('\n')}\n`)
  })
}

interface ReadyLine { peerId: string, addresses: string[], apiUrl: string }

/** Resolves with the child's `ready` line. */
async function waitReady (child: Child, index: number, timeoutMs: number): Promise<ReadyLine> {
  return await new Promise((resolve, reject) => {
    let buffered = ''
    const fail = (why: string): void => {
      cleanup()
      reject(new PeerhoodError('NOT_STARTED', `cluster node ${index} ${why}`, { details: { index, stderr: child.stderr.join('\n') } }))
    }
    const onData = (text: string): void => {
      buffered += text
      let newline: number
      while ((newline = buffered.indexOf('\n')) >= 0) {
        const line = buffered.slice(0, newline)
        buffered = buffered.slice(newline + 1)
        if (!line.startsWith('{')) continue
        try {
          const doc = JSON.parse(line)
          if (doc.event === 'ready' && typeof doc.apiUrl === 'string') {
            cleanup()
            resolve(doc)
            return
          }
        } catch { /* not a JSON line */ }
      }
    }
    const onClose = (): void => { fail('exited before it was ready') }
    const timer = setTimeout(() => { fail(`was not ready within ${timeoutMs} ms`) }, timeoutMs)
    const cleanup = (): void => {
      clearTimeout(timer)
      child.process.stdout!.off('data', onData)
      child.process.off('close', onClose)
    }
    child.process.stdout!.setEncoding('utf8').on('data', onData)
    child.process.once('close', onClose)
  })
}

/** Node 0 creates the group; every other node joins it with an invitation bound to its PeerId. */
async function formGroup (members: ClusterProcess[], friendlyName: string): Promise<string> {
  const creator = members[0]!
  const { groupId } = await creator.client.createGroup({ friendlyName })
  await Promise.all(members.slice(1).map(async member => {
    const invitation = await creator.client.createInvitation(groupId, { peerId: member.peerId, addresses: [creator.address] })
    await member.client.joinGroup(invitation.token)
    await waitFor(async () => {
      const status = await member.client.groupStatus(groupId)
      return status.synchronized && status.hasConnections
    }, GROUP_READY_TIMEOUT_MS, `cluster node ${member.index} did not synchronise with the group`)
  }))
  return groupId
}

/** Checks `ready` every 50 ms until it holds; `TIMEOUT` after `timeoutMs`. */
async function waitFor (ready: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!await ready()) {
    if (Date.now() > deadline) throw new PeerhoodError('TIMEOUT', `${what} within ${timeoutMs} ms`)
    await new Promise(resolve => setTimeout(resolve, 50))
  }
}

async function stopChild (child: Child): Promise<void> {
  child.stopping = true
  if (child.process.exitCode !== null || child.process.signalCode !== null) return
  child.process.kill('SIGTERM')
  const timer = setTimeout(() => child.process.kill('SIGKILL'), 10_000)
  await child.exited
  clearTimeout(timer)
}
