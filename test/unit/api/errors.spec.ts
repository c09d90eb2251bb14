import assert from 'node:assert/strict'
import { errorResponse, httpStatusForCode } from '../../../node/api/errors.ts'
import { ERROR_CODES, type ErrorCode, PeerhoodError } from '../../../protocols/common/errors.ts'

describe('api/errors', () => {
  it('maps codes to HTTP statuses', () => {
    const cases: Array<[ErrorCode, number]> = [
      ['INVALID_REQUEST', 400], ['INVALID_MULTIADDR', 400], ['INVALID_ARGUMENT', 400], ['INVALID_PEER_ID', 400],
      ['UNAUTHORIZED', 401], ['NOT_AUTHORIZED', 403],
      ['NOT_FOUND', 404], ['RECORD_NOT_FOUND', 404], ['IDENTITY_NOT_FOUND', 404], ['CONNECTION_NOT_FOUND', 404],
      ['METHOD_NOT_ALLOWED', 405],
      ['ALREADY_EXISTS', 409], ['ALREADY_A_MEMBER', 409],
      ['TIMEOUT', 504], ['CONNECTION_FAILED', 502], ['GROUP_NOT_READY', 503],
      ['CONNECT_SELF', 400], ['MAX_RECORD_SIZE_EXCEEDED', 413],
      ['INTERNAL', 500], ['DATA_DIR_LOCKED', 500]
    ]
    for (const [code, status] of cases) assert.equal(httpStatusForCode(code), status, code)
  })

  it('gives every code a status between 400 and 599', () => {
    for (const code of ERROR_CODES) {
      const status = httpStatusForCode(code)
      assert.ok(status >= 400 && status < 600, code)
    }
  })

  it('reports a PeerhoodError as { code, message, details }', () => {
    const { status, body } = errorResponse(new PeerhoodError('CONNECTION_FAILED', 'no route', { details: { peer: 'x' }, cause: new Error('secret') }))
    assert.equal(status, 502)
    assert.deepEqual(Object.keys(body).sort(), ['code', 'details', 'message'])
    assert.equal(body.code, 'CONNECTION_FAILED')
    assert.deepEqual(body.details, { peer: 'x' })
  })

  it('hides anything else behind 500 INTERNAL', () => {
    const err = new Error('/home/secret/path exploded')
    const { status, body } = errorResponse(err)
    assert.equal(status, 500)
    assert.equal(body.code, 'INTERNAL')
    assert.ok(!JSON.stringify(body).includes('secret'))
    assert.equal(errorResponse('a string').body.code, 'INTERNAL')
  })
})
