import assert from 'node:assert/strict'
import { toString as hex } from 'uint8arrays/to-string'
import { DIRECT_PROTOCOL } from '../../../protocols/direct-data/constants.ts'
import { encodeDataFrame, KEEP_ALIVE_FRAME } from '../../../protocols/direct-data/frames.ts'
import { Answer, Request } from '../../../protocols/direct-data/pb/direct.ts'

// Frozen wire bytes: a change here is a protocol change and needs a new protocol version.
describe('direct-data: wire format (frozen)', () => {
  it('keeps its protocol id', () => {
    assert.equal(DIRECT_PROTOCOL, '/peerhood/direct/1.0.0')
  })

  it('encodes the first messages', () => {
    assert.equal(hex(Request.encode({ open: { groupId: 'g' } }), 'base16'), '0a030a0167')
    assert.equal(hex(Request.encode({ neighbor: { groupId: 'g' } }), 'base16'), '12030a0167')
  })

  it('encodes answers', () => {
    assert.equal(hex(Answer.encode({ accepted: true, code: '' }), 'base16'), '0801')
    assert.equal(hex(Answer.encode({ accepted: false, code: 'NOT_A_MEMBER' }), 'base16'), '120c4e4f545f415f4d454d424552')
    assert.deepEqual(Answer.decode(new Uint8Array(0)), { accepted: false, code: '' })
  })

  it('frames data with a varint length prefix; a keep-alive is one zero byte', () => {
    assert.equal(hex(encodeDataFrame({ type: 't', data: Uint8Array.of(1, 2) }), 'base16'), '070a017412020102')
    assert.equal(hex(encodeDataFrame({ type: 't', data: new Uint8Array(200) }), 'base16').slice(0, 14), 'ce010a017412c8')
    assert.equal(hex(KEEP_ALIVE_FRAME, 'base16'), '00')
  })
})
