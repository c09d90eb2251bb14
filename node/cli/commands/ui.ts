/**
 * `peerhood ui [--open]`: prints the dashboard URL with a one-time login code (valid 60 s,
 * single use) and, with `--open`, opens it in the desktop's browser. The bearer token itself
 * never reaches the browser: the page trades the code for a session cookie.
 */
import { spawn } from 'node:child_process'
import { type Command, emit } from '../command.ts'
import { EXIT } from '../exit-codes.ts'
import { clientOf } from '../node-client.ts'

/** The desktop's "open this URL" command. */
function opener (): string {
  if (process.platform === 'darwin') return 'open'
  if (process.platform === 'win32') return 'explorer'
  return 'xdg-open'
}

const ui: Command = {
  words: ['ui'],
  options: { open: { type: 'boolean' } },
  async run (ctx) {
    const login = await (await clientOf(ctx)).uiLoginCode()
    emit(ctx, login, () => `${login.url}\n(valid 60 s, single use)`)
    if (ctx.flags.open === true) {
      // the URL is an argument, never a shell string: nothing in it is interpreted
      const child = spawn(opener(), [login.url], { stdio: 'ignore', detached: true })
      child.on('error', err => { ctx.err(`could not open a browser (${err.message}): open the URL above`) })
      child.unref()
    }
    return EXIT.OK
  }
}

/** `ui`. */
export const uiCommands: Command[] = [ui]
