/**
 * A burst of calls through one ApiClient is queued in the client, not reset by the server: fetch
 * opens a socket per concurrent request and the server closes every connection over its cap.
 */
import assert from 'node:assert/strict'
import pWaitFor from 'p-wait-for'
import { ApiClient } from '../../../node/api/client.ts'
import { API_CLIENT_MAX_REQUESTS, DEFAULT_API_MAX_CONNECTIONS } from '../../../node/api/constants.ts'
import { type ApiServer, startApiServer } from '../../../node/api/server.ts'
import { generateToken } from '../../../node/api/token.ts'
import { type FakeNode, createFakeNode } from '../../helpers/fake-node.ts'

describe('api/client: concurrent requests to one node', function () {
  this.timeout(30_000)
  const token = generateToken()
  let node: FakeNode
  let server: ApiServer
  let dropped = 0
  let inFlight = 0
  let mostInFlight = 0

  beforeEach(async () => {
    node = await createFakeNode()
    dropped = 0
    inFlight = 0
    mostInFlight = 0
    // each ping holds its request a moment, so a burst is in flight all at once
    node.behaviour.ping = async peer => {
      mostInFlight = Math.max(mostInFlight, ++inFlight)
      await new Promise(resolve => setTimeout(resolve, 20))
      inFlight--
      return { peerId: peer, rttMs: 1 }
    }
    server = await startApiServer(node, { token, onDropped: () => { dropped++ } })
  })

  afterEach(async () => {
    await server.close()
  })

  it('answers 2 × the server\'s connection cap of concurrent calls, none reset', async () => {
    const client = new ApiClient({ url: server.url, token })
    const calls = 2 * DEFAULT_API_MAX_CONNECTIONS
    const settled = await Promise.allSettled(Array.from({ length: calls }, async (_, i) => client.ping(`peer-${i}`)))
    const failed = settled.filter(s => s.status === 'rejected').map(s => (s as PromiseRejectedResult).reason?.code)
    assert.deepEqual(failed, [])
    assert.equal(dropped, 0)
    assert.ok(mostInFlight <= API_CLIENT_MAX_REQUESTS, `${mostInFlight} requests in flight`)
  })

  it('shares the limit between clients of one node and keeps event streams out of it', async () => {
    const streams = new AbortController()
    const ends: Array<Promise<void>> = []
    const opened = Array.from({ length: 8 }, async () => {
      const client = new ApiClient({ url: server.url, token })
      await new Promise<void>((resolve, reject) => {
        const end = client.events({}, () => {}, { signal: streams.signal, onOpen: resolve })
        end.catch(reject)
        ends.push(end)
      })
    })
    await Promise.all(opened)
    const clients = Array.from({ length: 4 }, () => new ApiClient({ url: server.url, token }))
    await Promise.all(Array.from({ length: 100 }, async (_, i) => clients[i % 4]!.ping(`peer-${i}`)))
    assert.ok(mostInFlight <= API_CLIENT_MAX_REQUESTS, `${mostInFlight} requests in flight`)
    assert.equal(dropped, 0)
    streams.abort()
    await Promise.allSettled(ends)
  })

  it('a queued call aborted before its turn is never sent', async () => {
    const client = new ApiClient({ url: server.url, token })
    const busy = Array.from({ length: API_CLIENT_MAX_REQUESTS }, async (_, i) => client.ping(`busy-${i}`))
    const controller = new AbortController()
    const queued = client.ping('queued', { signal: controller.signal })
    controller.abort()
    await assert.rejects(queued, { name: 'AbortError' })
    await Promise.all(busy)
    await pWaitFor(() => inFlight === 0, { timeout: 5_000 })
    assert.equal(node.calls.filter(c => c.arg === 'queued').length, 0)
  })
})
