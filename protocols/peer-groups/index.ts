/**
 * Peer groups for any js-libp2p node: membership on connect, gated gossip, sync on connect and
 * the group database, as four cooperating services.
 *
 * ```ts
 * const node = await createLibp2p({
 *   ...,
 *   services: { identify: identify(), ping: ping(), ...groupServices({ displayName: 'alice' }) }
 * })
 * const group = await node.services.groups.create({ friendlyName: 'Team' })
 * ```
 */
export { groupServices, type GroupServicesInit, type GroupServiceFactories } from './services.ts'
export { PeerGroupsService, type PeerGroupsComponents, type PeerGroupsInit, type SharedServices } from './peer-groups.ts'
export * from './constants.ts'
export { PRESENCE_RECORD_MAX_SIZE, PROPERTIES_RECORD_MAX_SIZE, reservedRecordTypes } from './reserved-types.ts'
export type * from './types.ts'
