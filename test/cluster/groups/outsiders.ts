/**
 * Outsiders: plain libp2p nodes with gossipsub on 127.0.0.1 and no membership of anything, as an
 * attacker makes them by the dozen (throwaway identities that only connect and subscribe).
 */
import { noise } from '@chainsafe/libp2p-noise'
import { yamux } from '@chainsafe/libp2p-yamux'
import { gossipsub, type GossipSub } from '@libp2p/gossipsub'
import { identify } from '@libp2p/identify'
import type { Libp2p } from '@libp2p/interface'
import { tcp } from '@libp2p/tcp'
import { multiaddr } from '@multiformats/multiaddr'
import { createLibp2p } from 'libp2p'

/** An outsider node. */
export type Outsider = Libp2p<{ pubsub: GossipSub }>

/** Starts an outsider listening on 127.0.0.1. */
export async function startOutsider (): Promise<Outsider> {
  return createLibp2p({
    addresses: { listen: ['/ip4/127.0.0.1/tcp/0'] },
    transports: [tcp()],
    connectionEncrypters: [noise()],
    streamMuxers: [yamux()],
    connectionManager: { inboundConnectionThreshold: 1000 },
    services: {
      identify: identify(),
      pubsub: gossipsub({ globalSignaturePolicy: 'StrictNoSign', allowPublishToZeroTopicPeers: true, scoreParams: { IPColocationFactorWeight: 0 } })
    }
  }) as Promise<Outsider>
}

/** Dials a node's first address. */
export async function dialAddress (from: Libp2p, address: string): Promise<void> {
  await from.dial(multiaddr(address))
}
