#!/usr/bin/env node
/**
 * `peerhood` executable: runs the CLI with the process's streams and signals. The first
 * SIGINT/SIGTERM asks the running command to stop cleanly; a second one forces the exit.
 */
import { EXIT } from './exit-codes.ts'
import { main } from './main.ts'

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
// Handles of a stopped node (sockets, timers in dependencies) must not keep the process alive.
setTimeout(() => process.exit(code), 200).unref()
