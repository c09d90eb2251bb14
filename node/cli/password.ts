/**
 * Getting a password for the CLI: from `--password-file`, else a prompt without echo on a
 * terminal, else the first line of standard input (so scripts can pipe one in).
 */
import { readFile } from 'node:fs/promises'
import { PeerhoodError } from '../../protocols/common/errors.ts'
import { type CommandContext, flagString } from './command.ts'

/** Reads the password as the flags and the terminal allow. Code: INVALID_ARGUMENT when empty. */
export async function readPassword (ctx: CommandContext, prompt = 'Password: '): Promise<string> {
  const file = flagString(ctx.flags, 'password-file')
  let password: string
  if (file !== undefined) {
    const text = await readFile(file, 'utf8').catch((err: unknown) => {
      throw new PeerhoodError('INVALID_ARGUMENT', `cannot read password file ${file}`, { cause: err, details: { path: file } })
    })
    password = text.split(/\r?\n/)[0] ?? ''
  } else {
    password = await readLine(ctx, prompt)
  }
  if (password.length === 0) throw new PeerhoodError('INVALID_ARGUMENT', 'the password is empty')
  return password
}

async function readLine (ctx: CommandContext, prompt: string): Promise<string> {
  const stdin = ctx.stdin as NodeJS.ReadStream
  const tty = stdin.isTTY === true && typeof stdin.setRawMode === 'function'
  if (tty) {
    process.stderr.write(prompt)
    stdin.setRawMode(true)
  }
  return new Promise<string>((resolve, reject) => {
    let line = ''
    const done = (value: string | Error) => {
      stdin.off('data', onData)
      stdin.off('end', onEnd)
      stdin.pause()
      if (tty) { stdin.setRawMode(false); process.stderr.write('\n') }
      if (value instanceof Error) reject(value)
      else resolve(value)
    }
    const onData = (chunk: Buffer | string) => {
      for (const ch of chunk.toString('utf8')) {
        if (ch === '\n' || ch === '\r') { done(line); return }
        if (ch === '\u0003') { done(new PeerhoodError('INVALID_ARGUMENT', 'cancelled')); return }
        if (ch === '\u007f') line = line.slice(0, -1)
        else line += ch
      }
    }
    const onEnd = () => { done(line) }
    stdin.on('data', onData)
    stdin.on('end', onEnd)
    stdin.resume()
  })
}
