/**
 * `peerhood object set|delete|list` and `app register|unregister|list`: clients of
 * `/v1/collab/objects` and `/v1/collab/apps`. (The payload flags are not `--data`: every command
 * takes `--data DIR`.)
 */
import { PeerhoodError } from '../../../protocols/common/errors.ts'
import type { ApplicationJson, ObjectJson } from '../../api/collab-json.ts'
import { type Command, emit, flagList, flagString } from '../command.ts'
import { EXIT } from '../exit-codes.ts'
import { readInputFile } from '../files.ts'
import { table } from '../format.ts'
import { clientOf } from '../node-client.ts'

function peerQuery (peer: string | undefined): string {
  return peer === undefined ? '' : `?peer=${encodeURIComponent(peer)}`
}

function preview (o: ObjectJson): string {
  if (o.dataText === undefined) return `<${o.size} bytes>`
  const line = JSON.stringify(o.dataText)
  return line.length > 40 ? line.slice(0, 39) + '…' : line
}

const objectSet: Command = {
  words: ['object', 'set'],
  positionals: ['id'],
  options: { text: { type: 'string' }, file: { type: 'string' }, scope: { type: 'string' } },
  async run (ctx) {
    const text = flagString(ctx.flags, 'text')
    const file = flagString(ctx.flags, 'file')
    if ((text === undefined) === (file === undefined)) throw new PeerhoodError('INVALID_ARGUMENT', 'give --text or --file')
    const scope = flagString(ctx.flags, 'scope')
    const body = {
      ...(text === undefined ? { data: (await readInputFile(file!)).toString('base64') } : { dataText: text }),
      ...(scope === undefined ? {} : { scope })
    }
    const o = await (await clientOf(ctx)).request<ObjectJson>('PUT', `/v1/collab/objects/${encodeURIComponent(ctx.args[0]!)}`, body)
    emit(ctx, o, () => `object ${o.id} set (${o.size} bytes, ${o.scope ?? ''})`)
    return EXIT.OK
  }
}

const objectDelete: Command = {
  words: ['object', 'delete'],
  positionals: ['id'],
  async run (ctx) {
    await (await clientOf(ctx)).request('DELETE', `/v1/collab/objects/${encodeURIComponent(ctx.args[0]!)}`)
    emit(ctx, { id: ctx.args[0], deleted: true }, () => `object ${ctx.args[0]!} deleted`)
    return EXIT.OK
  }
}

const objectList: Command = {
  words: ['object', 'list'],
  async run (ctx) {
    const list = await (await clientOf(ctx)).request<ObjectJson[]>('GET', '/v1/collab/objects' + peerQuery(ctx.args[0]))
    emit(ctx, list, () => list.length === 0 ? 'no objects' : table(list.map(o => [o.id, o.scope ?? '', preview(o)])))
    return EXIT.OK
  }
}

const appRegister: Command = {
  words: ['app', 'register'],
  positionals: ['id'],
  options: { description: { type: 'string' }, 'data-file': { type: 'string' }, launch: { type: 'string' }, arg: { type: 'string', multiple: true }, scope: { type: 'string' } },
  async run (ctx) {
    const description = flagString(ctx.flags, 'description')
    if (description === undefined) throw new PeerhoodError('INVALID_ARGUMENT', 'app register needs --description D')
    const dataFile = flagString(ctx.flags, 'data-file')
    const launch = flagString(ctx.flags, 'launch')
    const args = flagList(ctx.flags, 'arg')
    const scope = flagString(ctx.flags, 'scope')
    const body = {
      description,
      ...(dataFile === undefined ? {} : { data: (await readInputFile(dataFile)).toString('base64') }),
      ...(launch === undefined ? {} : { launch }),
      ...(args === undefined ? {} : { args }),
      ...(scope === undefined ? {} : { scope })
    }
    const a = await (await clientOf(ctx)).request<ApplicationJson>('PUT', `/v1/collab/apps/${encodeURIComponent(ctx.args[0]!)}`, body)
    emit(ctx, a, () => `application ${a.id} registered`)
    return EXIT.OK
  }
}

const appUnregister: Command = {
  words: ['app', 'unregister'],
  positionals: ['id'],
  async run (ctx) {
    await (await clientOf(ctx)).request('DELETE', `/v1/collab/apps/${encodeURIComponent(ctx.args[0]!)}`)
    emit(ctx, { id: ctx.args[0], deleted: true }, () => `application ${ctx.args[0]!} unregistered`)
    return EXIT.OK
  }
}

const appList: Command = {
  words: ['app', 'list'],
  async run (ctx) {
    const list = await (await clientOf(ctx)).request<ApplicationJson[]>('GET', '/v1/collab/apps' + peerQuery(ctx.args[0]))
    emit(ctx, list, () => list.length === 0 ? 'no applications' : table(list.map(a => [a.id, a.description, `${a.size} bytes`, a.launch ?? ''])))
    return EXIT.OK
  }
}

/** Object and application commands. */
export const publishCommands: Command[] = [objectSet, objectDelete, objectList, appRegister, appUnregister, appList]
