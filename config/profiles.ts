/**
 * Configuration presets for `peerhood start --profile <name>`. A profile overrides the data
 * directory's `config.json` (which holds every default), and the environment and the flags
 * override the profile, key by key.
 */
import { PeerhoodError } from '../protocols/common/errors.ts'
import type { PeerhoodConfigInput } from './schema.ts'

/**
 * `bootstrap`: a public node for a small VPS (docs/deploy.md): a DHT server members rendezvous
 * through, and a circuit relay v2 for members behind NAT, with limits a small machine can carry.
 * No mDNS (a VPS has no neighbours worth announcing to); listens on every IPv4 interface at 3587.
 */
export const BOOTSTRAP_PROFILE: PeerhoodConfigInput = {
  displayName: 'peerhood-bootstrap',
  listen: ['/ip4/0.0.0.0/tcp/3587'],
  mdns: { enabled: false },
  dht: { enabled: true, mode: 'server' },
  relay: {
    server: true,
    reserve: false,
    // 128 members behind NAT at once, 1 MiB and 2 minutes per relayed connection: enough for the
    // membership handshake, live records and a paged catch-up, while DCUtR upgrades what it can
    maxReservations: 128,
    dataLimit: 1_048_576,
    durationLimit: 120_000
  },
  connections: { maxConnections: 1_000 }
}

/** The profiles by name. */
export const PROFILES: Readonly<Record<string, PeerhoodConfigInput>> = { bootstrap: BOOTSTRAP_PROFILE }

/** The preset of a profile; undefined without one. Code: `INVALID_CONFIG` for an unknown name. */
export function profileConfig (name: string | undefined): PeerhoodConfigInput | undefined {
  if (name === undefined) return undefined
  const profile = Object.hasOwn(PROFILES, name) ? PROFILES[name] : undefined
  if (profile === undefined) throw new PeerhoodError('INVALID_CONFIG', `unknown profile "${name}" (known: ${Object.keys(PROFILES).join(', ')})`, { details: { key: 'profile', value: name } })
  return profile
}
