/**
 * Real libp2p nodes on the memory transport with the direct-data service, and membership
 * stubbed by sets the test controls (the real boundary of the module).
 */
import assert from 'node:assert/strict'
import { noise } from '@chainsafe/libp2p-noise'
import { yamux } from '@chainsafe/libp2p-yamux'
import { generateKeyPairFromSeed } from '@libp2p/crypto/keys'
import { identify } from '@libp2p/identify'
import type { Identify } from '@libp2p/identify'
import type { Libp2p } from '@libp2p/interface'
import { memory } from '@libp2p/memory'
import { tcp } from '@libp2p/tcp'
import { createLibp2p } from 'libp2p'
import { isPeerhoodError } from '../../../protocols/common/errors.ts'
import { type DataIncomingEvent, type DirectChangedEvent, type DirectData, type DirectDataInit, directData } from '../../../protocols/direct-data/index.ts'

/** A node, the membership it believes in, and every event its service emitted. */
export interface TestNode {
  name: string
  node: Libp2p<{ identify: Identify, direct: DirectData }>
  direct: DirectData
  peerId: string
  /** Groups this node is a member of. */
  local: Set<string>
  /** groupId → peers this node holds as proven members. */
  members: Map<string, Set<string>>
  changes: DirectChangedEvent[]
  incoming: DataIncomingEvent[]
}

let counter = 0

function seed (name: string): Uint8Array {
  const bytes = new Uint8Array(32)
  bytes.set(new TextEncoder().encode(`direct-data/${name}`).subarray(0, 32))
  return bytes
}

/** How a test node listens: the memory transport, or TCP on 127.0.0.1 (real socket backpressure). */
export type TestTransport = 'memory' | 'tcp'

/** Starts a node named `name` (its key is derived from the name). */
export async function startNode (name: string, init: Partial<DirectDataInit> = {}, transport: TestTransport = 'memory'): Promise<TestNode> {
  const local = new Set<string>()
  const members = new Map<string, Set<string>>()
  const node = await createLibp2p({
    privateKey: await generateKeyPairFromSeed('Ed25519', seed(name)),
    addresses: { listen: [transport === 'tcp' ? '/ip4/127.0.0.1/tcp/0' : `/memory/peerhood-direct-${name}-${process.pid}-${counter++}`] },
    transports: [transport === 'tcp' ? tcp() : memory()],
    connectionEncrypters: [noise()],
    streamMuxers: [yamux()],
    services: {
      identify: identify(),
      direct: directData({
        isMember: (groupId, peerId) => members.get(groupId)?.has(peerId) === true,
        isLocalMember: (groupId) => local.has(groupId),
        ...init
      })
    }
  })
  const t: TestNode = { name, node, direct: node.services.direct, peerId: node.peerId.toString(), local, members, changes: [], incoming: [] }
  t.direct.addEventListener('direct:changed', (evt) => { t.changes.push(evt.detail) })
  t.direct.addEventListener('data:incoming', (evt) => { t.incoming.push(evt.detail) })
  return t
}

/** Makes `a` and `b` members of `groupId` that hold each other as proven, and connects them. */
export async function joinGroup (groupId: string, a: TestNode, b: TestNode): Promise<void> {
  for (const [self, other] of [[a, b], [b, a]] as const) {
    self.local.add(groupId)
    let peers = self.members.get(groupId)
    if (peers === undefined) self.members.set(groupId, peers = new Set())
    peers.add(other.peerId)
  }
  await a.node.dial(b.node.getMultiaddrs()[0]!)
}

/** Events of one status on a node. */
export function changes (t: TestNode, status: DirectChangedEvent['status']): DirectChangedEvent[] {
  return t.changes.filter(c => c.status === status)
}

/** Asserts that `promise` rejects with a PeerhoodError of `code`, and returns the error. */
export async function rejectsWith (promise: Promise<unknown>, code: string): Promise<unknown> {
  let caught: unknown
  await assert.rejects(promise, (err: unknown) => {
    assert.ok(isPeerhoodError(err), `not a PeerhoodError: ${String(err)}`)
    assert.equal(err.code, code)
    caught = err
    return true
  })
  return caught
}

/** Deterministic bytes of a given length. */
export function bytesOf (length: number, salt = 0): Uint8Array {
  const out = new Uint8Array(length)
  for (let i = 0; i < length; i++) out[i] = (i * 31 + salt) & 0xff
  return out
}
