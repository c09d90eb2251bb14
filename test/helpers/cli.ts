/**
 * Runs the built `peerhood` binary as a user would: a child process on Node 24, its own
 * environment, loopback only and mDNS off.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

/** Path of the built binary (`dist/node/cli/bin.js`). */
export const BIN = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'node', 'cli', 'bin.js')

/** Result of a finished CLI run. */
export interface CliResult {
  code: number | null
  signal: NodeJS.Signals | null
  stdout: string
  stderr: string
}

/** Environment for CLI children: no inherited PEERHOOD_* settings. */
export function cliEnv (extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {}
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('PEERHOOD_')) env[k] = v
  return { ...env, ...extra }
}

/** Runs `peerhood ...args` to completion. */
export async function runCli (args: string[], options: { env?: NodeJS.ProcessEnv, input?: string, timeoutMs?: number, readAfterMs?: number } = {}): Promise<CliResult> {
  const child = spawn(process.execPath, [BIN, ...args], { env: options.env ?? cliEnv(), stdio: ['pipe', 'pipe', 'pipe'] })
  const result = collect(child)
  // a slow reader (a loaded machine, a pager): the child must not exit before its output is taken
  if (options.readAfterMs !== undefined) {
    child.stdout.pause()
    setTimeout(() => { child.stdout.resume() }, options.readAfterMs)
  }
  child.stdin.end(options.input ?? '')
  const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 30_000)
  try { return await result } finally { clearTimeout(timer) }
}

/** Collects a child's output until it exits. */
export async function collect (child: ChildProcess): Promise<CliResult> {
  let stdout = ''
  let stderr = ''
  child.stdout?.on('data', (d: Buffer) => { stdout += d.toString() })
  child.stderr?.on('data', (d: Buffer) => { stderr += d.toString() })
  return new Promise(resolve => {
    child.on('close', (code, signal) => { resolve({ code, signal, stdout, stderr }) })
  })
}

/** A long-running CLI child (e.g. `start`) with its output so far. */
export interface CliProcess {
  child: ChildProcess
  stdout: () => string
  stderr: () => string
  /** Resolves with the first stdout JSON line for which `match` is true. */
  waitForJson: (match: (doc: any) => boolean, timeoutMs?: number) => Promise<any>
  /** Resolves when the child exits. */
  exited: Promise<CliResult>
}

/** Starts `peerhood ...args` and keeps it running. */
export function startCli (args: string[], options: { env?: NodeJS.ProcessEnv } = {}): CliProcess {
  const child = spawn(process.execPath, [BIN, ...args], { env: options.env ?? cliEnv(), stdio: ['pipe', 'pipe', 'pipe'] })
  let out = ''
  let err = ''
  child.stdout.on('data', (d: Buffer) => { out += d.toString() })
  child.stderr.on('data', (d: Buffer) => { err += d.toString() })
  const exited = new Promise<CliResult>(resolve => { child.on('close', (code, signal) => { resolve({ code, signal, stdout: out, stderr: err }) }) })
  const waitForJson = async (match: (doc: any) => boolean, timeoutMs = 20_000): Promise<any> => {
    return new Promise((resolve, reject) => {
      const check = (): boolean => {
        for (const line of out.split('\n')) {
          if (!line.startsWith('{')) continue
          try {
            const doc = JSON.parse(line)
            if (match(doc)) { cleanup(); resolve(doc); return true }
          } catch { /* partial line */ }
        }
        return false
      }
      const onData = () => { check() }
      const onClose = () => { cleanup(); reject(new Error(`exited before the expected output; stderr: ${err}`)) }
      const timer = setTimeout(() => { cleanup(); reject(new Error(`timed out; stdout: ${out} stderr: ${err}`)) }, timeoutMs)
      const cleanup = () => { clearTimeout(timer); child.stdout.off('data', onData); child.off('close', onClose) }
      child.stdout.on('data', onData)
      child.on('close', onClose)
      check()
    })
  }
  return { child, stdout: () => out, stderr: () => err, waitForJson, exited }
}
