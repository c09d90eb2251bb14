import assert from 'node:assert/strict'
import { PeerhoodError } from '../../../protocols/common/errors.ts'
import { JunkError, refusalCode, remoteRefusal } from '../../../protocols/common/refusal.ts'

function named (name: string): Error {
  const err = new Error(name)
  err.name = name
  return err
}

describe('refusals: the code sent for input a responder will not read, and the error it becomes', () => {
  it('refuses a frame over the limit, one that does not decode, and a slow peer, each with its code', () => {
    assert.equal(refusalCode(named('InvalidDataLengthError')), 'MESSAGE_TOO_LARGE')
    assert.equal(refusalCode(named('InvalidDataLengthLengthError')), 'MESSAGE_TOO_LARGE')
    assert.equal(refusalCode(new JunkError('MESSAGE_TOO_LARGE', 'x')), 'MESSAGE_TOO_LARGE')
    assert.equal(refusalCode(new JunkError('INVALID_MESSAGE', 'x')), 'INVALID_MESSAGE')
    assert.equal(refusalCode(new PeerhoodError('INVALID_REQUEST', 'x')), 'INVALID_MESSAGE')
    assert.equal(refusalCode(named('TimeoutError')), 'TIMEOUT')
    const timedOut = AbortSignal.abort(new DOMException('late', 'TimeoutError'))
    assert.equal(refusalCode(named('AbortError'), timedOut), 'TIMEOUT')
  })

  it('says nothing to a peer that reset or closed, when this node stops, or for its own failures', () => {
    for (const name of ['StreamResetError', 'UnexpectedEOFError', 'AbortError', 'StreamStateError', 'Error']) assert.equal(refusalCode(named(name)), undefined, name)
    assert.equal(refusalCode(new PeerhoodError('NOT_AUTHORIZED', 'x')), undefined)
    assert.equal(refusalCode(undefined), undefined)
  })

  it('turns a received code into the caller\'s PeerhoodError, marked remote; an unknown one into INVALID_MESSAGE', () => {
    assert.equal(remoteRefusal(undefined, 'x'), undefined)
    assert.equal(remoteRefusal('', 'x'), undefined)
    const err = remoteRefusal('MESSAGE_TOO_LARGE', 'password join')
    assert.equal(err?.code, 'MESSAGE_TOO_LARGE')
    assert.equal(err?.details?.remote, true)
    const unknown = remoteRefusal('x'.repeat(1000), 'password join')
    assert.equal(unknown?.code, 'INVALID_MESSAGE')
    assert.ok(String(unknown?.details?.refusal).length <= 64)
  })
})
