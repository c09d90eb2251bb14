/**
 * Commands that ask the running node: `id`, `status`, `peers`, `connect`, `ping`, `events`.
 */
import type { PeerhoodEvent } from '../../events.ts'
import type { NodeStatus, PeerSummary } from '../../types.ts'
import { type Command, emit, flagList, flagString } from '../command.ts'
import { EXIT } from '../exit-codes.ts'
import { resolveGroupId } from '../group-ref.ts'
import { clientOf } from '../node-client.ts'

function formatDuration (ms: number): string {
  const s = Math.floor(ms / 1000)
  return s < 60 ? `${s}s` : s < 3600 ? `${Math.floor(s / 60)}m${s % 60}s` : `${Math.floor(s / 3600)}h${Math.floor((s % 3600) / 60)}m`
}

function formatPeer (p: PeerSummary): string {
  return `${p.peerId}  ${p.addresses.join(', ')}${p.agentVersion === undefined ? '' : `  ${p.agentVersion}`}`
}

const id: Command = {
  words: ['id'],
  async run (ctx) {
    const info = await (await clientOf(ctx)).id()
    emit(ctx, info, () => [`peerId: ${info.peerId}`, `name: ${info.displayName}`, ...info.addresses.map(a => `address: ${a}`)].join('\n'))
    return EXIT.OK
  }
}

const status: Command = {
  words: ['status'],
  async run (ctx) {
    const s: NodeStatus = await (await clientOf(ctx)).status()
    emit(ctx, s, () => [
      `peerId: ${s.peerId}`, `name: ${s.displayName}`, `version: ${s.version}`, `uptime: ${formatDuration(s.uptimeMs)}`,
      `peers: ${s.peers} (${s.connections} connections)`, `mdns: ${s.mdns ? 'on' : 'off'}`, `dht: ${s.dht}`,
      ...(s.reachability === undefined ? [] : [`reachability: ${s.reachability}`]),
      ...(s.connectionKinds === undefined ? [] : [`connections: ${s.connectionKinds.direct} direct, ${s.connectionKinds.relayed} relayed`]),
      ...(s.relay === undefined ? [] : [`relay server: ${s.relay.server ? 'on' : 'off'}`, `relay reservations: ${s.relay.reservations.length === 0 ? 'none' : s.relay.reservations.join(', ')}`]),
      ...s.addresses.map(a => `address: ${a}`)
    ].join('\n'))
    return EXIT.OK
  }
}

const peers: Command = {
  words: ['peers'],
  async run (ctx) {
    const list = await (await clientOf(ctx)).peers()
    emit(ctx, list, () => list.length === 0 ? 'no peers' : list.map(formatPeer).join('\n'))
    return EXIT.OK
  }
}

const connect: Command = {
  words: ['connect'],
  positionals: ['multiaddr'],
  async run (ctx) {
    const peer = await (await clientOf(ctx)).connect(ctx.args[0]!)
    emit(ctx, peer, () => `connected ${formatPeer(peer)}`)
    return EXIT.OK
  }
}

const ping: Command = {
  words: ['ping'],
  positionals: ['peer'],
  async run (ctx) {
    const result = await (await clientOf(ctx)).ping(ctx.args[0]!)
    emit(ctx, result, () => `${result.peerId}: ${result.rttMs} ms`)
    return EXIT.OK
  }
}

const events: Command = {
  words: ['events'],
  options: { type: { type: 'string', multiple: true }, group: { type: 'string' } },
  async run (ctx) {
    const client = await clientOf(ctx)
    const types = flagList(ctx.flags, 'type')
    const ref = flagString(ctx.flags, 'group')
    // like every group command: a full id, a unique id prefix or a unique friendly name
    const group = ref === undefined ? undefined : await resolveGroupId(client, ref)
    await client.events({ ...(types === undefined ? {} : { types }), ...(group === undefined ? {} : { group }) }, (e: PeerhoodEvent) => {
      emit(ctx, e, () => `${new Date(e.time).toISOString()} ${e.type}${e.group === undefined ? '' : ` [${e.group}]`} ${JSON.stringify(e.data)}`)
    }, { signal: ctx.stopSignal })
    return EXIT.OK
  }
}

/** Commands served by the running node's API. */
export const nodeInfoCommands: Command[] = [id, status, peers, connect, ping, events]
