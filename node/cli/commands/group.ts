/**
 * `peerhood group …`: create, list, show, cert, issue, export, import, delete, status, members.
 * Every command but `create`, `list` and `import` names a group by id, id prefix or friendly name.
 */
import { PeerhoodError } from '../../../protocols/common/errors.ts'
import type { ApiClient } from '../../api/client.ts'
import type { ChainEntryJson, GroupMemberJson, GroupStatusJson, GroupSummaryJson, MemberJson } from '../../api/routes-groups.ts'
import { type Command, type CommandContext, emit, flagList, flagString } from '../command.ts'
import { parseLifetime } from '../duration.ts'
import { EXIT } from '../exit-codes.ts'
import { assertAbsent, readInputFile, writeNewFile } from '../files.ts'
import { formatTime, keyValues, table } from '../format.ts'
import { resolveGroupId } from '../group-ref.ts'
import { clientOf } from '../node-client.ts'
import { readPassword } from '../password.ts'
import { ProgressBar, waitForSynchronized } from '../progress.ts'

/** The client and the id of the group named by the first positional. */
export async function targetGroup (ctx: CommandContext): Promise<{ client: ApiClient, groupId: string }> {
  const client = await clientOf(ctx)
  return { client, groupId: await resolveGroupId(client, ctx.args[0]!) }
}

function validity (m: { notBeforeMs: number, notAfterMs: number }): string {
  return `${formatTime(m.notBeforeMs)} → ${formatTime(m.notAfterMs)}`
}

function statusWords (s: { listening: boolean, hasConnections: boolean, synchronized: boolean }): string {
  return [s.listening ? 'listening' : 'not listening', s.synchronized ? 'synchronized' : 'not synchronized', s.hasConnections ? 'connected' : 'no connections'].join(', ')
}

function summaryLines (g: GroupSummaryJson): Array<[string, string]> {
  return [
    ['group', g.groupId],
    ['name', g.properties.friendlyName],
    ['roles', g.roles.join(', ')],
    ['owner', g.owner ? 'yes (holds the group root key)' : 'no'],
    ['status', `${statusWords(g.status)}; ${g.connectedMembers} member(s) connected`]
  ]
}

function memberLine (m: MemberJson): string {
  return `${m.peerId} (${m.displayName}) ${m.roles.join('+')}, valid ${validity(m)}`
}

function chainTable (chain: ChainEntryJson[]): string {
  return table(chain.map(c => [String(c.index), c.type, c.subject, c.roles.join('+') || '-', validity(c)]))
}

const create: Command = {
  words: ['group', 'create'],
  positionals: ['name'],
  options: { classifier: { type: 'string' }, comment: { type: 'string' }, 'password-role': { type: 'string' }, 'max-record-size': { type: 'string' } },
  async run (ctx) {
    const classifier = flagString(ctx.flags, 'classifier')
    const comment = flagString(ctx.flags, 'comment')
    const passwordRole = flagString(ctx.flags, 'password-role')
    const maxRecordSize = flagString(ctx.flags, 'max-record-size')
    if (maxRecordSize !== undefined && !/^\d+$/.test(maxRecordSize)) {
      throw new PeerhoodError('INVALID_ARGUMENT', '--max-record-size is a number of bytes', { details: { value: maxRecordSize } })
    }
    const group = await (await clientOf(ctx)).createGroup({
      friendlyName: ctx.args[0]!,
      ...(classifier === undefined ? {} : { classifier }),
      ...(comment === undefined ? {} : { comment }),
      ...(passwordRole === undefined ? {} : { passwordRole: passwordRole as 'member' }),
      ...(maxRecordSize === undefined ? {} : { maxRecordSize: Number(maxRecordSize) })
    })
    emit(ctx, group, () => keyValues(summaryLines(group)))
    return EXIT.OK
  }
}

