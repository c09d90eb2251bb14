import assert from 'node:assert/strict'
import { PeerhoodError } from '../../../protocols/common/errors.ts'
import { createPeerhood } from '../../../node/peerhood.ts'
import type { PeerhoodNode } from '../../../node/types.ts'
import { type SlowProxy, startSlowProxy } from '../../helpers/slow-proxy.ts'

const LOOPBACK_ONLY = { listen: ['/ip4/127.0.0.1/tcp/0'], mdns: { enabled: false }, dht: { enabled: false } }
/** How long the proxy holds each chunk of the target's handshake (two round trips cross it). */
const DELAY_MS = 1_000

describe('network: dial timeouts', function () {
  this.timeout(60_000)
  const nodes: PeerhoodNode[] = []
  let proxy: SlowProxy | undefined
  let slowAddress = ''

  async function node (config: Record<string, unknown> = {}): Promise<PeerhoodNode> {
    const n = await createPeerhood({ storage: 'memory', config: { ...LOOPBACK_ONLY, ...config } })
    nodes.push(n)
    await n.start()
    return n
  }

  beforeEach(async () => {
    const target = await node()
    const address = target.status().addresses.find(a => a.startsWith('/ip4/127.0.0.1/'))!
    proxy = await startSlowProxy(Number(address.split('/')[4]), DELAY_MS)
    slowAddress = `/ip4/127.0.0.1/tcp/${proxy.port}/p2p/${target.peerId.toString()}`
  })

  afterEach(async () => {
    await proxy?.close()
    await Promise.allSettled(nodes.splice(0).map(async n => n.stop()))
  })

  async function connectCode (dialer: PeerhoodNode): Promise<string> {
    try {
      // as the API dials: with the request's signal
      await dialer.connect(slowAddress, { signal: new AbortController().signal })
      return 'connected'
    } catch (err) {
      assert.ok(err instanceof PeerhoodError, String(err))
      return err.code
    }
  }

  it('a slow handshake completes when both timeouts allow it', async () => {
    const dialer = await node({ connections: { dialTimeout: 30_000, addressDialTimeout: 30_000 } })
    assert.equal(await connectCode(dialer), 'connected')
  })

  it('connections.addressDialTimeout bounds one address\'s handshake', async () => {
    const dialer = await node({ connections: { dialTimeout: 30_000, addressDialTimeout: 300 } })
    assert.equal(await connectCode(dialer), 'CONNECTION_FAILED')
  })

  it('connections.dialTimeout bounds a dial that brings its own signal (an API request)', async () => {
    const dialer = await node({ connections: { dialTimeout: 300, addressDialTimeout: 30_000 } })
    assert.equal(await connectCode(dialer), 'TIMEOUT')
  })
})
