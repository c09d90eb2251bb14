/**
 * What a node needs beyond one network: the circuit relay v2 transport (dial and listen through
 * relays), the relay server (`relay.server`), DCUtR hole punching and AutoNAT. Kept apart from
 * `libp2p.ts` so the base node stays small; it adds transports, services and listen addresses.
 */
import { autoNAT } from '@libp2p/autonat'
import { circuitRelayServer, circuitRelayTransport } from '@libp2p/circuit-relay-v2'
import { dcutr } from '@libp2p/dcutr'
import type { Transport } from '@libp2p/interface'
import type { PeerhoodConfig } from '../config/schema.ts'
import { addressFacts, RELAY_SERVICE } from './reachability.ts'

/** What {@link beyondLan} adds to a libp2p node. */
export interface BeyondLan {
  /** The circuit relay transport (always: any node may dial a member through a relay). */
  transports: Array<(components: any) => Transport>
  /** relay (server), dcutr and autonat as the config asks, and `addresses` (reachability facts for the status). */
  services: Record<string, (components: any) => any>
  /** `/p2p-circuit` listen addresses that ask for relay reservations. */
  listen: string[]
}

/** The relay transport, relay server, hole punching and AutoNAT the config asks for. */
export function beyondLan (config: PeerhoodConfig): BeyondLan {
  const { relay } = config
  const services: Record<string, (components: any) => any> = { addresses: addressFacts() }
  if (relay.server) {
    services[RELAY_SERVICE] = circuitRelayServer({
      reservations: {
        maxReservations: relay.maxReservations,
        reservationTtl: relay.reservationTtl,
        defaultDataLimit: BigInt(relay.dataLimit),
        defaultDurationLimit: relay.durationLimit
      },
      // a hop stream per reservation and per circuit being set up
      maxInboundHopStreams: Math.max(32, relay.maxReservations * 2)
    })
  }
  if (relay.holePunching) services.dcutr = dcutr()
  if (relay.autonat) services.autonat = autoNAT()
  // `<relay>/p2p-circuit` reserves on that relay; a bare `/p2p-circuit` on any relay found among
  // connected peers (the bootstrap nodes first)
  const listen = !relay.reserve ? [] : relay.relays.length > 0 ? relay.relays.map(r => `${r}/p2p-circuit`) : ['/p2p-circuit']
  return { transports: [circuitRelayTransport({ reservationCompletionTimeout: 10_000 })], services, listen }
}
