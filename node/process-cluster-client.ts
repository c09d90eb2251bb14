/**
 * The API client of one cluster node process: when the node cannot be reached because its process
 * has exited, calls fail with `NOT_STARTED` naming the exit and carrying the child's last stderr
 * lines, instead of a bare reset.
 */
import { PeerhoodError } from '../protocols/common/errors.ts'
import { ApiClient, type ApiClientInit } from './api/client.ts'

/** How long a failed call waits for the child's exit to be noticed, in milliseconds (the reset may arrive first). */
const EXIT_NOTICE_MS = 2_000

/** How a child process ended. */
export interface ChildExit {
  /** Exit code, or null when a signal ended it. */
  code: number | null
  /** Signal that ended it, or null. */
  signal: NodeJS.Signals | null
  /** Whether the cluster stopped it (`stop()`), rather than it exiting by itself. */
  stopped: boolean
}

/** What the client knows of its node's process. */
export interface ClusterChildState {
  /** Index of the node in its cluster. */
  index: number
  /** Process id of the child. */
  pid: number
  /** Resolves once the child has exited and its output is closed. */
  exited: Promise<void>
  /** How it ended, once it has. */
  exit: () => ChildExit | undefined
  /** The child's last stderr lines. */
  stderr: () => string[]
}

/** The `NOT_STARTED` error for a cluster node process that has exited. */
export function childExitError (child: ClusterChildState, exit: ChildExit, cause?: unknown): PeerhoodError {
  const how = exit.signal === null ? `code ${exit.code}` : `signal ${exit.signal}`
  const why = exit.stopped ? 'was stopped' : `exited (${how})`
  return new PeerhoodError('NOT_STARTED', `cluster node ${child.index} (pid ${child.pid}) ${why}`, {
    ...(cause === undefined ? {} : { cause }),
    details: { index: child.index, pid: child.pid, exitCode: exit.code, signal: exit.signal, stopped: exit.stopped, stderr: child.stderr().join('\n') }
  })
}

/** An {@link ApiClient} that explains an unreachable node by its process's exit. */
export class ClusterNodeClient extends ApiClient {
  private readonly child: ClusterChildState

  constructor (init: ApiClientInit, child: ClusterChildState) {
    super(init)
    this.child = child
  }

  protected override async unreachable (err: unknown): Promise<unknown> {
    if (!(err instanceof PeerhoodError) || err.code !== 'NODE_NOT_RUNNING') return err
    let timer: NodeJS.Timeout | undefined
    await Promise.race([this.child.exited, new Promise(resolve => { timer = setTimeout(resolve, EXIT_NOTICE_MS) })])
    clearTimeout(timer)
    const exit = this.child.exit()
    return exit === undefined ? err : childExitError(this.child, exit, err)
  }
}
