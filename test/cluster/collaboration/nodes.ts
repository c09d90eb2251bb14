/**
 * Real libp2p nodes on TCP 127.0.0.1 (mDNS off) with the collaboration service, each recording
 * every event its service emits; People Near Me is a list the test controls (the real boundary
 * of the module: the near service is another helper's).
 */
import { noise } from '@chainsafe/libp2p-noise'
import { yamux } from '@chainsafe/libp2p-yamux'
import { generateKeyPairFromSeed } from '@libp2p/crypto/keys'
import type { PrivateKey } from '@libp2p/interface'
import { peerIdFromPrivateKey } from '@libp2p/peer-id'
import { identify } from '@libp2p/identify'
import { type Libp2p, TypedEventEmitter } from '@libp2p/interface'
import { tcp } from '@libp2p/tcp'
import { createLibp2p } from 'libp2p'
import pWaitFor from 'p-wait-for'
import { createIdentityCertificate } from '../../../protocols/certificates/identity-certificate.ts'
import { isPeerhoodError } from '../../../protocols/common/errors.ts'
import { type Collaboration, type CollaborationEvents, type CollaborationInit, collaboration } from '../../../protocols/collaboration/index.ts'
import type { NearPerson, PeopleNearMe, PeopleNearMeEvents } from '../../../protocols/collaboration/near.ts'

/** A recorded event. */
export interface Recorded { type: string, detail: any }

/** A test node. */
export interface CollabNode {
  name: string
  node: Libp2p<{ collaboration: Collaboration }>
  collab: Collaboration
  peerId: string
  events: Recorded[]
  near: TestNear
}

/** A People Near Me list the test fills; records what it was asked to advertise. */
export class TestNear extends TypedEventEmitter<PeopleNearMeEvents> implements PeopleNearMe {
  readonly people = new Map<string, NearPerson>()
  advertised: Array<{ nickname: string, endpointName: string } | undefined> = []
  get advertising (): boolean { return this.advertised.at(-1) !== undefined }
  async advertise (info: { nickname: string, endpointName: string } | undefined): Promise<void> { this.advertised.push(info) }
  list (): NearPerson[] { return [...this.people.values()] }
  get (idOrPeerId: string): NearPerson | undefined {
    return this.people.get(idOrPeerId) ?? [...this.people.values()].find(p => p.peerId === idOrPeerId)
  }

  /** Lists `other` as seen near with id `id`. */
  see (other: CollabNode, id = `near-${other.name}`): string {
    this.people.set(id, { id, peerId: other.peerId, nickname: other.name, endpointName: other.name, addresses: other.node.getMultiaddrs().map(String), lastSeen: Date.now() })
    return id
  }

  /** Lists `person` as People Near Me would on an announcement, with its `near:changed` `added`. */
  announce (person: NearPerson): void {
    this.people.set(person.id, person)
    this.safeDispatchEvent('near:changed', { detail: { change: 'added', person } })
  }
}

const EVENT_TYPES: Array<keyof CollaborationEvents> = [
  'signin:changed', 'my:presence-changed', 'my:endpoint-changed', 'my:object-changed', 'my:application-changed',
  'endpoint:presence-changed', 'endpoint:changed', 'endpoint:object-changed', 'endpoint:application-changed',
  'watchlist:changed', 'contact:changed', 'request:status', 'near:changed', 'endpoint:revoked'
]

function seed (name: string): Uint8Array {
  const bytes = new Uint8Array(32)
  bytes.set(new TextEncoder().encode(`collab/${name}`).subarray(0, 32))
  return bytes
}

/** Starts a node named `name` (its key derived from the name). */
export async function startCollab (name: string, init: CollaborationInit = {}, datastore?: any): Promise<CollabNode> {
  const near = new TestNear()
  const node = await createLibp2p({
    privateKey: await generateKeyPairFromSeed('Ed25519', seed(name)),
    addresses: { listen: ['/ip4/127.0.0.1/tcp/0'] },
    transports: [tcp()],
    connectionEncrypters: [noise()],
    streamMuxers: [yamux()],
    connectionManager: { inboundConnectionThreshold: 100 },
    ...(datastore === undefined ? {} : { datastore }),
    services: {
      identify: identify(),
      collaboration: collaboration({ displayName: name, endpointName: `${name}-pc`, peopleNearMe: () => near, watchRetryMs: 200, ...init })
    }
  })
  const t: CollabNode = { name, node, collab: node.services.collaboration, peerId: node.peerId.toString(), events: [], near }
  for (const type of EVENT_TYPES) t.collab.addEventListener(type, (evt: any) => { t.events.push({ type, detail: evt.detail }) })
  return t
}

/** Events of one type. */
export function eventsOf (t: CollabNode, type: keyof CollaborationEvents): any[] {
  return t.events.filter(e => e.type === type).map(e => e.detail)
}

/** Waits until `t` recorded an event of `type` whose detail passes `match`; returns it. */
export async function waitForEvent (t: CollabNode, type: keyof CollaborationEvents, match: (detail: any) => boolean = () => true, timeout = 15_000): Promise<any> {
  await pWaitFor(() => eventsOf(t, type).some(match), { timeout })
  return eventsOf(t, type).find(match)
}

/** Makes `a` and `b` trusted contacts of each other by exchanging cards (both must be signed in). */
export async function exchangeCards (a: CollabNode, b: CollabNode): Promise<void> {
  await b.collab.addContact((await a.collab.exportCard()).text)
  await a.collab.addContact((await b.collab.exportCard()).text)
}

/** An `assert.rejects` / `assert.throws` matcher of a PeerhoodError code. */
export function code (c: string): (err: unknown) => boolean {
  return (err: unknown) => isPeerhoodError(err) && err.code === c
}

/** Starts nodes named `names`, each signed in to `scope`. */
export async function startSignedIn (names: string[], scope: 'near' | 'internet' | 'all' = 'internet', init: CollaborationInit = {}): Promise<CollabNode[]> {
  const started: CollabNode[] = []
  for (const name of names) {
    const t = await startCollab(name, init)
    started.push(t)
    await t.node.start()
    await t.collab.signin(scope)
  }
  return started
}

/** Stops nodes, ignoring failures. */
export async function stopAll (nodes: CollabNode[]): Promise<void> {
  await Promise.all(nodes.map(async n => { try { await n.node.stop() } catch { /* already stopped */ } }))
}

/** One person's identity (its key derived from `name`), to hand to several nodes as `identity`. */
export async function sharedIdentity (name: string): Promise<{ privateKey: PrivateKey, certificate: Uint8Array, peerId: string }> {
  const bytes = new Uint8Array(32)
  bytes.set(new TextEncoder().encode(`identity/${name}`).subarray(0, 32))
  const privateKey = await generateKeyPairFromSeed('Ed25519', bytes)
  return { privateKey, certificate: await createIdentityCertificate(privateKey, { displayName: name }), peerId: peerIdFromPrivateKey(privateKey).toString() }
}
