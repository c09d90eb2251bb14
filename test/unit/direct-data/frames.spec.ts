import assert from 'node:assert/strict'
import { lpStream, streamPair } from '@libp2p/utils'
import { decodeDataFrame, encodeDataFrame, KEEP_ALIVE_FRAME, maxFrameBytes } from '../../../protocols/direct-data/frames.ts'
import { Data } from '../../../protocols/direct-data/pb/direct.ts'

describe('direct-data: frames', () => {
  it('encodes Data with its varint length prefix, readable by lpStream', async () => {
    const [out, inb] = await streamPair()
    const frame = encodeDataFrame({ type: 'chat', data: Uint8Array.of(1, 2, 3) })
    assert.ok(out.send(frame))
    const body = await lpStream(inb).read()
    assert.deepEqual(decodeDataFrame(body, 10), { kind: 'data', message: { type: 'chat', data: Uint8Array.of(1, 2, 3) } })
    assert.equal(frame.byteLength, body.byteLength + 1)
  })

  it('a zero-length frame is a keep-alive', () => {
    assert.deepEqual(KEEP_ALIVE_FRAME, Uint8Array.of(0))
    assert.deepEqual(decodeDataFrame(new Uint8Array(0), 10), { kind: 'keep-alive' })
  })

  it('refuses frames with a bad type, too much data or bad protobuf', () => {
    const body = (type: string, length: number): Uint8Array => Data.encode({ type, data: new Uint8Array(length) })
    assert.equal(decodeDataFrame(body('ok', 10), 10).kind, 'data')
    assert.equal(decodeDataFrame(body('ok', 11), 10).kind, 'malformed')
    assert.equal(decodeDataFrame(body('no space', 1), 10).kind, 'malformed')
    assert.equal(decodeDataFrame(body('', 1), 10).kind, 'malformed')
    assert.equal(decodeDataFrame(Uint8Array.of(0x0a, 0xff), 10).kind, 'malformed')
  })

  it('leaves room for the type and tags in a frame', () => {
    const largest = encodeDataFrame({ type: 'x'.repeat(128), data: new Uint8Array(65536) })
    assert.ok(largest.byteLength - 3 <= maxFrameBytes(65536))
  })
})
