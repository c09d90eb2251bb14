/**
 * Real libp2p nodes for the password join and credentials cluster tests: memory transport,
 * noise, yamux, identify, and both services, with one injected clock.
 */
import { noise } from '@chainsafe/libp2p-noise'
import { yamux } from '@chainsafe/libp2p-yamux'
import { identify } from '@libp2p/identify'
import type { Ed25519PrivateKey, Libp2p } from '@libp2p/interface'
import { memory } from '@libp2p/memory'
import { createLibp2p } from 'libp2p'
import { type Credentials, type CredentialsInit, credentials } from '../../../protocols/credentials/index.ts'
import { type PasswordJoin, type PasswordJoinInit, passwordJoin } from '../../../protocols/password-join/index.ts'

/** A test node with both services. */
export type JoinNode = Libp2p<{ identify: unknown, passwordJoin: PasswordJoin, credentials: Credentials }>

/** A clock tests move by hand. */
export interface Clock {
  now: number
}

let counter = 0

/** Starts a node with `key` as its identity and the given service options. */
export async function startNode (name: string, key: Ed25519PrivateKey, clock: Clock, init: { passwordJoin?: Partial<PasswordJoinInit>, credentials?: Partial<CredentialsInit> } = {}): Promise<JoinNode> {
  const now = (): number => clock.now
  return await createLibp2p({
    privateKey: key,
    addresses: { listen: [`/memory/peerhood-join-${name}-${process.pid}-${counter++}`] },
    transports: [memory()],
    connectionEncrypters: [noise()],
    streamMuxers: [yamux()],
    services: {
      identify: identify(),
      passwordJoin: passwordJoin({ authorityFor: () => undefined, now, ...init.passwordJoin }),
      credentials: credentials({ issuerFor: () => undefined, currentChain: () => undefined, now, ...init.credentials })
    }
  }) as JoinNode
}
