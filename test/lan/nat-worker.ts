/**
 * One Peerhood node in a network namespace of the NAT topology, driven over stdin/stdout: each
 * input line is a JSON command `{ id, op, ...args }`, each output line `{ id, ok, result }` or
 * `{ id, ok: false, code }`. Usage: `node nat-worker.js <data-dir> <config-json> [profile]`.
 */
import { createInterface } from 'node:readline'
import { mergeConfig } from '../../config/merge.ts'
import { profileConfig } from '../../config/profiles.ts'
import { createPeerhood } from '../../node/peerhood.ts'

const [dataDir, configText, profile] = process.argv.slice(2)
const node = await createPeerhood({ dataDir: dataDir!, config: mergeConfig(profileConfig(profile) ?? {}, JSON.parse(configText!)), api: false })
await node.start()

type Command = { id: number, op: string, [key: string]: any }

async function run (c: Command): Promise<unknown> {
  switch (c.op) {
    case 'status': return node.status()
    case 'create': return (await node.groups.create({ friendlyName: c.name })).groupId
    case 'invite': return node.groups.createInvitation(c.groupId, { peerId: c.peerId })
    case 'join': return (await node.groups.join(c.token)).groupId
    case 'add': return (await node.groups.addRecord(c.groupId, { type: c.type, data: new Uint8Array(c.size ?? 0).fill(7) })).id
    case 'addMany': {
      for (let i = 0; i < c.count; i++) await node.groups.addRecord(c.groupId, { type: c.type, data: new Uint8Array(c.size ?? 0).fill(i % 256) })
      return c.count
    }
    case 'count': return (await node.groups.listRecords(c.groupId, { type: c.type })).length
    case 'groupStatus': return node.groups.status(c.groupId)
    case 'findMembers': return (node.libp2p.services.groups as { findMembers: (g: string, s: AbortSignal) => Promise<number> }).findMembers(c.groupId, AbortSignal.timeout(5_000))
    case 'metrics': return node.metrics()
    case 'connected': return node.groups.connectedMembers(c.groupId).map(m => m.peerId)
    case 'connections': return node.libp2p.getConnections().map(x => ({ peer: x.remotePeer.toString(), addr: x.remoteAddr.toString(), limited: x.limits != null }))
    case 'signin': return node.collaboration.signin(c.scope)
    case 'card': return (await node.collaboration.exportCard()).text
    case 'addContact': return (await node.collaboration.addContact(c.card)).peerId
    case 'watch': return node.collaboration.updateContact(c.peerId, { watcherPermission: 'allowed', watch: true })
    case 'setPresence': return node.collaboration.setPresence({ status: c.status, text: c.text ?? '' })
    case 'endpoint': try { return node.collaboration.endpoint(c.peerId) } catch { return null }
    case 'appInvite': return node.invitations.invite(c.peerId, { appId: c.appId, message: c.message ?? '', data: new Uint8Array(c.size ?? 0).fill(5) })
    case 'outgoing': return node.invitations.status(c.invitationId)
    case 'received': return node.invitations.received().map(i => ({ ...i, data: i.data.length }))
    case 'acceptInvitation': return node.invitations.accept(c.invitationId, { message: c.message ?? '' })
    case 'stop': await node.stop(); setTimeout(() => process.exit(0), 10); return true
    default: throw Object.assign(new Error(`unknown op ${c.op}`), { code: 'INVALID_ARGUMENT' })
  }
}

process.stdout.write(`${JSON.stringify({ id: 0, ok: true, result: { ready: true, peerId: node.peerId.toString(), addresses: node.status().addresses } })}\n`)
for await (const line of createInterface({ input: process.stdin })) {
  if (line.trim() === '') continue
  const command = JSON.parse(line) as Command
  run(command).then(
    result => { process.stdout.write(`${JSON.stringify({ id: command.id, ok: true, result })}\n`) },
    (err: any) => { process.stdout.write(`${JSON.stringify({ id: command.id, ok: false, code: err?.code ?? 'ERROR', message: String(err?.message) })}\n`) }
  )
}
