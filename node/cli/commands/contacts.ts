/**
 * `peerhood contact export|parse|add|list|get|update|delete`: clients of `/v1/collab/card` and
 * `/v1/collab/contacts`. A card argument is the text itself or `@FILE`.
 */
import { PeerhoodError } from '../../../protocols/common/errors.ts'
import type { ContactCardJson } from '../../../protocols/contacts/card-json.ts'
import type { ContactJson } from '../../api/collab-json.ts'
import { type Command, type CommandContext, emit, flagString } from '../command.ts'
import { EXIT } from '../exit-codes.ts'
import { readInputFile, writeNewFile } from '../files.ts'
import { formatTime, keyValues, table } from '../format.ts'
import { clientOf } from '../node-client.ts'

async function cardArg (arg: string): Promise<string> {
  return arg.startsWith('@') ? (await readInputFile(arg.slice(1))).toString('utf8') : arg
}

function cardText (c: ContactCardJson): string {
  return keyValues([
    ['peer', c.peerId], ['nickname', c.nickname], ['display name', c.displayName], ['email', c.email],
    ['addresses', c.addresses.join(' ') || '-'], ['issued', formatTime(Date.parse(c.issuedAt))]
  ])
}

function contactText (c: ContactJson): string {
  return keyValues([
    ['peer', c.peerId], ['nickname', c.nickname], ['display name', c.displayName], ['email', c.email],
    ['trusted', String(c.trusted)], ['watch', String(c.watch)], ['may watch me', c.watcherPermission], ['addresses', c.addresses.join(' ') || '-']
  ])
}

const exportCard: Command = {
  words: ['contact', 'export'],
  options: { out: { type: 'string' } },
  async run (ctx) {
    const peer = ctx.args[0]
    const card = await (await clientOf(ctx)).request<ContactCardJson>('GET', '/v1/collab/card' + (peer === undefined ? '' : `?peer=${encodeURIComponent(peer)}`))
    const text = ctx.flags.json === true ? JSON.stringify(card, null, 2) + '\n' : card.card + '\n'
    const out = flagString(ctx.flags, 'out')
    if (out !== undefined) {
      await writeNewFile(out, text)
      emit(ctx, { out, peerId: card.peerId }, () => `card of ${card.peerId} written to ${out}`)
    } else {
      ctx.out(text.trimEnd())
    }
    return EXIT.OK
  }
}

const parse: Command = {
  words: ['contact', 'parse'],
  positionals: ['card'],
  async run (ctx) {
    const card = await (await clientOf(ctx)).request<ContactCardJson>('POST', '/v1/collab/contacts/parse', { card: await cardArg(ctx.args[0]!) })
    emit(ctx, card, () => cardText(card))
    return EXIT.OK
  }
}

const add: Command = {
  words: ['contact', 'add'],
  options: { near: { type: 'string' } },
  async run (ctx: CommandContext) {
    const near = flagString(ctx.flags, 'near')
    const arg = ctx.args[0]
    if ((near === undefined) === (arg === undefined)) throw new PeerhoodError('INVALID_ARGUMENT', 'give a CARD (or @FILE) or --near ID')
    const body = near === undefined ? { card: await cardArg(arg!) } : { nearId: near }
    const contact = await (await clientOf(ctx)).request<ContactJson>('POST', '/v1/collab/contacts', body)
    emit(ctx, contact, () => `added ${contact.peerId} (${contact.nickname})`)
    return EXIT.OK
  }
}

const list: Command = {
  words: ['contact', 'list'],
  async run (ctx) {
    const contacts = await (await clientOf(ctx)).request<ContactJson[]>('GET', '/v1/collab/contacts')
    emit(ctx, contacts, () => contacts.length === 0
      ? 'no contacts'
      : table(contacts.map(c => [c.peerId, c.nickname, c.watch ? 'watched' : '-', c.watcherPermission === 'allowed' ? 'may watch me' : '-'])))
    return EXIT.OK
  }
}

const get: Command = {
  words: ['contact', 'get'],
  positionals: ['peer'],
  async run (ctx) {
    const c = await (await clientOf(ctx)).request<ContactJson>('GET', `/v1/collab/contacts/${encodeURIComponent(ctx.args[0]!)}`)
    emit(ctx, c, () => contactText(c))
    return EXIT.OK
  }
}

const update: Command = {
  words: ['contact', 'update'],
  positionals: ['peer'],
  options: {
    watch: { type: 'boolean' },
    'allow-watching': { type: 'boolean' },
    'block-watching': { type: 'boolean' },
    nickname: { type: 'string' },
    'display-name': { type: 'string' },
    email: { type: 'string' }
  },
  async run (ctx) {
    const body: Record<string, unknown> = {}
    if (typeof ctx.flags.watch === 'boolean') body.watch = ctx.flags.watch
    if (ctx.flags['allow-watching'] === true && ctx.flags['block-watching'] === true) throw new PeerhoodError('INVALID_ARGUMENT', 'give --allow-watching or --block-watching, not both')
    if (ctx.flags['allow-watching'] === true) body.watcherPermission = 'allowed'
    if (ctx.flags['block-watching'] === true) body.watcherPermission = 'blocked'
    for (const [flag, key] of [['nickname', 'nickname'], ['display-name', 'displayName'], ['email', 'email']] as const) {
      const v = flagString(ctx.flags, flag)
      if (v !== undefined) body[key] = v
    }
    const c = await (await clientOf(ctx)).request<ContactJson>('PATCH', `/v1/collab/contacts/${encodeURIComponent(ctx.args[0]!)}`, body)
    emit(ctx, c, () => contactText(c))
    return EXIT.OK
  }
}

const del: Command = {
  words: ['contact', 'delete'],
  positionals: ['peer'],
  async run (ctx) {
    await (await clientOf(ctx)).request('DELETE', `/v1/collab/contacts/${encodeURIComponent(ctx.args[0]!)}`)
    emit(ctx, { peerId: ctx.args[0], deleted: true }, () => `deleted ${ctx.args[0]!}`)
    return EXIT.OK
  }
}

/** The contact commands. */
export const contactCommands: Command[] = [exportCard, parse, add, list, get, update, del]
