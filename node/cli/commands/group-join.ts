/**
 * `peerhood group …` for becoming and staying a member: `invite` (identity-bound or password),
 * `invite parse`, `join`, `password` and `renew`.
 */
import { PeerhoodError } from '../../../protocols/common/errors.ts'
import type { ApiClient } from '../../api/client.ts'
import type { GroupSummaryJson, MemberJson } from '../../api/routes-groups.ts'
import type { InvitationInfoJson } from '../../api/routes-joining.ts'
import { type Command, type CommandContext, emit, flagList, flagString } from '../command.ts'
import { parseInvitationExpiry } from '../duration.ts'
import { EXIT } from '../exit-codes.ts'
import { readInputFile } from '../files.ts'
import { formatTime, keyValues } from '../format.ts'
import { clientOf } from '../node-client.ts'
import { readPassword } from '../password.ts'
import { ProgressBar } from '../progress.ts'
import { targetGroup } from './group.ts'

/** Period of the status check that backs up the events while `join --wait` waits, in milliseconds. */
const JOIN_POLL_MS = 1000

/**
 * An invitation as typed or read from a file: white space anywhere is dropped (a token wrapped
 * across lines by a mail client still reads). Pure. Code: `INVALID_ARGUMENT` when nothing is left.
 */
export function invitationToken (text: string): string {
  const token = text.replace(/\s+/g, '')
  if (token === '') throw new PeerhoodError('INVALID_ARGUMENT', 'the invitation is empty')
  return token
}

/** The invitation a `TOKEN` argument names: the text itself, or `@FILE` for a file's contents. */
export async function readTokenArg (arg: string): Promise<string> {
  return invitationToken(arg.startsWith('@') ? (await readInputFile(arg.slice(1))).toString('utf8') : arg)
}

function memberText (m: MemberJson): string {
  return `${m.peerId} (${m.displayName}) ${m.roles.join('+')}`
}

/** The fields of a parsed invitation, for people. */
export function invitationText (info: InvitationInfoJson): string {
  return keyValues([
    ['group', `${info.groupId} (${info.groupFriendlyName})`],
    ['kind', info.kind === 'gmc' ? 'identity-bound' : 'password'],
    ['auth scheme', info.authScheme],
    ['issuer', memberText(info.issuer)],
    ['subject', info.subject === undefined ? 'anyone with the group password' : `${info.subject.peerId} (${info.subject.displayName})`],
    ['roles', info.roles.join(', ')],
    ['valid', `${formatTime(info.validFromMs)} → ${formatTime(info.validToMs)}`],
    ['issued', formatTime(info.issuedAtMs)],
    ...(info.addresses.length === 0 ? [['addresses', '-'] as const] : info.addresses.map(a => ['address', a] as const))
  ])
}

const invite: Command = {
  words: ['group', 'invite'],
  positionals: ['group'],
  options: { peer: { type: 'string' }, role: { type: 'string', multiple: true }, expires: { type: 'string' }, password: { type: 'boolean' }, 'display-name': { type: 'string' }, address: { type: 'string', multiple: true }, addresses: { type: 'boolean' } },
  async run (ctx) {
    const peerId = flagString(ctx.flags, 'peer')
    const password = ctx.flags.password === true
    if ((peerId === undefined) === !password) throw new PeerhoodError('INVALID_ARGUMENT', 'group invite needs --peer PEERID or --password (one of them)')
    const roles = flagList(ctx.flags, 'role')
    const displayName = flagString(ctx.flags, 'display-name')
    if (password && (roles !== undefined || displayName !== undefined)) {
      throw new PeerhoodError('INVALID_ARGUMENT', 'a password invitation grants the group\'s password role: no --role or --display-name')
    }
    const expires = flagString(ctx.flags, 'expires')
    const expiresAt = expires === undefined ? undefined : parseInvitationExpiry(expires, Date.now())
    // where the joiner should connect: this node's addresses, the given ones, or none (--no-addresses: mDNS or the DHT will find members)
    const addresses = ctx.flags.addresses === false ? [] : flagList(ctx.flags, 'address')
    const where = addresses === undefined ? {} : { addresses }
    const { client, groupId } = await targetGroup(ctx)
    const invitation = peerId === undefined
      ? await client.createPasswordInvitation(groupId, { ...(expiresAt === undefined ? {} : { expiresAt }), ...where })
      : await client.createInvitation(groupId, {
        ...where,
        peerId,
        ...(roles === undefined ? {} : { roles: roles as Array<'member'> }),
        ...(expiresAt === undefined ? {} : { expiresAt }),
        ...(displayName === undefined ? {} : { displayName })
      })
    emit(ctx, invitation, () => invitation.token)
    return EXIT.OK
  }
}

const parse: Command = {
  words: ['group', 'invite', 'parse'],
  positionals: ['token'],
  async run (ctx) {
    const token = await readTokenArg(ctx.args[0]!)
    const info = await (await clientOf(ctx)).parseInvitation(token)
    emit(ctx, info, () => invitationText(info))
    return EXIT.OK
  }
}

/** Options of {@link joinAndWait}. */
export interface JoinAndWaitOptions {
  /** Stops waiting (the wait then fails with `GROUP_NOT_READY`). */
  signal: AbortSignal
  /** Told about every `sync:progress` event. @default undefined */
  onProgress?: (received: number, total?: number) => void
  /** Period of the status check that backs up the events, in milliseconds. @default 1000 */
  pollMs?: number
}

/**
 * Runs `join` and waits until the group is synchronised. The event stream opens before the join
 * so no status change is missed; `group:connection-failed` ends the wait with `NO_MEMBERS_FOUND`.
 * Codes: the join's, `NO_MEMBERS_FOUND`, `GROUP_NOT_READY` (`signal` aborted), `NODE_NOT_RUNNING`.
 */
