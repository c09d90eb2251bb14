import assert from 'node:assert/strict'
import { createPublicKey, sign, verify } from 'node:crypto'
import { peerIdFromPublicKey } from '@libp2p/peer-id'
import { ed25519PeerId, ed25519PrivateKeyObject, ed25519PublicKeyObject, ed25519Spki, spkiToPem } from '../../../protocols/certificates/keys.ts'
import { assertCode, keyOf } from './helpers.ts'

describe('Ed25519 key conversions', () => {
  const labels = ['k1', 'k2', 'k3', 'k4']

  it('ed25519PeerId writes the PeerId @libp2p/peer-id writes, from a key or its raw bytes', async () => {
    for (const label of labels) {
      const key = (await keyOf(label)).publicKey
      const expected = peerIdFromPublicKey(key).toString()
      assert.equal(ed25519PeerId(key), expected)
      assert.equal(ed25519PeerId(key.raw), expected)
    }
    await assertCode(() => ed25519PeerId(new Uint8Array(31)), 'INVALID_ARGUMENT')
  })

  it('imports public keys through PEM text: the same key as the SubjectPublicKeyInfo', async () => {
    for (const label of labels) {
      const key = await keyOf(label)
      const spki = ed25519Spki(key.publicKey)
      const fromPem = createPublicKey(spkiToPem(spki))
      assert.deepEqual(fromPem.export({ format: 'der', type: 'spki' }), Buffer.from(spki))
      assert.ok(ed25519PublicKeyObject(key.publicKey).equals(fromPem))
      const signature = sign(null, Uint8Array.of(1, 2, 3), ed25519PrivateKeyObject(key))
      assert.ok(verify(null, Uint8Array.of(1, 2, 3), spkiToPem(spki), signature), 'node:crypto verifies with the PEM text directly')
    }
  })
})
