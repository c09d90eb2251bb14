import assert from 'node:assert/strict'
import {
  decodeNames, encodeNames, isStale, nameRefusal, namesRefusal, nearId, networkOf, staleAfterMs
} from '../../../protocols/people-near-me/rules.ts'

const PEER = '12D3KooWLRPJAA5o6Z6LPyKvw5sF1jBCHFqHfQ2VZ5k5AhxbDSgx'

describe('people near me: rules', () => {
  describe('names', () => {
    it('accepts 1–255 characters for a nickname and 0–255 for an endpoint name', () => {
      assert.equal(nameRefusal('Alice', false), undefined)
      assert.equal(nameRefusal('x'.repeat(255), false), undefined)
      assert.equal(nameRefusal('', true), undefined)
      assert.equal(nameRefusal('', false), 'empty')
      assert.equal(nameRefusal('   ', false), 'empty')
      assert.equal(nameRefusal('x'.repeat(256), false), 'too-long')
      assert.equal(nameRefusal('x'.repeat(256), true), 'too-long')
      assert.equal(nameRefusal(42, true), 'not-a-string')
    })

    it('refuses control characters, bidirectional overrides and lone surrogates', () => {
      assert.equal(nameRefusal('Al\x1b[31mice', false), 'control-character')
      assert.equal(nameRefusal('Alice\n', false), 'control-character')
      assert.equal(nameRefusal('Alice\u0085', false), 'control-character')
      assert.equal(nameRefusal('evil\u202egnp.exe', false), 'control-character')
      assert.equal(nameRefusal('a\u2066b', false), 'control-character')
      assert.equal(nameRefusal('a\ud800b', false), 'malformed-unicode')
      assert.equal(nameRefusal('Zoë 🦊 李', false), undefined)
    })

    it('names the refused field', () => {
      assert.deepEqual(namesRefusal({ nickname: '', endpointName: 'pc' }), { field: 'nickname', reason: 'empty' })
      assert.deepEqual(namesRefusal({ nickname: 'a', endpointName: 'p\x00c' }), { field: 'endpointName', reason: 'control-character' })
      assert.equal(namesRefusal({ nickname: 'a', endpointName: '' }), undefined)
    })
  })

  describe('TXT encoding', () => {
    it('round-trips names, every string within 255 bytes', () => {
      for (const names of [
        { nickname: 'Alice', endpointName: 'alice-laptop' },
        { nickname: 'x'.repeat(255), endpointName: '' },
        { nickname: '李'.repeat(255), endpointName: '🦊'.repeat(127) },
        { nickname: 'é'.repeat(200) + '🦊'.repeat(27), endpointName: 'a' }
      ]) {
        const strings = encodeNames(names)
        for (const s of strings) assert.ok(Buffer.byteLength(s) <= 255, `${Buffer.byteLength(s)} bytes`)
        assert.deepEqual(decodeNames(strings), { ok: true, names })
        assert.deepEqual(decodeNames(strings.map(s => Buffer.from(s))), { ok: true, names })
      }
    })

    it('a 255-character CJK nickname takes four chunks, cut at character boundaries', () => {
      const strings = encodeNames({ nickname: '李'.repeat(255), endpointName: '' })
      assert.deepEqual(strings.map(s => s.slice(0, 7)), ['pnm=1', 'pnm-n0=', 'pnm-n1=', 'pnm-n2=', 'pnm-n3='])
    })

    it('strings of other owners are skipped; no People Near Me string means not advertising', () => {
      assert.deepEqual(decodeNames([`dnsaddr=/ip4/10.0.0.1/tcp/1/p2p/${PEER}`]), { ok: true, names: undefined })
      assert.deepEqual(decodeNames([`dnsaddr=/ip4/10.0.0.1/tcp/1/p2p/${PEER}`, ...encodeNames({ nickname: 'A', endpointName: 'b' })]),
        { ok: true, names: { nickname: 'A', endpointName: 'b' } })
    })

    it('ignores unknown fields of the same version', () => {
      assert.deepEqual(decodeNames(['pnm=1', 'pnm-n0=A', 'pnm-x0=future']), { ok: true, names: { nickname: 'A', endpointName: '' } })
    })

    it('refuses hostile or malformed records whole', () => {
      const refused = (strings: Array<string | Uint8Array>) => {
        const r = decodeNames(strings)
        assert.equal(r.ok, false, JSON.stringify(strings).slice(0, 80))
        return (r as { reason: string }).reason
      }
      assert.equal(refused(['pnm=2', 'pnm-n0=A']), 'unknown-version')
      assert.equal(refused(['pnm-n0=A']), 'no-marker')
      assert.equal(refused(['pnm']), 'unknown-version')
      assert.equal(refused(['pnm=1', 'pnm=1', 'pnm-n0=A']), 'duplicate-chunk')
      assert.equal(refused(['pnm=1', 'pnm-n0=A', 'pnm-n0=B']), 'duplicate-chunk')
      assert.equal(refused(['pnm=1', 'pnm-n1=A']), 'missing-chunk')
      assert.equal(refused(['pnm=1', 'pnm-n0=A', 'pnm-n2=C']), 'missing-chunk')
      assert.equal(refused(['pnm=1', 'pnm-n0=A', 'pnm-n4=E']), 'too-many-chunks')
      assert.equal(refused(['pnm=1']), 'empty')
      assert.equal(refused(['pnm=1', Buffer.from([...Buffer.from('pnm-n0='), 0xc3, 0x28])]), 'invalid-utf8')
      // a multi-byte character split across chunks by a hostile sender still decodes as a whole
      assert.deepEqual(decodeNames(['pnm=1', Buffer.from([...Buffer.from('pnm-n0='), 0xc3]), Buffer.from([...Buffer.from('pnm-n1='), 0xa9])]),
        { ok: true, names: { nickname: 'é', endpointName: '' } })
      assert.equal(refused(['pnm=1', 'pnm-n0=\x1b]0;pwned\x07']), 'control-character')
      assert.equal(refused(['pnm=1', ...['n0', 'n1', 'n2'].map(k => `pnm-${k}=${'y'.repeat(100)}`)]), 'too-long')
    })
  })

  describe('ids, staleness, networks', () => {
    it('derives a stable 16-character base32 id from the PeerId', () => {
      const id = nearId(PEER)
      assert.match(id, /^[a-z2-7]{16}$/)
      assert.equal(nearId(PEER), id)
      assert.notEqual(nearId('12D3KooWQYhTNQdmr3ArTeUHRYzFg94BKyTkoWBDWez9kSCVe2Xo'), id)
    })

    it('a person is stale after 3 query periods without a refresh', () => {
      assert.equal(staleAfterMs(10_000), 30_000)
      assert.equal(isStale(1000, 31_000, 30_000), false)
      assert.equal(isStale(1000, 31_001, 30_000), true)
    })

    it('groups senders by IPv4 /24 and IPv6 /64', () => {
      assert.equal(networkOf('10.77.0.3'), '10.77.0.0/24')
      assert.equal(networkOf('::ffff:10.77.0.3'), '10.77.0.0/24')
      assert.equal(networkOf('fe80::1%eth0'), 'fe80:0:0:0::/64')
      assert.equal(networkOf('fe80:0:0:0:aaaa::1'), 'fe80:0:0:0::/64')
      assert.equal(networkOf('2001:db8:1:2:3:4:5:6'), '2001:db8:1:2::/64')
      assert.notEqual(networkOf('10.77.1.3'), networkOf('10.77.0.3'))
    })
  })
})
