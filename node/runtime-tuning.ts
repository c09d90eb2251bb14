/**
 * How the long-running `peerhood` processes (`peerhood start`, `peerhood cluster`, the processes
 * of a process cluster) run Node. V8 sizes the young generation by the machine's memory: on a
 * 24 GiB host a busy node grows it to 134 MB, most of a daemon's resident memory, for a working
 * set of some tens of MB. A daemon that serves a cold sync of 10k records peaks at 290 MB that
 * way, and at about 200 MB with semi-spaces of 16 MB, at no measurable cost in throughput
 * (`docs/performance.md`). glibc keeps up to eight malloc arenas per core, each holding what
 * LevelDB's and libuv's threads freed; two are enough for a node's few threads.
 *
 * These are process-wide settings, so a library never makes them for the app that embeds it:
 * only Peerhood's own executable applies them (by re-executing itself, same PID, before it loads
 * anything), and `docs/embedding.md` recommends them to embedders.
 */

/** Node flags of a tuned Peerhood process. */
export const DAEMON_NODE_FLAGS: readonly string[] = Object.freeze(['--max-semi-space-size=16'])

/** Environment of a tuned Peerhood process (read by glibc at start; ignored elsewhere). */
export const DAEMON_ENV: Readonly<Record<string, string>> = Object.freeze({ MALLOC_ARENA_MAX: '2' })

/** Set to `off` to run the executable as started (no re-execution). */
export const RUNTIME_TUNING_ENV = 'PEERHOOD_RUNTIME_TUNING'

/** CLI commands that run a long-lived node, and so are worth a re-execution. */
const LONG_RUNNING = new Set(['start', 'cluster'])

/** Whether a process started with `execArgv` and `env` already runs tuned (flags may also come from NODE_OPTIONS). */
export function runsTuned (execArgv: readonly string[], env: NodeJS.ProcessEnv): boolean {
  const options = (env.NODE_OPTIONS ?? '').split(/\s+/)
  const flagsSet = DAEMON_NODE_FLAGS.every(flag => {
    const name = flag.split('=')[0]!
    return [...execArgv, ...options].some(a => a === flag || a.startsWith(`${name}=`))
  })
  return flagsSet && Object.entries(DAEMON_ENV).every(([k, v]) => env[k] === v)
}

/** The `spawn` arguments and environment that run `script args…` as a tuned Peerhood process. */
export function tunedSpawn (script: string, args: readonly string[], env: NodeJS.ProcessEnv): { args: string[], env: NodeJS.ProcessEnv } {
  return { args: [...DAEMON_NODE_FLAGS, script, ...args], env: { ...env, ...DAEMON_ENV } }
}

/** What {@link reexecTuned} decided, for `argv` (the CLI's words) in this process. */
export function shouldReexec (argv: readonly string[], execArgv: readonly string[], env: NodeJS.ProcessEnv, canExec: boolean): boolean {
  return canExec && LONG_RUNNING.has(argv[0] ?? '') && env[RUNTIME_TUNING_ENV] !== 'off' && !runsTuned(execArgv, env)
}

/**
 * Replaces this process (same PID, same streams) by itself run tuned, when `argv` starts a
 * long-running command and the process is not tuned yet; returns only when it did not (no
 * `process.execve`, before Node 22.15 / 23.11, or tuning switched off).
 */
export function reexecTuned (argv: readonly string[]): void {
  const execve = (process as { execve?: (file: string, args: string[], env: NodeJS.ProcessEnv) => never }).execve
  if (!shouldReexec(argv, process.execArgv, process.env, typeof execve === 'function')) return
  const script = process.argv[1]!
  const tuned = tunedSpawn(script, argv, process.env)
  execve!.call(process, process.execPath, [process.execPath, ...process.execArgv, ...tuned.args], tuned.env)
}
