/**
 * Real libp2p nodes on TCP 127.0.0.1 (mDNS off) with collaboration and application invitations,
 * each recording the events of its invitation service.
 */
import { noise } from '@chainsafe/libp2p-noise'
import { yamux } from '@chainsafe/libp2p-yamux'
import { generateKeyPairFromSeed } from '@libp2p/crypto/keys'
import { identify } from '@libp2p/identify'
import type { Libp2p } from '@libp2p/interface'
import { tcp } from '@libp2p/tcp'
import { MemoryDatastore } from 'datastore-core'
import { createLibp2p } from 'libp2p'
import pWaitFor from 'p-wait-for'
import { type Collaboration, type CollaborationInit, collaboration } from '../../../protocols/collaboration/index.ts'
import { type AppInvitations, type AppInvitationsEvents, type AppInvitationsInit, appInvitations } from '../../../protocols/app-invitations/index.ts'

/** A test node. */
export interface InviteNode {
  name: string
  node: Libp2p<{ collaboration: Collaboration, appInvitations: AppInvitations }>
  collab: Collaboration
  inv: AppInvitations
  peerId: string
  datastore: MemoryDatastore
  events: Array<{ type: string, detail: any }>
  log: string[]
}

const TYPES: Array<keyof AppInvitationsEvents> = ['invitation:received', 'invitation:cancelled', 'invitation:expired', 'invitation:response', 'invitation:accepted', 'invitation:launched']

function seed (name: string): Uint8Array {
  const bytes = new Uint8Array(32)
  bytes.set(new TextEncoder().encode(`invite/${name}`).subarray(0, 32))
  return bytes
}

/** Starts a node named `name` (its key derived from the name), signed in to internet. */
export async function startNode (name: string, init: AppInvitationsInit = {}, datastore = new MemoryDatastore(), collabInit: CollaborationInit = {}): Promise<InviteNode> {
  const log: string[] = []
  const node = await createLibp2p({
    privateKey: await generateKeyPairFromSeed('Ed25519', seed(name)),
    addresses: { listen: ['/ip4/127.0.0.1/tcp/0'] },
    transports: [tcp()],
    connectionEncrypters: [noise()],
    streamMuxers: [yamux()],
    connectionManager: { inboundConnectionThreshold: 100 },
    datastore,
    services: {
      identify: identify(),
      collaboration: collaboration({ displayName: name, endpointName: `${name}-pc`, watchRetryMs: 0, ...collabInit }),
      appInvitations: appInvitations({ launchLog: (line) => { log.push(line) }, ...init })
    }
  })
  const t: InviteNode = { name, node, collab: node.services.collaboration, inv: node.services.appInvitations, peerId: node.peerId.toString(), datastore, events: [], log }
  for (const type of TYPES) t.inv.addEventListener(type, (evt: any) => { t.events.push({ type, detail: evt.detail }) })
  await node.start()
  await t.collab.signin('internet')
  return t
}

/** Events of one type. */
export function eventsOf (t: InviteNode, type: keyof AppInvitationsEvents): any[] {
  return t.events.filter(e => e.type === type).map(e => e.detail)
}

/** Waits for an event of `type` passing `match`; returns it. */
export async function waitForEvent (t: InviteNode, type: keyof AppInvitationsEvents, match: (detail: any) => boolean = () => true, timeout = 20_000): Promise<any> {
  await pWaitFor(() => eventsOf(t, type).some(match), { timeout })
  return eventsOf(t, type).find(match)
}

/** Makes `a` and `b` trusted contacts of each other. */
export async function exchangeCards (a: InviteNode, b: InviteNode): Promise<void> {
  await b.collab.addContact((await a.collab.exportCard()).text)
  await a.collab.addContact((await b.collab.exportCard()).text)
}

/** The first address of a node. */
export function addressOf (t: InviteNode): string {
  return t.node.getMultiaddrs()[0]!.toString()
}

/** Stops nodes, ignoring failures. */
export async function stopAll (nodes: InviteNode[]): Promise<void> {
  await Promise.all(nodes.map(async n => { try { await n.node.stop() } catch { /* already stopped */ } }))
}
