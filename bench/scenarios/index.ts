/**
 * Every benchmark scenario, in the order `npm run bench` runs them.
 */
import type { BenchScenario } from '../harness.ts'
import * as ed25519 from './ed25519.ts'

/** All scenarios. */
export const SCENARIOS: BenchScenario[] = [ed25519]
