/**
 * `peerhood invite`, `invitations`, `invitation accept|decline|cancel|status` (clients of
 * `/v1/collab/invitations...`) and `launch-info` (reads this process's environment: Windows'
 * `PeerCollabGetAppLaunchInfo`).
 */
import { launchInfoFromEnv } from '../../../protocols/app-invitations/launcher.ts'
import type { IncomingInvitation, OutgoingInvitation, SessionInvitee, SessionResult } from '../../../protocols/app-invitations/types.ts'
import { PeerhoodError } from '../../../protocols/common/errors.ts'
import type { InvitationJson } from '../../api/routes-invitations.ts'
import { type Command, emit, flagList, flagString } from '../command.ts'
import { parseDuration } from '../duration.ts'
import { EXIT } from '../exit-codes.ts'
import { readInputFile } from '../files.ts'
import { formatTime, keyValues, table } from '../format.ts'
import { resolveGroupId } from '../group-ref.ts'
import { clientOf } from '../node-client.ts'

type Sent = InvitationJson<OutgoingInvitation>
type Received = InvitationJson<IncomingInvitation>

function sentLine (s: Sent): string {
  const answer = s.responseMessage === undefined || s.responseMessage === '' ? '' : ` (${s.responseMessage})`
  const error = s.state === 'error' || s.state === 'queued' ? (s.error === undefined ? '' : ` ${s.error}`) : ''
  return `${s.id} ${s.state}${error}${answer}`
}

const invite: Command = {
  words: ['invite'],
  positionals: ['target'],
  ownsDataFlag: true,
  options: { app: { type: 'string' }, message: { type: 'string' }, data: { type: 'string' }, 'app-data': { type: 'string' }, 'data-file': { type: 'string' }, expires: { type: 'string' }, wait: { type: 'boolean' } },
  async run (ctx) {
    const appId = flagString(ctx.flags, 'app')
    if (appId === undefined) throw new PeerhoodError('INVALID_ARGUMENT', 'invite needs --app ID')
    // Windows' invitation data is `--data S` here (the data directory is `--data-dir`); `--app-data`
    // is the earlier spelling, still read
    const texts = [flagString(ctx.flags, 'data'), flagString(ctx.flags, 'app-data')].filter(t => t !== undefined)
    const text = texts[0]
    const file = flagString(ctx.flags, 'data-file')
    if (texts.length + (file === undefined ? 0 : 1) > 1) throw new PeerhoodError('INVALID_ARGUMENT', 'give one of --data and --data-file')
    const expires = flagString(ctx.flags, 'expires')
    const body = {
      to: ctx.args.length > 1 ? ctx.args : ctx.args[0],
      appId,
      message: flagString(ctx.flags, 'message') ?? '',
      ...(text === undefined ? {} : { dataText: text }),
      ...(file === undefined ? {} : { data: (await readInputFile(file)).toString('base64') }),
      ...(expires === undefined ? {} : { expiresIn: parseDuration(expires) }),
      wait: ctx.flags.wait === true
    }
    if (ctx.args.length > 1) {
      const each = await (await clientOf(ctx)).request<Sent[]>('POST', '/v1/collab/invitations', body, { signal: ctx.stopSignal })
      emit(ctx, each, () => each.map(s => `${s.id} ${s.peerId} ${s.state}`).join('\n'))
      return EXIT.OK
    }
    const sent = await (await clientOf(ctx)).request<Sent>('POST', '/v1/collab/invitations', body, { signal: ctx.stopSignal })
    emit(ctx, sent, () => ctx.flags.wait === true ? sentLine(sent) : sent.state === 'queued' ? `${sent.id} queued` : sent.id)
    return sent.state === 'accepted' || ctx.flags.wait !== true ? EXIT.OK : EXIT.FAILED
  }
}

const list: Command = {
  words: ['invitations'],
  options: { sent: { type: 'boolean' } },
  async run (ctx) {
    const all = await (await clientOf(ctx)).request<{ received: Received[], sent: Sent[] }>('GET', '/v1/collab/invitations')
    if (ctx.flags.sent === true) {
      emit(ctx, all.sent, () => all.sent.length === 0 ? 'no invitations sent' : table([['ID', 'TO', 'APP', 'VERIFIED', 'STATE', 'EXPIRES'],
        ...all.sent.map(s => [s.id, s.peerId, s.appId, s.verified ? 'yes' : 'no', s.state, formatTime(s.expiresAt)])]))
      return EXIT.OK
    }
    emit(ctx, all.received, () => all.received.length === 0 ? 'no pending invitations' : table([['ID', 'FROM', 'VERIFIED', 'APP', 'DATA', 'EXPIRES', 'MESSAGE'],
      ...all.received.map(r => [r.id, r.nickname === '' ? r.from : `${r.nickname} (${r.from})`, r.verified ? 'yes' : 'no', r.appId, `${r.dataSize} B`, formatTime(r.expiresAt), r.message])]))
    return EXIT.OK
  }
}