const list: Command = {
  words: ['group', 'list'],
  async run (ctx) {
    const groups = await (await clientOf(ctx)).groups()
    emit(ctx, groups, () => groups.length === 0
      ? 'no groups'
      : table([
        ['GROUP', 'NAME', 'ROLES', 'SYNC', 'CONNECTED'],
        ...groups.map(g => [g.groupId, g.properties.friendlyName, g.roles.join('+'), g.status.synchronized ? 'yes' : 'no', String(g.connectedMembers)])
      ]))
    return EXIT.OK
  }
}

const show: Command = {
  words: ['group', 'show'],
  positionals: ['group'],
  async run (ctx) {
    const { client, groupId } = await targetGroup(ctx)
    const g = await client.group(groupId)
    const p = g.properties
    emit(ctx, g, () => [
      keyValues([
        ...summaryLines(g),
        ['classifier', p.classifier ?? '-'],
        ['comment', p.comment === '' ? '-' : p.comment],
        ['creator', p.creatorPeerId],
        ['created', formatTime(p.created)],
        ['revision', `${p.revision} (modified ${formatTime(p.modified)})`],
        ['join by', p.authSchemes.join(', ') + (p.authSchemes.includes('password') ? ` (password grants ${p.passwordRole})` : '')],
        ['max record', `${p.maxRecordSize} bytes`],
        ['presence', `${p.presenceLifetimeS} s`],
        ['member data', `${p.memberDataLifetimeS} s`],
        ['flags', Object.entries(p.flags).filter(([, on]) => on).map(([name]) => name).join(', ') || '-'],
        ['membership', memberLine(g.member)]
      ]),
      'chain:',
      chainTable(g.chain).split('\n').map(line => '  ' + line).join('\n')
    ].join('\n'))
    return EXIT.OK
  }
}

const cert: Command = {
  words: ['group', 'cert'],
  positionals: ['group'],
  options: { pem: { type: 'boolean' } },
  async run (ctx) {
    const { client, groupId } = await targetGroup(ctx)
    if (ctx.flags.pem === true) {
      ctx.out((await client.groupCertPem(groupId)).trimEnd())
    } else if (ctx.flags.json === true) {
      ctx.out(JSON.stringify(await client.groupCertDer(groupId)))
    } else {
      ctx.out(chainTable((await client.group(groupId)).chain))
    }
    return EXIT.OK
  }
}

const issue: Command = {
  words: ['group', 'issue'],
  positionals: ['group'],
  options: { peer: { type: 'string' }, role: { type: 'string', multiple: true }, lifetime: { type: 'string' }, store: { type: 'boolean' }, 'display-name': { type: 'string' }, pem: { type: 'boolean' } },
  async run (ctx) {
    const peerId = flagString(ctx.flags, 'peer')
    if (peerId === undefined) throw new PeerhoodError('INVALID_ARGUMENT', 'group issue needs --peer PEERID')
    const roles = flagList(ctx.flags, 'role')
    const lifetime = flagString(ctx.flags, 'lifetime')
    const displayName = flagString(ctx.flags, 'display-name')
    const lifetimeMs = lifetime === undefined ? undefined : parseLifetime(lifetime)
    const { client, groupId } = await targetGroup(ctx)
    const issued = await client.issueCredentials(groupId, {
      peerId,
      ...(roles === undefined ? {} : { roles: roles as Array<'member'> }),
      ...(lifetimeMs === undefined ? {} : { lifetimeMs }),
      ...(ctx.flags.store === true ? { store: true } : {}),
      ...(displayName === undefined ? {} : { displayName })
    })
    if (ctx.flags.pem === true) ctx.out(issued.chainPem.trimEnd())
    else emit(ctx, issued, () => `issued ${memberLine(issued.member)}${ctx.flags.store === true ? '\nstored in the group database' : ''}`)
    return EXIT.OK
  }
}

