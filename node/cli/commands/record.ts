/**
 * `peerhood record …`: add, update, delete, get, list and search records of a group's database.
 */
import { PeerhoodError } from '../../../protocols/common/errors.ts'
import type { RecordInputJson, RecordJson } from '../../api/routes-records.ts'
import { parseAttributeFlags } from '../attribute-flag.ts'
import { type Command, type CommandContext, emit, flagList, flagString } from '../command.ts'
import { parseExpiry } from '../duration.ts'
import { EXIT } from '../exit-codes.ts'
import { readInputFile, writeNewFile } from '../files.ts'
import { formatTime, keyValues, table } from '../format.ts'
import { targetGroup } from './group.ts'

/** Flags that set a record's contents (add and update). */
const CONTENT_OPTIONS = {
  text: { type: 'string' },
  file: { type: 'string' },
  attr: { type: 'string', multiple: true },
  expires: { type: 'string' }
} as const

/**
 * The record contents the flags ask for: `--text` as UTF-8, `--file` as bytes, `--attr`,
 * `--expires`. (The payload flag is not `--data`: every command takes `--data DIR`.)
 */
async function contentOf (ctx: CommandContext): Promise<Omit<RecordInputJson, 'type'>> {
  const text = flagString(ctx.flags, 'text')
  const file = flagString(ctx.flags, 'file')
  if (text !== undefined && file !== undefined) throw new PeerhoodError('INVALID_ARGUMENT', 'give --text or --file, not both')
  const attributes = parseAttributeFlags(flagList(ctx.flags, 'attr'))
  const expires = flagString(ctx.flags, 'expires')
  return {
    ...(text === undefined ? {} : { dataText: text }),
    ...(file === undefined ? {} : { data: (await readInputFile(file)).toString('base64') }),
    ...(attributes === undefined ? {} : { attributes }),
    ...(expires === undefined ? {} : { expires: parseExpiry(expires, Date.now()) })
  }
}

function preview (r: RecordJson, max = 40): string {
  if (r.dataText === undefined) return `<${r.size} bytes>`
  const oneLine = JSON.stringify(r.dataText)
  return oneLine.length > max ? oneLine.slice(0, max - 1) + '…' : oneLine
}

function attributeText (r: RecordJson): string {
  return r.attributes.map(a => `${a.name}:${a.type}=${a.value}`).join(' ') || '-'
}

function recordText (r: RecordJson): string {
  return keyValues([
    ['id', r.id],
    ['type', r.type],
    ['version', String(r.version)],
    ['creator', r.creator],
    ['modifier', r.modifier],
    ['created', formatTime(r.createdMs)],
    ['modified', formatTime(r.modifiedMs)],
    ['expires', formatTime(r.expiresMs)],
    ['attributes', attributeText(r)],
    ['data', r.dataText ?? `<${r.size} bytes, binary; --out FILE writes it>`]
  ])
}

function recordTable (records: RecordJson[]): string {
  if (records.length === 0) return 'no records'
  return table([
    ['ID', 'TYPE', 'VER', 'CREATOR', 'MODIFIED', 'DATA'],
    ...records.map(r => [r.id, r.type, String(r.version), r.creator, formatTime(r.modifiedMs), preview(r)])
  ])
}

const add: Command = {
  words: ['record', 'add'],
  positionals: ['group'],
  options: { type: { type: 'string' }, ...CONTENT_OPTIONS },
  async run (ctx) {
    const type = flagString(ctx.flags, 'type')
    if (type === undefined) throw new PeerhoodError('INVALID_ARGUMENT', 'record add needs --type T')
    const content = await contentOf(ctx)
    const { client, groupId } = await targetGroup(ctx)
    const record = await client.addRecord(groupId, { type, ...content })
    emit(ctx, record, () => `added ${record.id} (${record.type}, expires ${formatTime(record.expiresMs)})`)
    return EXIT.OK
  }
}

const update: Command = {
  words: ['record', 'update'],
  positionals: ['group', 'id'],
  options: CONTENT_OPTIONS,
  async run (ctx) {
    const content = await contentOf(ctx)
    const { client, groupId } = await targetGroup(ctx)
    const record = await client.updateRecord(groupId, ctx.args[1]!, content)
    emit(ctx, record, () => `updated ${record.id} to version ${record.version}`)
    return EXIT.OK
  }
}

const remove: Command = {
  words: ['record', 'delete'],
  positionals: ['group', 'id'],
  async run (ctx) {
    const { client, groupId } = await targetGroup(ctx)
    await client.deleteRecord(groupId, ctx.args[1]!)
    emit(ctx, { groupId, id: ctx.args[1]!, deleted: true }, () => `deleted ${ctx.args[1]!}`)
    return EXIT.OK
  }
}

const get: Command = {
  words: ['record', 'get'],
  positionals: ['group', 'id'],
  options: { out: { type: 'string' } },
  async run (ctx) {
    const { client, groupId } = await targetGroup(ctx)
    const record = await client.getRecord(groupId, ctx.args[1]!)
    const out = flagString(ctx.flags, 'out')
    if (out !== undefined) {
      await writeNewFile(out, Buffer.from(record.data, 'base64'))
      emit(ctx, { ...record, out }, () => `wrote ${record.size} bytes of ${record.id} to ${out}`)
    } else {
      emit(ctx, record, () => recordText(record))
    }
    return EXIT.OK
  }
}

const list: Command = {
  words: ['record', 'list'],
  positionals: ['group'],
  options: { type: { type: 'string' } },
  async run (ctx) {
    const type = flagString(ctx.flags, 'type')
    const { client, groupId } = await targetGroup(ctx)
    const records = await client.listRecords(groupId, type === undefined ? {} : { type })
    emit(ctx, records, () => recordTable(records))
    return EXIT.OK
  }
}

const search: Command = {
  words: ['record', 'search'],
  positionals: ['group', 'query'],
  async run (ctx) {
    const arg = ctx.args[1]!
    // JSON text and <peersearch> XML go as text: the node parses both (INVALID_SEARCH)
    const query = arg.startsWith('@') ? (await readInputFile(arg.slice(1))).toString('utf8') : arg
    const { client, groupId } = await targetGroup(ctx)
    const records = await client.searchRecords(groupId, query)
    emit(ctx, records, () => recordTable(records))
    return EXIT.OK
  }
}

/** The `record` commands. */
export const recordCommands: Command[] = [add, update, remove, get, list, search]
