/**
 * `peerhood signin`, `signout`, `me`, `me set`, `presence`, `presence set` and
 * `endpoint subscribe|unsubscribe|refresh|forget|list|show|revoke|revocations`: clients of `/v1/collab/...`.
 */
import type { EndpointRevocationInfo, EndpointSummary, MeInfo, PresenceInfo, SigninStatus } from '../../../protocols/collaboration/types.ts'
import type { EndpointDataJson } from '../../api/collab-json.ts'
import { type Command, emit, flagString } from '../command.ts'
import { EXIT } from '../exit-codes.ts'
import { keyValues, table } from '../format.ts'
import { clientOf } from '../node-client.ts'

function scopeBody (flags: Record<string, unknown>): { scope?: string } {
  const scope = flagString(flags as never, 'scope')
  return scope === undefined ? {} : { scope }
}

function presenceText (p: PresenceInfo): string {
  return p.text === '' ? p.status : `${p.status} (${p.text})`
}

const signin: Command = {
  words: ['signin'],
  options: { scope: { type: 'string' }, status: { type: 'boolean' } },
  async run (ctx) {
    const client = await clientOf(ctx)
    const status = ctx.flags.status === true
      ? await client.request<SigninStatus>('GET', '/v1/collab/signin')
      : await client.request<SigninStatus>('POST', '/v1/collab/signin', scopeBody(ctx.flags))
    emit(ctx, status, () => status.scope === 'none' ? 'signed out' : `signed in: ${status.scope}`)
    return EXIT.OK
  }
}

const signout: Command = {
  words: ['signout'],
  options: { scope: { type: 'string' } },
  async run (ctx) {
    const status = await (await clientOf(ctx)).request<SigninStatus>('POST', '/v1/collab/signout', scopeBody(ctx.flags))
    emit(ctx, status, () => status.scope === 'none' ? 'signed out' : `signed in: ${status.scope}`)
    return EXIT.OK
  }
}

const me: Command = {
  words: ['me'],
  async run (ctx) {
    const info = await (await clientOf(ctx)).request<MeInfo & SigninStatus & { presence: PresenceInfo }>('GET', '/v1/collab/me')
    emit(ctx, info, () => keyValues([
      ['peer', info.peerId], ['nickname', info.nickname], ['display name', info.displayName], ['email', info.email],
      ['endpoint', info.endpointName],
      // an identity imported as an endpoint: this node's own PeerId differs from the identity's
      ...(info.endpointPeerId !== undefined && info.endpointPeerId !== info.peerId ? [['endpoint peer', info.endpointPeerId] as [string, string]] : []),
      ['signed in', info.scope], ['presence', presenceText(info.presence)]
    ]))
    return EXIT.OK
  }
}

const meSet: Command = {
  words: ['me', 'set'],
  options: { nickname: { type: 'string' }, 'display-name': { type: 'string' }, email: { type: 'string' }, 'endpoint-name': { type: 'string' } },
  async run (ctx) {
    const body: Record<string, string> = {}
    for (const [flag, key] of [['nickname', 'nickname'], ['display-name', 'displayName'], ['email', 'email'], ['endpoint-name', 'endpointName']] as const) {
      const v = flagString(ctx.flags, flag)
      if (v !== undefined) body[key] = v
    }
    const info = await (await clientOf(ctx)).request<MeInfo>('PATCH', '/v1/collab/me', body)
    emit(ctx, info, () => keyValues([['nickname', info.nickname], ['display name', info.displayName], ['email', info.email], ['endpoint', info.endpointName]]))
    return EXIT.OK
  }
}

const presence: Command = {
  words: ['presence'],
  async run (ctx) {
    const peer = ctx.args[0]
    const p = await (await clientOf(ctx)).request<PresenceInfo>('GET', '/v1/collab/presence' + (peer === undefined ? '' : `?peer=${encodeURIComponent(peer)}`))
    emit(ctx, p, () => presenceText(p))
    return EXIT.OK
  }
}

