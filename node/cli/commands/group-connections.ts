/**
 * `peerhood group …` for talking to members: `connect` (look for members), `connections`,
 * `open` / `close` (direct connections) and `send` (typed data; it arrives as a `data:incoming`
 * event, which `peerhood events --type data:incoming` prints).
 */
import { PeerhoodError } from '../../../protocols/common/errors.ts'
import type { GroupConnectionJson } from '../../api/routes-connections.ts'
import { type Command, emit, flagList, flagString } from '../command.ts'
import { parseDuration } from '../duration.ts'
import { EXIT } from '../exit-codes.ts'
import { readInputFile } from '../files.ts'
import { formatTime, table } from '../format.ts'
import { targetGroup } from './group.ts'

/** A direct connection's id: 16 hex digits. */
const DIRECT_ID = /^[0-9a-f]{16}$/i

/** The prefix of a neighbour connection's id (`neighbour:<peerId>`). */
const NEIGHBOUR_PREFIX = 'neighbour:'

/**
 * Whom `group send G TARGET` sends to: a connection id from `group connections` (16 hex digits,
 * or `neighbour:<peerId>`), else a member's PeerId (over the connection to it). Pure. Code:
 * `INVALID_ARGUMENT` when empty.
 */
export function sendTarget (arg: string): { connectionId: string } | { peerId: string } {
  const target = arg.trim()
  if (target === '' || target === NEIGHBOUR_PREFIX) throw new PeerhoodError('INVALID_ARGUMENT', 'a PeerId or a connection id is required')
  if (DIRECT_ID.test(target)) return { connectionId: target.toLowerCase() }
  if (target.startsWith(NEIGHBOUR_PREFIX)) return { connectionId: target }
  return { peerId: target }
}

function connectionRow (c: GroupConnectionJson): string[] {
  return c.kind === 'direct'
    ? [c.connectionId, 'direct', c.peerId, c.direction, formatTime(c.openedAtMs)]
    : [c.connectionId, 'neighbour', c.peerId, '-', '-']
}

const connect: Command = {
  words: ['group', 'connect'],
  positionals: ['group'],
  options: { address: { type: 'string', multiple: true }, timeout: { type: 'string' } },
  async run (ctx) {
    const addresses = flagList(ctx.flags, 'address')
    const timeout = flagString(ctx.flags, 'timeout')
    const timeoutMs = timeout === undefined ? undefined : parseDuration(timeout)
    const { client, groupId } = await targetGroup(ctx)
    const members = await client.connectGroup(groupId, {
      ...(addresses === undefined ? {} : { addresses }),
      ...(timeoutMs === undefined ? {} : { timeoutMs })
    }, { signal: ctx.stopSignal })
    emit(ctx, members, () => members.map(m => `connected ${m.peerId} (${m.displayName}) ${m.roles.join('+')}`).join('\n'))
    return EXIT.OK
  }
}

const connections: Command = {
  words: ['group', 'connections'],
  positionals: ['group'],
  async run (ctx) {
    const { client, groupId } = await targetGroup(ctx)
    const list = await client.groupConnections(groupId)
    emit(ctx, list, () => list.length === 0
      ? 'no connections'
      : table([['ID', 'KIND', 'PEER', 'DIRECTION', 'OPENED'], ...list.map(connectionRow)]))
    return EXIT.OK
  }
}

const open: Command = {
  words: ['group', 'open'],
  positionals: ['group', 'peer'],
  async run (ctx) {
    const { client, groupId } = await targetGroup(ctx)
    const c = await client.openConnection(groupId, ctx.args[1]!, { signal: ctx.stopSignal })
    emit(ctx, c, () => `opened ${c.connectionId} to ${c.peerId}`)
    return EXIT.OK
  }
}

const close: Command = {
  words: ['group', 'close'],
  positionals: ['group', 'connection'],
  async run (ctx) {
    const { client, groupId } = await targetGroup(ctx)
    const connectionId = ctx.args[1]!
    await client.closeConnection(groupId, connectionId)
    emit(ctx, { groupId, connectionId, closed: true }, () => `closed ${connectionId}`)
    return EXIT.OK
  }
}

const send: Command = {
  words: ['group', 'send'],
  positionals: ['group', 'target'],
  options: { type: { type: 'string' }, text: { type: 'string' }, file: { type: 'string' } },
  async run (ctx) {
    const type = flagString(ctx.flags, 'type')
    if (type === undefined) throw new PeerhoodError('INVALID_ARGUMENT', 'group send needs --type T')
    const text = flagString(ctx.flags, 'text')
    const file = flagString(ctx.flags, 'file')
    if ((text === undefined) === (file === undefined)) throw new PeerhoodError('INVALID_ARGUMENT', 'group send needs --text S or --file F (one of them)')
    const to = sendTarget(ctx.args[1]!)
    const payload = text === undefined ? { data: (await readInputFile(file!)).toString('base64') } : { dataText: text }
    const { client, groupId } = await targetGroup(ctx)
    await client.sendData(groupId, { ...to, type, ...payload }, { signal: ctx.stopSignal })
    const target = 'peerId' in to ? to.peerId : to.connectionId
    emit(ctx, { groupId, ...to, type, sent: true }, () => `sent ${type} to ${target}`)
    return EXIT.OK
  }
}

/** The connection and data commands. */
export const groupConnectionCommands: Command[] = [connect, connections, open, close, send]
