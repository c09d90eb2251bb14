/**
 * Peerhood's protocol layer for people who build their own js-libp2p node: the pure rules
 * (certificate chains, roles, lifetimes, records) and the libp2p service factories.
 *
 * @packageDocumentation
 */
export * from './common/errors.ts'
export * from './certificates/index.ts'
export * from './groups/index.ts'
export * from './membership/index.ts'
export * from './group-gossip/index.ts'
export * from './sync/index.ts'
export * from './records/index.ts'
export { directData, DIRECT_PROTOCOL, MAX_DATA_BYTES, NEIGHBOUR_PREFIX, isValidType, neighbourConnectionId } from './direct-data/index.ts'
export type * from './direct-data/types.ts'
export * from './peer-groups/index.ts'
export * from './people-near-me/index.ts'
export * from './contacts/index.ts'
export * from './collaboration/index.ts'
