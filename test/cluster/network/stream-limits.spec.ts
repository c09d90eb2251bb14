import assert from 'node:assert/strict'
import type { Stream } from '@libp2p/interface'
import { multiaddr } from '@multiformats/multiaddr'
import pWaitFor from 'p-wait-for'
import { createPeerhood } from '../../../node/peerhood.ts'
import type { PeerhoodNode } from '../../../node/types.ts'
import { MEMBERSHIP_PROTOCOL } from '../../../protocols/membership/constants.ts'

const LOOPBACK_ONLY = { listen: ['/ip4/127.0.0.1/tcp/0'], mdns: { enabled: false }, dht: { enabled: false } }
const PROTOCOLS = ['/peerhood/credentials/1.0.0', MEMBERSHIP_PROTOCOL, '/peerhood/password-join/1.0.0', '/peerhood/sync/1.0.0', '/peerhood/direct/1.0.0']
/** More streams than any of the protocols takes on one connection (direct: 64 + 16). */
const STREAMS = 90

describe('network: streams over a protocol\'s limit', function () {
  this.timeout(120_000)
  const nodes: PeerhoodNode[] = []

  afterEach(async () => {
    await Promise.allSettled(nodes.splice(0).map(async n => n.stop()))
  })

  it('are reset at once on the dialer\'s side, the connection and the streams within the limit staying open', async () => {
    for (const config of [LOOPBACK_ONLY, LOOPBACK_ONLY]) {
      const n = await createPeerhood({ config })
      nodes.push(n)
      await n.start()
    }
    const [dialer, listener] = nodes as [PeerhoodNode, PeerhoodNode]
    const connection = await dialer.libp2p.dial(multiaddr(listener.status().addresses[0]!))
    for (const protocol of PROTOCOLS) {
      const started = Date.now()
      const closedAt: number[] = []
      // one after the other: streams negotiated at the same moment all count against each other
      const opened: Array<PromiseSettledResult<Stream>> = []
      for (let i = 0; i < STREAMS; i++) {
        try {
          const stream = await connection.newStream(protocol, { signal: AbortSignal.timeout(10_000), maxOutboundStreams: STREAMS })
          if (stream.status !== 'open') closedAt.push(Date.now())
          else stream.addEventListener('close', () => { closedAt.push(Date.now()) }, { once: true })
          opened.push({ status: 'fulfilled', value: stream })
        } catch (reason) {
          opened.push({ status: 'rejected', reason })
        }
      }
      // every refusal is a reset seen by the dialer, none waits for a timeout
      const refusedAtOpen = opened.filter(o => o.status === 'rejected').length
      await pWaitFor(() => refusedAtOpen + closedAt.length >= STREAMS - 80, { timeout: 5_000 })
      const open = opened.filter((o): o is PromiseFulfilledResult<Stream> => o.status === 'fulfilled' && o.value.status === 'open')
      assert.ok(open.length > 0 && open.length < STREAMS, `${protocol}: ${open.length} of ${STREAMS} streams open`)
      assert.ok(closedAt.every(t => t - started < 5_000), `${protocol}: a refusal took ${Math.max(...closedAt) - started} ms`)
      assert.equal(connection.status, 'open')
      for (const o of open) o.value.abort(new Error('test over'))
    }
  })
})
