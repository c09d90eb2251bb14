import assert from 'node:assert/strict'
import { sign } from 'node:crypto'
import { generateKeyPairFromSeed } from '@libp2p/crypto/keys'
import { peerIdFromPrivateKey } from '@libp2p/peer-id'
import { ed25519PrivateKeyObject } from '../../../protocols/certificates/keys.ts'
import { isPeerhoodError } from '../../../protocols/common/errors.ts'
import { MAX_ENDPOINT_CERT_LIFETIME_MS } from '../../../protocols/contacts/constants.ts'
import { createEndpointCertificate, verifyEndpointCertificate } from '../../../protocols/contacts/endpoint-certificate.ts'
import { EndpointCertificateBody, SignedEndpointCertificate } from '../../../protocols/contacts/pb/endpoint.ts'

async function key (n: number) {
  const k = await generateKeyPairFromSeed('Ed25519', new Uint8Array(32).fill(n))
  return { key: k, peerId: peerIdFromPrivateKey(k).toString() }
}

const T = 1_767_225_600_000
const DAY = 24 * 3600_000

function rejects (fn: () => unknown, reason: string): void {
  assert.throws(fn, (err: unknown) => isPeerhoodError(err, 'INVALID_CONTACT') && err.details?.reason === reason)
}

describe('contacts/endpoint-certificate', () => {
  it('binds an endpoint PeerId to the identity that signed it', async () => {
    const [id, e] = [await key(1), await key(2)]
    const bytes = createEndpointCertificate(id.key, e.peerId, { issuedAt: T })
    const cert = verifyEndpointCertificate(bytes, e.peerId, T + DAY)
    assert.deepEqual([cert.identity, cert.endpoint, cert.issuedAt, cert.expiresAt], [id.peerId, e.peerId, T, T + 7 * DAY])
    assert.ok(bytes.length < 200)
  })

  it('a certificate of endpoint E presented by peer F is refused', async () => {
    const [id, e, f] = [await key(1), await key(2), await key(3)]
    const bytes = createEndpointCertificate(id.key, e.peerId, { issuedAt: T })
    rejects(() => verifyEndpointCertificate(bytes, f.peerId, T + 1), 'endpoint-mismatch')
  })

  it('a body re-signed by another key, or changed after signing, fails the signature', async () => {
    const [id, other, e] = [await key(1), await key(4), await key(2)]
    const signed = SignedEndpointCertificate.decode(createEndpointCertificate(id.key, e.peerId, { issuedAt: T }))
    const body = EndpointCertificateBody.decode(signed.body)
    // the identity key claimed, the signature by someone else
    const forgedBody = EndpointCertificateBody.encode(body)
    const domain = Buffer.from('peerhood/endpoint/v1\n')
    const forgedSig = new Uint8Array(sign(null, Buffer.concat([domain, forgedBody]), ed25519PrivateKeyObject(other.key)))
    rejects(() => verifyEndpointCertificate(SignedEndpointCertificate.encode({ body: forgedBody, signature: forgedSig as Uint8Array<ArrayBuffer> }), e.peerId, T + 1), 'signature')
    // the attacker's own key in the body: valid signature, but it names the attacker's identity, not the contact's
    const own = verifyEndpointCertificate(createEndpointCertificate(other.key, e.peerId, { issuedAt: T }), e.peerId, T + 1)
    assert.equal(own.identity, other.peerId)
    // a longer lifetime written into a signed body
    const stretched = EndpointCertificateBody.encode({ ...body, expiresAt: body.expiresAt + DAY })
    rejects(() => verifyEndpointCertificate(SignedEndpointCertificate.encode({ body: stretched, signature: signed.signature }), e.peerId, T + 1), 'signature')
  })

  it('expired, not yet valid, too long-lived, junk and oversized certificates are refused', async () => {
    const [id, e] = [await key(1), await key(2)]
    const bytes = createEndpointCertificate(id.key, e.peerId, { issuedAt: T, lifetimeMs: DAY })
    rejects(() => verifyEndpointCertificate(bytes, e.peerId, T + DAY), 'expired')
    rejects(() => verifyEndpointCertificate(bytes, e.peerId, T - 10 * 60_000), 'not-yet-valid')
    assert.equal(verifyEndpointCertificate(bytes, e.peerId, T - 60_000).identity, id.peerId)
    rejects(() => verifyEndpointCertificate(createEndpointCertificate(id.key, e.peerId, { issuedAt: T, lifetimeMs: MAX_ENDPOINT_CERT_LIFETIME_MS + 1 }), e.peerId, T + 1), 'lifetime')
    rejects(() => verifyEndpointCertificate(new Uint8Array([1, 2, 3]), e.peerId, T), 'protobuf')
    rejects(() => verifyEndpointCertificate(new Uint8Array(600), e.peerId, T), 'endpoint-certificate-size')
    rejects(() => verifyEndpointCertificate(new Uint8Array([...bytes, 0x18, 0x01]), e.peerId, T + 1), 'not-canonical')
  })
})
