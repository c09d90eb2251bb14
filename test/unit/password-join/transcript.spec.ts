import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { macMatches, transcriptMac, type Transcript } from '../../../protocols/password-join/index.ts'

describe('password join: transcript MACs', () => {
  const key = randomBytes(32)
  const t: Transcript = {
    groupId: 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
    joinerPeerId: '12D3KooWPBFzpNemfrwjMSTSENKAC6cDHxE2RXojcMJRwMtitDms',
    adminPeerId: '12D3KooWLdJAwPtyQ5RFnr9wGXsQzpf3P2SeqFbYkqbfVehLu4Ns',
    nonceJ: randomBytes(32),
    nonceA: randomBytes(32)
  }
  const mac = transcriptMac(key, 'client', t)

  it('verifies the transcript it was made for', () => {
    assert.equal(mac.length, 32)
    assert.ok(macMatches(key, 'client', t, mac))
  })

  it('breaks when any bound value changes', () => {
    const flip = (b: Uint8Array): Uint8Array => { const c = Uint8Array.from(b); c[0] = c[0]! ^ 1; return c }
    const variants: Array<[string, Transcript]> = [
      ['group', { ...t, groupId: t.groupId + '.x' }],
      ['joiner', { ...t, joinerPeerId: '12D3KooWPqT2nMDSiXUSx5D7fasaxhxKigVhcqfkKqrLghCq9jxz' }],
      ['administrator', { ...t, adminPeerId: '12D3KooWPqT2nMDSiXUSx5D7fasaxhxKigVhcqfkKqrLghCq9jxz' }],
      ['swapped peers', { ...t, joinerPeerId: t.adminPeerId, adminPeerId: t.joinerPeerId }],
      ['joiner nonce', { ...t, nonceJ: flip(t.nonceJ) }],
      ['administrator nonce', { ...t, nonceA: flip(t.nonceA) }],
      ['swapped nonces', { ...t, nonceJ: t.nonceA, nonceA: t.nonceJ }]
    ]
    for (const [name, changed] of variants) assert.ok(!macMatches(key, 'client', changed, mac), name)
    assert.ok(!macMatches(key, 'server', t, mac), 'the server proof is another MAC')
    assert.ok(!macMatches(randomBytes(32), 'client', t, mac), 'another key')
  })

  it('cannot be shifted across field boundaries', () => {
    const a = transcriptMac(key, 'client', { ...t, groupId: 'ab', joinerPeerId: 'c' })
    const b = transcriptMac(key, 'client', { ...t, groupId: 'a', joinerPeerId: 'bc' })
    assert.notDeepEqual(a, b)
  })

  it('refuses MACs of another length', () => {
    assert.ok(!macMatches(key, 'client', t, mac.subarray(0, 16)))
    assert.ok(!macMatches(key, 'client', t, new Uint8Array(0)))
  })
})
