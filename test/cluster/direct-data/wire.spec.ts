import assert from 'node:assert/strict'
import type { Stream } from '@libp2p/interface'
import { lpStream } from '@libp2p/utils'
import pWaitFor from 'p-wait-for'
import { DIRECT_PROTOCOL } from '../../../protocols/direct-data/index.ts'
import { Answer, Data, Request } from '../../../protocols/direct-data/pb/direct.ts'
import { changes, joinGroup, startNode, type TestNode } from './nodes.ts'

describe('direct-data responder against raw streams (memory transport)', function () {
  this.timeout(60_000)
  let a: TestNode
  let b: TestNode

  beforeEach(async () => {
    [a, b] = await Promise.all([startNode('a'), startNode('b')])
    await joinGroup('g', a, b)
  })

  afterEach(async () => {
    await Promise.all([a?.node.stop(), b?.node.stop()])
  })

  async function raw (): Promise<{ stream: Stream, lp: ReturnType<typeof lpStream<Stream>> }> {
    const stream = await a.node.dialProtocol(b.node.peerId, DIRECT_PROTOCOL)
    return { stream, lp: lpStream(stream) }
  }

  const signal = (): AbortSignal => AbortSignal.timeout(5000)

  it('answers a malformed first message with INVALID_MESSAGE and reports nothing', async () => {
    for (const request of [{}, { open: { groupId: 'g' }, neighbor: { groupId: 'g' } }, { open: { groupId: '' } }]) {
      const { lp } = await raw()
      await lp.write(Request.encode(request))
      assert.deepEqual(Answer.decode(await lp.read({ signal: signal() })), { accepted: false, code: 'INVALID_MESSAGE' })
    }
    assert.deepEqual([b.changes, b.incoming], [[], []])
  })

  it('resets a direct connection whose peer sends an oversized or mistyped frame: protocol-error', async () => {
    for (const data of [Data.encode({ type: 'big', data: new Uint8Array(70_000) }), Data.encode({ type: 'bad type', data: new Uint8Array(1) })]) {
      const { stream, lp } = await raw()
      await lp.write(Request.encode({ open: { groupId: 'g' } }))
      assert.equal(Answer.decode(await lp.read({ signal: signal() })).accepted, true)
      await lp.write(data)
      const count = changes(b, 'disconnected').length
      await pWaitFor(() => changes(b, 'disconnected').length === count + 1)
      assert.equal(changes(b, 'disconnected').at(-1)!.reason, 'protocol-error')
      await pWaitFor(() => stream.status !== 'open')
    }
    assert.deepEqual(b.incoming, [])
  })

  it('refuses neighbour data that is not a valid Data frame', async () => {
    const { lp } = await raw()
    await lp.write(Request.encode({ neighbor: { groupId: 'g' } }))
    await lp.write(Data.encode({ type: '', data: new Uint8Array(1) }))
    assert.deepEqual(Answer.decode(await lp.read({ signal: signal() })), { accepted: false, code: 'INVALID_MESSAGE' })
    assert.deepEqual(b.incoming, [])
  })
})
