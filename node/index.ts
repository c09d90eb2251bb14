/**
 * Peerhood: Windows Peer-to-Peer Networking rebuilt on libp2p.
 *
 * `createPeerhood()` gives a whole node; `createCluster()` starts many; the protocol services
 * for your own libp2p node are exported from `peerhood/protocols`; `repairDataDir()` is
 * `peerhood repair`.
 *
 * @packageDocumentation
 */
export { createPeerhood, type PeerhoodInit } from './peerhood.ts'
export { createCluster, topologyEdges, type Cluster, type ClusterInit, type ClusterProcess, type ClusterTopology, type ProcessCluster, type ProcessClusterInit } from './cluster.ts'
export type { PeerhoodNode, NodeStatus, PeerSummary, PingResult } from './types.ts'
export { EventBus, matchesFilter, type PeerhoodEvent, type EventFilter } from './events.ts'
export { ApiClient } from './api/client.ts'
export { PeerhoodError, isPeerhoodError, ERROR_CODES, type ErrorCode } from '../protocols/common/errors.ts'
export { configSchema, type PeerhoodConfig, type PeerhoodConfigInput } from '../config/schema.ts'
export { repairDataDir, type RepairReport, type GroupRepair, type DroppedRecord } from './storage/repair.ts'
export { PEERHOOD_VERSION } from './version.ts'
