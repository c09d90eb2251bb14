import assert from 'node:assert/strict'
import { ERROR_CODES, PeerhoodError, isErrorCode, isPeerhoodError } from '../../protocols/common/errors.ts'

describe('errors', () => {
  it('carries a stable code and details', () => {
    const err = new PeerhoodError('CHAIN_TOO_LONG', 'x', { details: { length: 25 } })
    assert.equal(err.code, 'CHAIN_TOO_LONG')
    assert.deepEqual(err.details, { length: 25 })
    assert.ok(isPeerhoodError(err, 'CHAIN_TOO_LONG'))
    assert.ok(!isPeerhoodError(err, 'NOT_AUTHORIZED'))
    assert.ok(!isPeerhoodError(new Error('x')))
  })

  it('has unique SCREAMING_SNAKE codes', () => {
    assert.equal(new Set(ERROR_CODES).size, ERROR_CODES.length)
    for (const code of ERROR_CODES) assert.match(code, /^[A-Z][A-Z0-9_]*$/)
    assert.ok(isErrorCode('NOT_AUTHORIZED'))
    assert.ok(!isErrorCode('nope'))
  })
})
