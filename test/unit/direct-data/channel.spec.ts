import assert from 'node:assert/strict'
import type { Connection, Stream } from '@libp2p/interface'
import { lpStream, streamPair } from '@libp2p/utils'
import pWaitFor from 'p-wait-for'
import { Channel, type ChannelOptions } from '../../../protocols/direct-data/channel.ts'
import { encodeDataFrame } from '../../../protocols/direct-data/frames.ts'
import { Data } from '../../../protocols/direct-data/pb/direct.ts'
import type { DirectEndReason, DirectMessage } from '../../../protocols/direct-data/types.ts'

const open = { status: 'open' } as unknown as Connection

interface Harness {
  channel: Channel
  /** The far end, read and written as raw frames. */
  far: Stream
  farLp: ReturnType<typeof lpStream<Stream>>
  received: DirectMessage[]
  ends: DirectEndReason[]
}

async function harness (options: Partial<ChannelOptions> = {}, capacity?: number): Promise<Harness> {
  const [near, far] = await streamPair(capacity === undefined ? {} : { capacity })
  const received: DirectMessage[] = []
  const ends: DirectEndReason[] = []
  const settings = { maxDataBytes: 1024, keepAliveMs: 0, closeTimeoutMs: 2000, ...options }
  const channel = new Channel(near, open, lpStream(near, { maxDataLength: 4096 }), settings, {
    onMessage: (m) => { received.push(m) },
    onEnd: (r) => { ends.push(r) }
  })
  channel.start()
  return { channel, far, farLp: lpStream(far), received, ends }
}

describe('direct-data: channel over a stream pair', () => {
  it('writes frames in order under backpressure', async () => {
    const h = await harness({}, 2)
    const sends = Array.from({ length: 200 }, async (_, i) => { await h.channel.send(encodeDataFrame({ type: `m${i}`, data: new Uint8Array(100) })) })
    const types: string[] = []
    for (let i = 0; i < 200; i++) types.push(Data.decode(await h.farLp.read({ signal: AbortSignal.timeout(5000) })).type)
    await Promise.all(sends)
    assert.deepEqual(types, Array.from({ length: 200 }, (_, i) => `m${i}`))
  })

  it('delivers valid frames and never keep-alives', async () => {
    const h = await harness()
    await h.farLp.write(new Uint8Array(0))
    await h.farLp.write(Data.encode({ type: 'a', data: Uint8Array.of(1) }))
    await h.farLp.write(Data.encode({ type: 'b', data: Uint8Array.of(2) }))
    await pWaitFor(() => h.received.length === 2)
    assert.deepEqual(h.received.map(m => m.type), ['a', 'b'])
  })

  it('sends keep-alives (zero-length frames) while idle', async () => {
    const h = await harness({ keepAliveMs: 5 })
    const frame = await h.farLp.read({ signal: AbortSignal.timeout(5000) })
    assert.equal(frame.byteLength, 0)
  })

  it('the far end closes: remote-close, and our side closes too', async () => {
    const h = await harness()
    await h.far.close()
    await pWaitFor(() => h.ends.length === 1)
    assert.deepEqual(h.ends, ['remote-close'])
    await pWaitFor(() => h.far.status === 'closed')
    assert.equal(h.channel.ended, true)
  })

  it('a malformed frame resets the stream: protocol-error', async () => {
    const h = await harness()
    await h.farLp.write(Data.encode({ type: 'bad type', data: Uint8Array.of(1) }))
    await pWaitFor(() => h.ends.length === 1)
    assert.deepEqual(h.ends, ['protocol-error'])
    await pWaitFor(() => h.far.status === 'reset' || h.far.status === 'aborted')
    assert.deepEqual(h.received, [])
  })

  it('an oversized frame resets the stream: protocol-error', async () => {
    const h = await harness()
    await h.farLp.write(Data.encode({ type: 'big', data: new Uint8Array(8192) }))
    await pWaitFor(() => h.ends.length === 1)
    assert.deepEqual(h.ends, ['protocol-error'])
  })

  it('local close flushes, ends once, drops what arrives afterwards and waits for the far end', async () => {
    const h = await harness()
    await h.channel.send(encodeDataFrame({ type: 'last', data: Uint8Array.of(9) }))
    const closing = h.channel.close('local-close')
    assert.deepEqual(h.ends, ['local-close'])
    assert.equal(Data.decode(await h.farLp.read()).type, 'last')
    await h.farLp.write(Data.encode({ type: 'late', data: Uint8Array.of(1) }))
    await h.far.close()
    await closing
    assert.deepEqual(h.ends, ['local-close'])
    assert.deepEqual(h.received, [])
  })

  it('abort resets at once with its reason', async () => {
    const h = await harness()
    h.channel.abort('revoked')
    assert.deepEqual(h.ends, ['revoked'])
    await pWaitFor(() => h.far.status === 'reset' || h.far.status === 'aborted')
  })
})
