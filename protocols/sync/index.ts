/**
 * Sync on connect: members reconcile a group's record set when they connect, with bytes that
 * grow with the difference, not the database.
 *
 * A session is one stream. The initiator proposes a cutoff (its clock) and both sides drop
 * items that expire at or before it. Identical sets stop after one round trip on a digest; an
 * empty side pulls or pushes everything in pages; otherwise the responder streams rateless
 * IBLT coded symbols (`@peerbit/riblt`) of its 64-bit symbols (the first 8 bytes of content
 * hashes), sized from the set sizes and, if they fall short, from a difference estimate, or its
 * plain symbol list when that is cheaper. The initiator then asks for what it lacks and pushes
 * what the responder lacks in the same round. Two to three round trips for a resync.
 *
 * ```ts
 * services: { sync: syncService({ resolveSet: (groupId, peer) => isProven(groupId, peer) ? setOf(groupId) : undefined }) }
 * const result = await node.services.sync.sync(peerId, groupId, { onProgress })
 * ```
 */
import type { Sync, SyncInit } from './service-types.ts'
import { type SyncComponents, SyncService } from './sync.ts'

export { SYNC_PROTOCOL } from './constants.ts'
export { initiate, type InitiateOptions } from './initiator.ts'
export { respond, type RespondOptions, type RespondOutcome, type ResolveSet } from './responder.ts'
export { MemorySyncSet, type MemorySyncSetInit, type DescribeRecord, memoryRecord, describeMemoryRecord, contentHash } from './memory-set.ts'
export type { Sync, SyncInit, SyncOptions, SyncTarget } from './service-types.ts'
export type { SyncComponents } from './sync.ts'
export type { SyncTuning } from './tuning.ts'
export type * from './types.ts'

/** The sync service as a libp2p service factory. */
export function syncService (init: SyncInit): (components: SyncComponents) => Sync {
  return (components) => new SyncService(components, init)
}
