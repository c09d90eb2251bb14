/**
 * The shape of a CLI command and the context it runs in.
 */
import type { ParseArgsConfig } from 'node:util'

/** Flag values as `node:util` `parseArgs` returns them. */
export type Flags = Record<string, string | boolean | Array<string | boolean> | undefined>

/** What a command receives. */
export interface CommandContext {
  /** Positionals after the command words. */
  args: string[]
  /** Parsed flags (common and the command's own). */
  flags: Flags
  /** Environment (tests pass their own). */
  env: NodeJS.ProcessEnv
  /** Writes a line to stdout. */
  out (line: string): void
  /** Writes a line to stderr. */
  err (line: string): void
  /** Standard input, for password prompts and piped passwords. */
  stdin: NodeJS.ReadableStream & { isTTY?: boolean }
  /** Resolves when the user asks to stop (first SIGINT/SIGTERM). */
  stopSignal: AbortSignal
}

/** A command: its words, its own flags and what it does. */
export interface Command {
  /** The command words, e.g. `['identity', 'export']`. */
  words: string[]
  /** Flags only this command takes. */
  options?: NonNullable<ParseArgsConfig['options']>
  /** Positionals it needs, by name (for the usage error when one is missing). */
  positionals?: string[]
  /**
   * This command gives `--data` a meaning of its own (`invite --data S`: the invitation's data), so
   * its data directory is `--data-dir` (or `PEERHOOD_DATA`) only.
   * @default false
   */
  ownsDataFlag?: boolean
  /** Runs it; resolves to the exit status. */
  run (ctx: CommandContext): Promise<number>
}

/** Reads a string flag. */
export function flagString (flags: Flags, name: string): string | undefined {
  const v = flags[name]
  return typeof v === 'string' ? v : undefined
}

/** Reads a repeatable string flag. */
export function flagList (flags: Flags, name: string): string[] | undefined {
  const v = flags[name]
  if (v === undefined || typeof v === 'boolean') return undefined
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [v]
}

/** Prints `value` as JSON (with --json) or as the human text. */
export function emit (ctx: CommandContext, value: unknown, human: () => string): void {
  ctx.out(ctx.flags.json === true ? JSON.stringify(value) : human())
}

/** Resolves once `signal` is aborted (the user pressed Ctrl-C or sent SIGTERM). */
export async function untilAborted (signal: AbortSignal): Promise<void> {
  if (signal.aborted) return
  await new Promise<void>(resolve => { signal.addEventListener('abort', () => { resolve() }, { once: true }) })
}
