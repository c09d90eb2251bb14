/**
 * A test double of {@link PeerhoodNode} for testing the control API (and the CLI) without
 * libp2p: fixed identity, canned answers, overridable behaviour, and a real {@link EventBus}.
 */
import { generateKeyPairFromSeed } from '@libp2p/crypto/keys'
import type { Libp2p, PeerId } from '@libp2p/interface'
import { peerIdFromPrivateKey } from '@libp2p/peer-id'
import { type PeerhoodConfig, configSchema } from '../../config/schema.ts'
import { EventBus } from '../../node/events.ts'
import type { PeerGroups } from '../../protocols/peer-groups/types.ts'
import type { Collaboration } from '../../protocols/collaboration/types.ts'
import type { AppInvitations } from '../../protocols/app-invitations/types.ts'
import type { NodeStatus, PeerSummary, PeerhoodNode, PingResult } from '../../node/types.ts'
import { PeerhoodError } from '../../protocols/common/errors.ts'

/** Options of {@link createFakeNode}. */
export interface FakeNodeInit {
  /** Seed byte of the node's Ed25519 key (fixed keys make fixed PeerIds). @default 1 */
  seed?: number
  /** Data directory reported by the node. @default undefined (a memory node) */
  dataDir?: string
  /** Display name. @default "fake" */
  displayName?: string
}

/** Overridable behaviour: replace a field to make the next calls fail or answer differently. */
export interface FakeNodeBehaviour {
  connect: (multiaddr: string, options?: { signal?: AbortSignal }) => Promise<PeerSummary>
  ping: (peer: string, options?: { signal?: AbortSignal }) => Promise<PingResult>
  metrics: () => Promise<string>
}

/** The fake node, with what it was asked recorded in `calls`. */
export interface FakeNode extends PeerhoodNode {
  /** Replace these to change answers. */
  behaviour: FakeNodeBehaviour
  /** Peers `peers()` returns. */
  connected: PeerSummary[]
  /** Every call to connect / ping, in order. */
  calls: Array<{ method: 'connect' | 'ping', arg: string }>
}

/** A remote peer summary for tests. */
export function fakePeer (peerId: string): PeerSummary {
  return { peerId, addresses: ['/ip4/127.0.0.1/tcp/4001'], directions: ['outbound'], protocols: ['/ipfs/ping/1.0.0'], agentVersion: 'fake/1.0.0' }
}

/** Makes a started fake node. */
export async function createFakeNode (init: FakeNodeInit = {}): Promise<FakeNode> {
  const seed = new Uint8Array(32).fill(init.seed ?? 1)
  const peerId: PeerId = peerIdFromPrivateKey(await generateKeyPairFromSeed('Ed25519', seed))
  const config: PeerhoodConfig = configSchema.parse({ displayName: init.displayName ?? 'fake', listen: ['/ip4/127.0.0.1/tcp/0'], mdns: { enabled: false } })
  const events = new EventBus()
  const started = Date.now()
  const addresses = [`/ip4/127.0.0.1/tcp/4001/p2p/${peerId.toString()}`]

  const node: FakeNode = {
    peerId,
    config,
    events,
    ...(init.dataDir === undefined ? {} : { dataDir: init.dataDir }),
    get libp2p (): Libp2p {
      throw new PeerhoodError('NOT_STARTED', 'the fake node has no libp2p')
    },
    get groups (): PeerGroups {
      throw new PeerhoodError('NOT_STARTED', 'the fake node has no groups')
    },
    get invitations (): AppInvitations {
      throw new PeerhoodError('NOT_STARTED', 'the fake node has no invitations')
    },
    get collaboration (): Collaboration {
      throw new PeerhoodError('NOT_STARTED', 'the fake node has no collaboration')
    },
    connected: [],
    calls: [],
    behaviour: {
      connect: async (multiaddr) => {
        if (!multiaddr.startsWith('/')) throw new PeerhoodError('INVALID_MULTIADDR', 'not a multiaddr')
        const remote = multiaddr.split('/p2p/')[1]
        if (remote === undefined) throw new PeerhoodError('INVALID_MULTIADDR', 'no /p2p/ component')
        return fakePeer(remote)
      },
      ping: async (peer) => ({ peerId: peer.split('/p2p/').pop() ?? peer, rttMs: 1.5 }),
      metrics: async () => '# HELP peerhood_fake_total A fake counter.\n# TYPE peerhood_fake_total counter\npeerhood_fake_total 3\n'
    },
    async start () {},
    async stop () {},
    status (): NodeStatus {
      return {
        peerId: peerId.toString(),
        displayName: config.displayName,
        version: '0.0.0-fake',
        addresses,
        connections: node.connected.length,
        peers: node.connected.length,
        uptimeMs: Date.now() - started,
        ...(init.dataDir === undefined ? {} : { dataDir: init.dataDir }),
        mdns: false,
        dht: 'off',
        eventSubscribers: events.subscriberCount
      }
    },
    peers: async () => node.connected,
    async connect (multiaddr, options) {
      node.calls.push({ method: 'connect', arg: multiaddr })
      return await node.behaviour.connect(multiaddr, options)
    },
    async ping (peer, options) {
      node.calls.push({ method: 'ping', arg: peer })
      return await node.behaviour.ping(peer, options)
    },
    metrics: async () => await node.behaviour.metrics()
  }
  return node
}