const presenceSet: Command = {
  words: ['presence', 'set'],
  positionals: ['status'],
  options: { text: { type: 'string' } },
  async run (ctx) {
    const p = await (await clientOf(ctx)).request<PresenceInfo>('PUT', '/v1/collab/presence', { status: ctx.args[0], text: flagString(ctx.flags, 'text') ?? '' })
    emit(ctx, p, () => presenceText(p))
    return EXIT.OK
  }
}

function endpointText (d: EndpointDataJson): string {
  return keyValues([
    ['peer', d.peerId], ['endpoint', d.endpointName], ['presence', presenceText(d.presence)], ['source', d.source],
    ['subscribed', String(d.subscribed)], ['objects', d.objects.map(o => o.id).join(' ') || '-'], ['apps', d.applications.map(a => a.id).join(' ') || '-']
  ])
}

function endpointRequest (words: string[], path: string, done: string): Command {
  return {
    words,
    positionals: ['peer'],
    async run (ctx) {
      const res = await (await clientOf(ctx)).request<EndpointDataJson | undefined>('POST', path, { peer: ctx.args[0] })
      if (res === undefined) emit(ctx, { peer: ctx.args[0], ok: true }, () => `${done} ${ctx.args[0]!}`)
      else emit(ctx, res, () => endpointText(res))
      return EXIT.OK
    }
  }
}

const endpointList: Command = {
  words: ['endpoint', 'list'],
  positionals: ['contact'],
  async run (ctx) {
    const list = await (await clientOf(ctx)).request<EndpointSummary[]>('GET', `/v1/collab/endpoints?contact=${encodeURIComponent(ctx.args[0]!)}`)
    emit(ctx, list, () => list.length === 0 ? 'no signed-in endpoint known' : table(list.map(e => [e.peerId, e.endpointName || '-', presenceText(e.presence), e.subscribed ? 'subscribed' : '-', e.addresses.join(' ')])))
    return EXIT.OK
  }
}

const endpointShow: Command = {
  words: ['endpoint', 'show'],
  positionals: ['peer'],
  async run (ctx) {
    const d = await (await clientOf(ctx)).request<EndpointDataJson>('GET', `/v1/collab/endpoints/${encodeURIComponent(ctx.args[0]!)}`)
    emit(ctx, d, () => endpointText(d))
    return EXIT.OK
  }
}

function revocationRow (r: EndpointRevocationInfo): string[] {
  return [r.endpoint, r.identity, new Date(r.revokedAt).toISOString(), r.reason === '' ? '-' : r.reason]
}

const endpointRevoke: Command = {
  words: ['endpoint', 'revoke'],
  positionals: ['peer'],
  options: { reason: { type: 'string' } },
  async run (ctx) {
    const reason = flagString(ctx.flags, 'reason')
    const r = await (await clientOf(ctx)).request<EndpointRevocationInfo>('POST', '/v1/collab/endpoints/revoke', { peer: ctx.args[0], ...(reason === undefined ? {} : { reason }) })
    emit(ctx, r, () => `revoked ${r.endpoint} (endpoint of ${r.identity})`)
    return EXIT.OK
  }
}

const endpointRevocations: Command = {
  words: ['endpoint', 'revocations'],
  async run (ctx) {
    const identity = ctx.args[0]
    const list = await (await clientOf(ctx)).request<EndpointRevocationInfo[]>('GET', `/v1/collab/endpoints/revocations${identity === undefined ? '' : `?identity=${encodeURIComponent(identity)}`}`)
    emit(ctx, list, () => list.length === 0 ? 'no endpoint revoked' : table(list.map(revocationRow)))
    return EXIT.OK
  }
}

/** Sign-in, Me, presence and endpoint commands. */
export const collabCommands: Command[] = [
  signin, signout, me, meSet, presence, presenceSet,
  endpointRequest(['endpoint', 'subscribe'], '/v1/collab/endpoints/subscribe', 'subscribed to'),
  endpointRequest(['endpoint', 'unsubscribe'], '/v1/collab/endpoints/unsubscribe', 'unsubscribed from'),
  endpointRequest(['endpoint', 'refresh'], '/v1/collab/endpoints/refresh', 'refreshed'),
  endpointRequest(['endpoint', 'forget'], '/v1/collab/endpoints/forget', 'forgot'),
  endpointList, endpointShow, endpointRevoke, endpointRevocations
]