function answerCommand (action: 'accept' | 'decline'): Command {
  return {
    words: ['invitation', action],
    positionals: ['id'],
    options: { message: { type: 'string' }, ...(action === 'accept' ? { join: { type: 'boolean' } } : {}) },
    async run (ctx) {
      const body = { message: flagString(ctx.flags, 'message') ?? '', ...(ctx.flags.join === true ? { join: true } : {}) }
      const r = await (await clientOf(ctx)).request<Received>('POST', `/v1/collab/invitations/${encodeURIComponent(ctx.args[0]!)}/${action}`, body)
      emit(ctx, r, () => `${r.id} ${r.state}`)
      return EXIT.OK
    }
  }
}

const cancel: Command = {
  words: ['invitation', 'cancel'],
  positionals: ['id'],
  async run (ctx) {
    const s = await (await clientOf(ctx)).request<Sent>('POST', `/v1/collab/invitations/${encodeURIComponent(ctx.args[0]!)}/cancel`)
    emit(ctx, s, () => sentLine(s))
    return EXIT.OK
  }
}

const status: Command = {
  words: ['invitation', 'status'],
  positionals: ['id'],
  async run (ctx) {
    const s = await (await clientOf(ctx)).request<Sent | Received>('GET', `/v1/collab/invitations/${encodeURIComponent(ctx.args[0]!)}`)
    emit(ctx, s, () => keyValues([
      ['id', s.id], ['direction', s.direction], [s.direction === 'sent' ? 'to' : 'from', 'peerId' in s ? s.peerId : s.from],
      ['app', s.appId], ['verified', s.verified ? 'yes' : 'no'], ['state', s.state], ['expires', formatTime(s.expiresAt)],
      ...('error' in s && s.error !== undefined ? [['error', s.error] as const] : []),
      ...('responseMessage' in s && s.responseMessage !== undefined ? [['answer', s.responseMessage] as const] : [])
    ]))
    return EXIT.OK
  }
}

const launchInfo: Command = {
  words: ['launch-info'],
  async run (ctx) {
    const info = launchInfoFromEnv(ctx.env)
    if (info === undefined) throw new PeerhoodError('NOT_FOUND', 'this process was not launched by an accepted invitation')
    ctx.out(JSON.stringify(info))
    return EXIT.OK
  }
}


const OUTCOME_TEXT: Record<SessionInvitee['outcome'], string> = {
  joined: 'accepted and joined',
  accepted: 'accepted (not connected to the group by the timeout)',
  declined: 'declined',
  expired: 'expired',
  cancelled: 'cancelled (no answer)',
  error: 'error',
  pending: 'pending'
}

const sessionHost: Command = {
  words: ['session', 'host'],
  options: {
    app: { type: 'string' }, invite: { type: 'string', multiple: true }, message: { type: 'string' }, timeout: { type: 'string' },
    'group-name': { type: 'string' }, group: { type: 'string' }
  },
  async run (ctx) {
    const appId = flagString(ctx.flags, 'app')
    const invite = flagList(ctx.flags, 'invite') ?? []
    if (appId === undefined || invite.length === 0) throw new PeerhoodError('INVALID_ARGUMENT', 'session host needs --app ID and at least one --invite PEER')
    const client = await clientOf(ctx)
    const timeout = flagString(ctx.flags, 'timeout')
    const groupName = flagString(ctx.flags, 'group-name')
    const group = flagString(ctx.flags, 'group')
    const body = {
      appId,
      invite,
      message: flagString(ctx.flags, 'message') ?? '',
      ...(timeout === undefined ? {} : { timeout: parseDuration(timeout) }),
      ...(groupName === undefined ? {} : { groupName }),
      ...(group === undefined ? {} : { groupId: await resolveGroupId(client, group) })
    }
    const result = await client.request<SessionResult>('POST', '/v1/collab/sessions', body, { signal: ctx.stopSignal })
    if (ctx.flags.json === true) {
      ctx.out(JSON.stringify(result))
    } else {
      ctx.out(`group: ${result.groupId}`)
      for (const i of result.invitees) ctx.out(`${i.target}: ${OUTCOME_TEXT[i.outcome]}${i.error === undefined ? '' : ` ${i.error}`}`)
    }
    return result.complete ? EXIT.OK : EXIT.FAILED
  }
}

/** The invitation commands and `session host`. */
export const inviteCommands: Command[] = [invite, list, answerCommand('accept'), answerCommand('decline'), cancel, status, launchInfo, sessionHost]
