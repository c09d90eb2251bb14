/**
 * Starts a registered application's launch command for an accepted invitation (Windows launches
 * the registered path and the app calls `PeerCollabGetAppLaunchInfo`): a child process of the
 * node with the launch information as JSON in `PEERHOOD_LAUNCH_INFO`, its output in the node's
 * log. The command and its arguments are local; nothing of them is ever sent.
 */
import { spawn } from 'node:child_process'
import { createInterface } from 'node:readline'
import { LAUNCH_INFO_ENV, MAX_LOG_LINE_CHARS } from './constants.ts'
import type { LaunchInfo } from './types.ts'

/** Starts `command args` with the launch information; resolves with its pid once spawned. */
export async function launch (command: string, args: string[], info: LaunchInfo, log: (line: string) => void): Promise<number> {
  const child = spawn(command, args, {
    env: { ...process.env, [LAUNCH_INFO_ENV]: JSON.stringify(info) },
    stdio: ['ignore', 'pipe', 'pipe'],
    shell: false
  })
  const tag = `[launch ${info.invitation.appId}]`
  for (const out of [child.stdout, child.stderr]) {
    createInterface({ input: out }).on('line', (line) => { log(`${tag} ${line.slice(0, MAX_LOG_LINE_CHARS)}`) })
  }
  child.on('exit', (code, sig) => { log(`${tag} exited ${sig ?? code}`) })
  return await new Promise<number>((resolve, reject) => {
    child.once('spawn', () => { resolve(child.pid ?? 0) })
    child.once('error', reject)
  })
}

/** The launch information of this process, when an accepted invitation started it (Windows `PeerCollabGetAppLaunchInfo`). */
export function launchInfoFromEnv (env: Record<string, string | undefined> = process.env): LaunchInfo | undefined {
  const text = env[LAUNCH_INFO_ENV]
  if (text === undefined || text === '') return undefined
  try {
    const parsed = JSON.parse(text)
    return typeof parsed === 'object' && parsed !== null && typeof parsed.sender === 'string' ? parsed as LaunchInfo : undefined
  } catch {
    return undefined
  }
}