const exportCommand: Command = {
  words: ['group', 'export'],
  positionals: ['group'],
  options: { out: { type: 'string' }, 'include-root-key': { type: 'boolean' }, 'password-file': { type: 'string' } },
  async run (ctx) {
    const out = flagString(ctx.flags, 'out')
    if (out === undefined) throw new PeerhoodError('INVALID_ARGUMENT', 'group export needs --out FILE')
    await assertAbsent(out)
    const { client, groupId } = await targetGroup(ctx)
    const includeRootKey = ctx.flags['include-root-key'] === true
    const text = await client.exportMembership(groupId, await readPassword(ctx), { includeRootKey })
    await writeNewFile(out, text + '\n', 0o600)
    emit(ctx, { groupId, out, includeRootKey }, () => `membership of ${groupId} written to ${out}${includeRootKey ? ' (with the group root key)' : ''}`)
    return EXIT.OK
  }
}

const importCommand: Command = {
  words: ['group', 'import'],
  positionals: ['file'],
  options: { 'password-file': { type: 'string' } },
  async run (ctx) {
    const text = (await readInputFile(ctx.args[0]!)).toString('utf8').trim()
    const client = await clientOf(ctx)
    const group = await client.importMembership(text, await readPassword(ctx))
    emit(ctx, group, () => keyValues([['imported', group.groupId], ...summaryLines(group).slice(1)]))
    return EXIT.OK
  }
}

const deleteCommand: Command = {
  words: ['group', 'delete'],
  positionals: ['group'],
  async run (ctx) {
    const { client, groupId } = await targetGroup(ctx)
    await client.deleteGroup(groupId)
    emit(ctx, { groupId, deleted: true }, () => `deleted the local data of ${groupId}`)
    return EXIT.OK
  }
}

function statusText (s: GroupStatusJson): string {
  return keyValues([
    ['group', s.groupId],
    ['listening', s.listening ? 'yes' : 'no'],
    ['synchronized', s.synchronized ? 'yes' : 'no'],
    ['connections', s.hasConnections ? 'yes' : 'no'],
    ['records', String(s.records)],
    ['deferred', String(s.deferred)]
  ])
}

const status: Command = {
  words: ['group', 'status'],
  positionals: ['group'],
  options: { wait: { type: 'boolean' } },
  async run (ctx) {
    const { client, groupId } = await targetGroup(ctx)
    let s: GroupStatusJson
    if (ctx.flags.wait === true) {
      const bar = new ProgressBar({ write: text => { process.stderr.write(text) }, isTTY: process.stderr.isTTY, columns: process.stderr.columns })
      try {
        s = await waitForSynchronized(client, groupId, { signal: ctx.stopSignal, onProgress: (received, total) => { bar.update(received, total) } })
      } finally {
        bar.clear()
      }
    } else {
      s = await client.groupStatus(groupId)
    }
    emit(ctx, s, () => statusText(s))
    return EXIT.OK
  }
}

/** `self`, `connected`, `online` (a live presence record) or `offline`. */
function memberState (m: GroupMemberJson): string {
  return m.self ? 'self' : m.connected ? 'connected' : m.present ? 'online' : 'offline'
}

const members: Command = {
  words: ['group', 'members'],
  positionals: ['group'],
  options: { present: { type: 'boolean' } },
  async run (ctx) {
    const { client, groupId } = await targetGroup(ctx)
    const list = await client.groupMembers(groupId, { present: ctx.flags.present === true })
    emit(ctx, list, () => table([
      ['PEER', 'NAME', 'ROLES', 'STATE', 'VALID UNTIL', 'ADDRESSES'],
      ...list.map(m => [m.peerId, m.displayName, m.roles.join('+'), memberState(m), formatTime(m.notAfterMs), m.addresses.join(' ') || '-'])
    ]))
    return EXIT.OK
  }
}

/** The `group` commands. */
export const groupCommands: Command[] = [create, list, show, cert, issue, exportCommand, importCommand, deleteCommand, status, members]
