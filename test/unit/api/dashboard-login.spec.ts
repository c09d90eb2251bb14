import assert from 'node:assert/strict'
import { checkRequestOrigin } from '../../../node/api/guard.ts'
import { LOGIN_CODE_TTL_MS, SESSION_TTL_MS, UiSessions } from '../../../node/api/session.ts'
import { PeerhoodError } from '../../../protocols/common/errors.ts'

const refused = (code: string) => (err: unknown) => err instanceof PeerhoodError && err.code === code

describe('api/session: one-time login codes and session cookies', () => {
  it('a code opens one session, once; the cookie is HttpOnly, SameSite=Strict and named after the port', () => {
    const sessions = new UiSessions(4242)
    const { code } = sessions.issueCode()
    const session = sessions.redeem(code)
    assert.ok(session !== undefined)
    assert.equal(sessions.redeem(code), undefined)
    const cookie = sessions.cookie(session)
    assert.match(cookie, /^peerhood_session_4242=[A-Za-z0-9_-]{43}; /)
    assert.match(cookie, /; HttpOnly/)
    assert.match(cookie, /; SameSite=Strict/)
    assert.equal(sessions.isValid(`other=1; peerhood_session_4242=${session}`), true)
    assert.equal(sessions.isValid(`peerhood_session_4243=${session}`), false)
    assert.equal(sessions.isValid(`peerhood_session_4242=${session}x`), false)
    assert.equal(sessions.isValid(undefined), false)
  })

  it('a code expires after 60 s and a session after its lifetime', () => {
    let now = 1_000_000
    const sessions = new UiSessions(1, () => now)
    const late = sessions.issueCode()
    now += LOGIN_CODE_TTL_MS + 1
    assert.equal(sessions.redeem(late.code), undefined)
    const session = sessions.redeem(sessions.issueCode().code)!
    now += SESSION_TTL_MS - 1
    assert.equal(sessions.isValid(`peerhood_session_1=${session}`), true)
    now += 2
    assert.equal(sessions.isValid(`peerhood_session_1=${session}`), false)
  })

  it('keeps a bounded number of unredeemed codes (the oldest go first)', () => {
    const sessions = new UiSessions(1)
    const first = sessions.issueCode()
    for (let i = 0; i < 100; i++) sessions.issueCode()
    assert.equal(sessions.redeem(first.code), undefined)
  })
})

describe('api/guard: Host and Origin', () => {
  it('accepts our own Host, with or without our Origin', () => {
    checkRequestOrigin({ host: '127.0.0.1:5000' }, 5000)
    checkRequestOrigin({ host: '127.0.0.1:5000', origin: 'http://127.0.0.1:5000', 'sec-fetch-site': 'same-origin' }, 5000)
  })

  it('refuses another Host (DNS rebinding), even a loopback name or another port', () => {
    for (const host of ['evil.example:5000', 'localhost:5000', '127.0.0.1:5001', '127.0.0.1', '[::1]:5000', undefined]) {
      assert.throws(() => { checkRequestOrigin({ host }, 5000) }, refused('FORBIDDEN_HOST'), String(host))
    }
  })

  it('refuses another Origin, and cross-site fetch metadata', () => {
    for (const origin of ['http://evil.example', 'http://127.0.0.1:5001', 'null', 'https://127.0.0.1:5000']) {
      assert.throws(() => { checkRequestOrigin({ host: '127.0.0.1:5000', origin }, 5000) }, refused('FORBIDDEN_ORIGIN'), origin)
    }
    for (const site of ['cross-site', 'same-site']) {
      assert.throws(() => { checkRequestOrigin({ host: '127.0.0.1:5000', 'sec-fetch-site': site }, 5000) }, refused('FORBIDDEN_ORIGIN'), site)
    }
  })
})
