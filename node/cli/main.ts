/**
 * The CLI entry: finds the command, parses its flags strictly, runs it, and turns errors into
 * `CODE: message` on stderr and an exit status.
 */
import { parseArgs } from 'node:util'
import { isPeerhoodError } from '../../protocols/common/errors.ts'
import type { Command, CommandContext } from './command.ts'
import { COMMAND_LIST } from './commands/index.ts'
import { EXIT, exitCodeFor } from './exit-codes.ts'
import { usageText } from './usage.ts'

/** Flags every command accepts. */
export const COMMON_OPTIONS = {
  data: { type: 'string' },
  'data-dir': { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' }
} as const

/** Finds the command whose words start `argv` (longest match). */
export function findCommand (argv: string[], commands: Command[] = COMMAND_LIST): { command: Command, rest: string[] } | undefined {
  let best: Command | undefined
  for (const c of commands) {
    if (c.words.every((w, i) => argv[i] === w) && (best === undefined || c.words.length > best.words.length)) best = c
  }
  return best === undefined ? undefined : { command: best, rest: argv.slice(best.words.length) }
}

/** A usage error as every error is printed (`CODE: message`), then the usage text. */
export function usageError (message: string): string {
  return `INVALID_ARGUMENT: ${message}\n\n${usageText()}`
}

/**
 * The data directory flag: `--data-dir`, or `--data` where the command does not give `--data` a
 * meaning of its own. Two different directories are a usage error.
 */
export function dataDirFlag (values: Record<string, unknown>, ownsDataFlag: boolean): string | undefined | Error {
  const dir = typeof values['data-dir'] === 'string' ? values['data-dir'] : undefined
  const data = !ownsDataFlag && typeof values.data === 'string' ? values.data : undefined
  if (dir !== undefined && data !== undefined && dir !== data) return new Error(`--data ${data} and --data-dir ${dir} name two data directories`)
  return dir ?? data
}

/** Runs the CLI; resolves to the exit status. */
export async function main (argv: string[], io: Omit<CommandContext, 'args' | 'flags'>): Promise<number> {
  if (argv.length === 0 || argv[0] === 'help' || argv[0] === '--help' || argv[0] === '-h') {
    io.out(usageText())
    return argv.length === 0 ? EXIT.USAGE : EXIT.OK
  }
  const found = findCommand(argv)
  if (found === undefined) {
    io.err(usageError(`unknown command: ${argv[0]}`))
    return EXIT.USAGE
  }
  let parsed: ReturnType<typeof parseArgs>
  try {
    parsed = parseArgs({ args: found.rest, options: { ...COMMON_OPTIONS, ...(found.command.options ?? {}) }, strict: true, allowPositionals: true, allowNegative: true })
  } catch (err: any) {
    io.err(usageError(String(err?.message ?? err)))
    return EXIT.USAGE
  }
  if (parsed.values.help === true) {
    io.out(usageText())
    return EXIT.OK
  }
  const dataDir = dataDirFlag(parsed.values, found.command.ownsDataFlag === true)
  if (dataDir instanceof Error) {
    io.err(usageError(dataDir.message))
    return EXIT.USAGE
  }
  const need = found.command.positionals ?? []
  if (parsed.positionals.length < need.length) {
    io.err(usageError(`peerhood ${found.command.words.join(' ')}: missing <${need[parsed.positionals.length]}>`))
    return EXIT.USAGE
  }
  try {
    return await found.command.run({ ...io, args: parsed.positionals, flags: { ...parsed.values, 'data-dir': dataDir } })
  } catch (err) {
    if (isPeerhoodError(err)) {
      io.err(`${err.code}: ${err.message}`)
      return exitCodeFor(err.code)
    }
    io.err(`INTERNAL: ${(err as Error)?.stack ?? err}`)
    return EXIT.FAILED
  }
}
