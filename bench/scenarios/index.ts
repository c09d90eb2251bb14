/**
 * Every benchmark scenario, in the order `npm run bench` runs them.
 */
import type { BenchScenario } from '../harness.ts'
import * as beyondLan from './beyond-lan.ts'
import * as appInvitations from './app-invitations.ts'
import * as certificates from './certificates.ts'
import * as clusterProcesses from './cluster-processes.ts'
import * as dashboard from './dashboard.ts'
import * as ed25519 from './ed25519.ts'
import * as floodMemory from './flood-memory.ts'
import * as gossipDelivery from './gossip-delivery.ts'
import * as invitations from './invitations.ts'
import * as importRecords from './import.ts'
import * as join from './join.ts'
import * as nearDiscovery from './near-discovery.ts'
import * as presenceWatchers from './presence-watchers.ts'
import * as peers from './peers.ts'
import * as recordsMemory from './records-memory.ts'
import * as recordsValidate from './records-validate.ts'
import * as revocation from './revocation.ts'
import * as sync from './sync.ts'

/** All scenarios. */
export const SCENARIOS: BenchScenario[] = [ed25519, certificates, recordsValidate, sync, gossipDelivery, recordsMemory, floodMemory, invitations, join, presenceWatchers, revocation, nearDiscovery, appInvitations, beyondLan, dashboard, clusterProcesses, importRecords, peers]
