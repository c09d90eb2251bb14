/**
 * Every benchmark scenario, in the order `npm run bench` runs them.
 */
import type { BenchScenario } from '../harness.ts'
import * as certificates from './certificates.ts'
import * as ed25519 from './ed25519.ts'
import * as gossipDelivery from './gossip-delivery.ts'
import * as invitations from './invitations.ts'
import * as join from './join.ts'
import * as nearDiscovery from './near-discovery.ts'
import * as presenceWatchers from './presence-watchers.ts'
import * as recordsMemory from './records-memory.ts'
import * as recordsValidate from './records-validate.ts'
import * as revocation from './revocation.ts'
import * as sync from './sync.ts'

/** All scenarios. */
export const SCENARIOS: BenchScenario[] = [ed25519, certificates, recordsValidate, sync, gossipDelivery, recordsMemory, invitations, join, presenceWatchers, revocation, nearDiscovery]
