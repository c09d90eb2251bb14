import assert from 'node:assert/strict'
import { multiaddr } from '@multiformats/multiaddr'
import { reachability, relayReservations } from '../../../node/reachability.ts'
import { type SyncTuning, tuningForLimit } from '../../../protocols/sync/tuning.ts'

const RELAY = '12D3KooWKnDdG3iXw9eTFijk3EWSunZcFi54Zka4wmtqtt6rPxc8'
const SELF = '12D3KooWQYhTNQdmr3ArTeUHRYzFg94BKyTkoWBDWez9kSCVe2Xo'

describe('node: reachability and relay reservations', () => {
  const at = (text: string, verified: boolean) => ({ multiaddr: multiaddr(text), verified })

  it('public once AutoNAT confirmed a public address; unknown while one is unconfirmed; private without any', () => {
    assert.equal(reachability([at('/ip4/192.168.1.5/tcp/3587', true), at('/ip4/8.8.4.4/tcp/3587', true)]), 'public')
    assert.equal(reachability([at('/ip4/192.168.1.5/tcp/3587', true), at('/ip4/8.8.4.4/tcp/3587', false)]), 'unknown')
    assert.equal(reachability([at('/ip4/127.0.0.1/tcp/1', true), at('/ip4/10.0.0.2/tcp/1', true), at(`/ip4/8.8.4.4/tcp/1/p2p/${RELAY}/p2p-circuit`, true)]), 'private')
    assert.equal(reachability([]), 'private')
  })

  it('lists the relays of its own /p2p-circuit addresses once each', () => {
    const addresses = [
      multiaddr(`/ip4/10.0.0.1/tcp/1/p2p/${RELAY}/p2p-circuit/p2p/${SELF}`),
      multiaddr(`/ip4/10.0.0.9/tcp/2/p2p/${RELAY}/p2p-circuit/p2p/${SELF}`),
      multiaddr('/ip4/10.0.0.2/tcp/3')
    ]
    assert.deepEqual(relayReservations(addresses), [RELAY])
    assert.deepEqual(relayReservations([multiaddr('/ip4/10.0.0.2/tcp/3')]), [])
  })

  it('sync pages on a limited connection are an eighth of its data limit, never below 4 KiB', () => {
    assert.equal(tuningForLimit<SyncTuning>({}, 131_072n).pageBytes, 16_384)
    assert.equal(tuningForLimit<SyncTuning>({}, 1024n).pageBytes, 4096)
    assert.equal(tuningForLimit({ pageBytes: 2048 }, 131_072n).pageBytes, 2048)
    assert.deepEqual(tuningForLimit({ windowPages: 3 }, undefined), { windowPages: 3 })
  })
})
