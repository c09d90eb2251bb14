/**
 * `peerhood near`: People Near Me, everyone the running node sees signed in to `near` on the
 * local network. Names are hints (they prove nothing); `contact add --near ID` proves the PeerId.
 */
import type { NearPersonJson } from '../../api/routes-near.ts'
import { type Command, emit } from '../command.ts'
import { EXIT } from '../exit-codes.ts'
import { clientOf } from '../node-client.ts'

function formatAge (ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000))
  return s < 60 ? `${s}s ago` : `${Math.floor(s / 60)}m${s % 60}s ago`
}

/** One line per person: id, nickname, endpoint name, trusted mark, PeerId, age of the last refresh. */
export function formatNear (list: NearPersonJson[], now: number): string {
  if (list.length === 0) return 'nobody near'
  return list.map(p => [
    p.id, p.nickname, p.endpointName === '' ? '-' : p.endpointName, p.trusted ? 'trusted' : 'untrusted', p.peerId, formatAge(now - p.lastSeenMs)
  ].join('  ')).join('\n')
}

const near: Command = {
  words: ['near'],
  async run (ctx) {
    const list = await (await clientOf(ctx)).near()
    emit(ctx, list, () => formatNear(list, Date.now()))
    return EXIT.OK
  }
}

/** The People Near Me command. */
export const nearCommands: Command[] = [near]
