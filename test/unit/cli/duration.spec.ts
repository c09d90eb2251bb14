import assert from 'node:assert/strict'
import { parseDuration, parseExpiry, parseInvitationExpiry, parseLifetime } from '../../../node/cli/duration.ts'
import { INFINITE } from '../../../protocols/certificates/constants.ts'

const H = 3_600_000
const D = 24 * H

describe('cli/duration', () => {
  it('parses a number with a unit, and sums several', () => {
    const cases: Array<[string, number]> = [
      ['500h', 500 * H], ['30d', 30 * D], ['90m', 90 * 60_000], ['1y', 365.25 * D], ['2w', 14 * D],
      ['45s', 45_000], ['250ms', 250], ['1d12h', 36 * H], [' 3H ', 3 * H]
    ]
    for (const [text, ms] of cases) assert.equal(parseDuration(text), ms, text)
  })

  it('reads "infinite" as the issuer\'s own end (not a number of milliseconds) where a lifetime or an invitation expiry is asked', () => {
    assert.equal(parseLifetime('infinite'), INFINITE)
    assert.equal(parseLifetime(' Infinite '), INFINITE)
    assert.equal(parseLifetime('30d'), 30 * D)
    assert.equal(parseInvitationExpiry('INFINITE', 0), INFINITE)
    assert.equal(parseInvitationExpiry('2h', 5), 5 + 2 * H)
    assert.throws(() => parseDuration('infinite'), { code: 'INVALID_ARGUMENT' })
    assert.throws(() => parseLifetime('forever'), { code: 'INVALID_ARGUMENT' })
  })

  it('refuses anything else with INVALID_ARGUMENT', () => {
    for (const text of ['', '5', 'h', '5x', '-5h', '1.5h', '0h', '0d0m', 'five hours', '5 h', '9999999999999999y']) {
      assert.throws(() => parseDuration(text), { code: 'INVALID_ARGUMENT' }, text)
    }
  })

  it('reads an expiry relative to now, or as an absolute date', () => {
    const now = Date.UTC(2026, 0, 1)
    assert.equal(parseExpiry('2h', now), now + 2 * H)
    assert.equal(parseExpiry('30d', now), now + 30 * D)
    assert.equal(parseExpiry('2027-01-01T00:00:00Z', now), Date.UTC(2027, 0, 1))
    assert.equal(parseExpiry('2027-03-04', now), Date.UTC(2027, 2, 4))
    assert.equal(parseExpiry('2027-01-01T02:00:00+02:00', now), Date.UTC(2027, 0, 1))
  })

  it('refuses a bad expiry with INVALID_ARGUMENT', () => {
    for (const text of ['', 'tomorrow', 'infinite', '2027-13-01', '2027-02-30', '0h']) {
      assert.throws(() => parseExpiry(text, 0), { code: 'INVALID_ARGUMENT' }, text)
    }
  })
})
