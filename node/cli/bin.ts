#!/usr/bin/env node
/**
 * `peerhood` executable: runs the CLI with the process's streams and signals. The first
 * SIGINT/SIGTERM asks the running command to stop cleanly; a second one forces the exit.
 */
import { reexecTuned } from '../runtime-tuning.ts'

// before anything heavy is loaded: a long-running command replaces this process by itself tuned
reexecTuned(process.argv.slice(2))
const { EXIT } = await import('./exit-codes.ts')
const { main } = await import('./main.ts')

const stop = new AbortController()
let signals = 0
const onSignal = (): void => {
  signals++
  if (signals === 1) stop.abort()
  else process.exit(EXIT.FORCED)
}
process.on('SIGINT', onSignal)
process.on('SIGTERM', onSignal)

const code = await main(process.argv.slice(2), {
  env: process.env,
  out: line => { process.stdout.write(line + '\n') },
  err: line => { process.stderr.write(line + '\n') },
  stdin: process.stdin,
  stopSignal: stop.signal
})
process.exitCode = code
// A pipe takes output asynchronously: exiting before the reader has taken it all would cut a large
// answer short (a record of 900 KB prints 6 MB of JSON), so the forced exit waits for both streams.
await Promise.all([flushed(process.stdout), flushed(process.stderr)])
// Handles of a stopped node (sockets, timers in dependencies) must not keep the process alive.
setTimeout(() => process.exit(code), 200).unref()

/** Resolves once everything written to `stream` so far has been handed to the system. */
async function flushed (stream: NodeJS.WriteStream): Promise<void> {
  if (stream.writableLength === 0) return
  await new Promise<void>(resolve => { stream.write('', () => { resolve() }) })
}
