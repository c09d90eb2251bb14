import assert from 'node:assert/strict'
import { processNodeConfig } from '../../../node/process-cluster.ts'

describe('process cluster: node configuration', () => {
  it('gives a loaded machine\'s handshakes 30 s per address and does not cut late pings', () => {
    const config = processNodeConfig(3, { size: 32 })
    assert.deepEqual(config.listen, ['/ip4/127.0.0.1/tcp/0'])
    assert.equal(config.mdns.enabled, false)
    // libp2p's default 6 s per address cut 132 of a 32-process full mesh's 496 dials
    assert.equal(config.connections.addressDialTimeout, 30_000)
    assert.ok(config.connections.dialTimeout >= config.connections.addressDialTimeout)
    assert.equal(config.connections.abortOnPingFailure, false)
    // pings only measure round trips there, and each costs both ends CPU
    assert.equal(config.connections.pingInterval, 60_000)
    assert.ok(config.connections.maxPendingPerHost >= 32)
    assert.deepEqual(config.connections.allow, ['/ip4/127.0.0.0/ipcidr/8'])
  })

  it('takes the caller\'s configuration over its own', () => {
    const config = processNodeConfig(0, { size: 4, basePort: 4100, config: { connections: { addressDialTimeout: 1_000 } } })
    assert.deepEqual(config.listen, ['/ip4/127.0.0.1/tcp/4100'])
    assert.equal(config.connections.addressDialTimeout, 1_000)
  })
})