export async function joinAndWait (client: Pick<ApiClient, 'events' | 'groupStatus'>, groupId: string, join: () => Promise<unknown>, options: JoinAndWaitOptions): Promise<void> {
  const done = new AbortController()
  const stop = (): void => { done.abort() }
  options.signal.addEventListener('abort', stop, { once: true })
  let joined = false
  let synchronized = false
  let failure: unknown
  let queue = Promise.resolve()
  const fail = (err: unknown): void => { failure ??= err; done.abort() }
  const check = (): void => {
    queue = queue.then(async () => {
      if (!joined || done.signal.aborted) return
      if ((await client.groupStatus(groupId)).synchronized) { synchronized = true; done.abort() }
    }).catch(fail)
  }
  const onOpen = (): void => {
    queue = queue.then(async () => { await join(); joined = true }).catch(fail)
    check()
  }
  const timer = setInterval(check, options.pollMs ?? JOIN_POLL_MS)
  try {
    await client.events({ group: groupId, types: ['sync:', 'group:status', 'group:connection-failed'] }, event => {
      if (event.type === 'group:connection-failed') {
        fail(new PeerhoodError('NO_MEMBERS_FOUND', 'no member of the group could be reached', { details: { groupId } }))
      } else if (event.type === 'sync:progress') {
        const { received, total } = event.data as { received?: unknown, total?: unknown }
        if (typeof received === 'number') options.onProgress?.(received, typeof total === 'number' ? total : undefined)
      } else {
        check()
      }
    }, { signal: done.signal, onOpen })
    await queue
  } finally {
    clearInterval(timer)
    options.signal.removeEventListener('abort', stop)
  }
  if (failure !== undefined) throw failure
  if (synchronized) return
  if (options.signal.aborted) throw new PeerhoodError('GROUP_NOT_READY', 'stopped before the group synchronised', { details: { groupId } })
  throw new PeerhoodError('NODE_NOT_RUNNING', 'the node stopped before the group synchronised', { details: { groupId } })
}

function joinedText (g: GroupSummaryJson, waited: boolean): string {
  return keyValues([
    ['joined', `${g.groupId} (${g.properties.friendlyName})`],
    ['roles', g.roles.join(', ')],
    ['status', g.status.synchronized ? 'synchronized' : waited ? 'not synchronized' : 'looking for members (see `group status G --wait`)']
  ])
}

const join: Command = {
  words: ['group', 'join'],
  positionals: ['token'],
  options: { password: { type: 'boolean' }, 'password-file': { type: 'string' }, wait: { type: 'boolean' } },
  async run (ctx) {
    const token = await readTokenArg(ctx.args[0]!)
    const client = await clientOf(ctx)
    // parsed first: the group id for the event filter, and whether a password is needed
    const info = await client.parseInvitation(token)
    const password = info.authScheme === 'password' ? await readPassword(ctx, 'Group password: ') : undefined
    const options = password === undefined ? {} : { password }
    let group: GroupSummaryJson
    if (ctx.flags.wait === true) {
      const bar = new ProgressBar({ write: text => { process.stderr.write(text) }, isTTY: process.stderr.isTTY, columns: process.stderr.columns })
      try {
        await joinAndWait(client, info.groupId, async () => await client.joinGroup(token, options), {
          signal: ctx.stopSignal,
          onProgress: (received, total) => { bar.update(received, total) }
        })
      } finally {
        bar.clear()
      }
      const { chain: _chain, ...summary } = await client.group(info.groupId)
      group = summary
    } else {
      group = await client.joinGroup(token, options)
    }
    emit(ctx, group, () => joinedText(group, ctx.flags.wait === true))
    return EXIT.OK
  }
}

/** Reads the new group password: from `--password-file`, else typed twice on a terminal. */
async function newPassword (ctx: CommandContext): Promise<string> {
  const password = await readPassword(ctx, 'New group password: ')
  if (flagString(ctx.flags, 'password-file') !== undefined || ctx.stdin.isTTY !== true) return password
  if (await readPassword(ctx, 'Again: ') !== password) throw new PeerhoodError('INVALID_ARGUMENT', 'the passwords differ')
  return password
}

const password: Command = {
  words: ['group', 'password'],
  positionals: ['group'],
  options: { set: { type: 'boolean' }, role: { type: 'string' }, 'password-file': { type: 'string' } },
  async run (ctx) {
    if (ctx.flags.set !== true) throw new PeerhoodError('INVALID_ARGUMENT', 'group password needs --set')
    const role = flagString(ctx.flags, 'role')
    const { client, groupId } = await targetGroup(ctx)
    const properties = await client.setGroupPassword(groupId, await newPassword(ctx), role === undefined ? {} : { role: role as 'member' })
    emit(ctx, properties, () => `password set: joining ${groupId} with it grants ${properties.passwordRole}`)
    return EXIT.OK
  }
}

const renew: Command = {
  words: ['group', 'renew'],
  positionals: ['group'],
  options: { peer: { type: 'string' } },
  async run (ctx) {
    const peerId = flagString(ctx.flags, 'peer')
    const { client, groupId } = await targetGroup(ctx)
    const member = await client.renewCredentials(groupId, peerId === undefined ? {} : { peerId }, { signal: ctx.stopSignal })
    emit(ctx, member, () => `renewed ${memberText(member)}, valid ${formatTime(member.notBeforeMs)} → ${formatTime(member.notAfterMs)}`)
    return EXIT.OK
  }
}

/** The joining commands. */
export const groupJoinCommands: Command[] = [invite, parse, join, password, renew]
