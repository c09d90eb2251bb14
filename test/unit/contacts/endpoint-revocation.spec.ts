import assert from 'node:assert/strict'
import { sign } from 'node:crypto'
import { generateKeyPairFromSeed } from '@libp2p/crypto/keys'
import { peerIdFromPrivateKey } from '@libp2p/peer-id'
import { ed25519PrivateKeyObject } from '../../../protocols/certificates/keys.ts'
import { isPeerhoodError } from '../../../protocols/common/errors.ts'
import { createEndpointCertificate } from '../../../protocols/contacts/endpoint-certificate.ts'
import { createEndpointRevocation, verifyEndpointRevocation } from '../../../protocols/contacts/endpoint-revocation.ts'
import { EndpointRevocationBody, SignedEndpointRevocation } from '../../../protocols/contacts/pb/endpoint.ts'

async function key (n: number) {
  const k = await generateKeyPairFromSeed('Ed25519', new Uint8Array(32).fill(n))
  return { key: k, peerId: peerIdFromPrivateKey(k).toString() }
}

const T = 1_767_225_600_000

/** Key 1 revoking key 2's PeerId at T for 'laptop sold' (Ed25519 signatures are deterministic). */
const FROZEN = 'CmAIARImACQIARIggTl3Dqh9F19Wo1Rmw0x+zMuNipG07jeiXfYPW4/Js5QaIIqI4910CfGV/VLbLTy6XXLKZwm/HZQSG/N0iAG0D29cIIDQ6ra3MyoLbGFwdG9wIHNvbGQSQLojjZLScNa2t/zoQLG8Q+2Cg6V0sZ8XmPMYByrUov5TAsTru7ZUEB4Q+Uk6Rhm8bToT5BDloYLFPrDJ1wx9DAQ='

function rejects (fn: () => unknown, reason: string): void {
  assert.throws(fn, (err: unknown) => isPeerhoodError(err, 'INVALID_CONTACT') && err.details?.reason === reason)
}

function resign (body: Uint8Array, signer: Awaited<ReturnType<typeof key>>, domain = 'peerhood/endpoint-revocation/v1\n'): Uint8Array {
  const signature = new Uint8Array(sign(null, Buffer.concat([Buffer.from(domain), body]), ed25519PrivateKeyObject(signer.key)))
  return SignedEndpointRevocation.encode({ body: body as Uint8Array<ArrayBuffer>, signature: signature as Uint8Array<ArrayBuffer> })
}

describe('contacts/endpoint-revocation', () => {
  it('the identity key revokes one endpoint PeerId, with when and why', async () => {
    const [id, e] = [await key(1), await key(2)]
    const bytes = createEndpointRevocation(id.key, e.peerId, { revokedAt: T, reason: 'laptop sold' })
    const rev = verifyEndpointRevocation(bytes)
    assert.deepEqual([rev.identity, rev.endpoint, rev.revokedAt, rev.reason], [id.peerId, e.peerId, T, 'laptop sold'])
    assert.ok(bytes.length < 200)
    // frozen: a change of the format (or of its domain) is deliberate
    assert.equal(Buffer.from(bytes).toString('base64'), FROZEN)
  })

  it('a changed body, a body re-signed by a foreign key, or signed under another domain fails the signature', async () => {
    const [id, other, e] = [await key(1), await key(4), await key(2)]
    const signed = SignedEndpointRevocation.decode(createEndpointRevocation(id.key, e.peerId, { revokedAt: T }))
    const body = EndpointRevocationBody.decode(signed.body)
    // tampered: another endpoint under the identity's signature
    const moved = EndpointRevocationBody.encode({ ...body, endpoint: peerIdFromPrivateKey((await key(3)).key).toMultihash().bytes as Uint8Array<ArrayBuffer> })
    rejects(() => verifyEndpointRevocation(SignedEndpointRevocation.encode({ body: moved, signature: signed.signature })), 'signature')
    // the identity key claimed, the signature by someone else
    rejects(() => verifyEndpointRevocation(resign(signed.body, other)), 'signature')
    // the identity's own signature, but over the endpoint certificate's domain (or any other)
    rejects(() => verifyEndpointRevocation(resign(signed.body, id, 'peerhood/endpoint/v1\n')), 'signature')
    // an endpoint certificate is not a revocation, whatever it is fed as
    assert.throws(() => verifyEndpointRevocation(createEndpointCertificate(id.key, e.peerId, { issuedAt: T })), (err: unknown) => isPeerhoodError(err, 'INVALID_CONTACT'))
    // the foreign key's own revocation is valid, but names the foreign identity
    assert.equal(verifyEndpointRevocation(createEndpointRevocation(other.key, e.peerId, { revokedAt: T })).identity, other.peerId)
  })

  it('junk, non-canonical, oversized, a refused reason and the identity revoking itself are refused', async () => {
    const [id, e] = [await key(1), await key(2)]
    const bytes = createEndpointRevocation(id.key, e.peerId, { revokedAt: T })
    rejects(() => verifyEndpointRevocation(new Uint8Array([0xff, 0xff, 0xff])), 'protobuf')
    rejects(() => verifyEndpointRevocation(new Uint8Array(4096)), 'revocation-size')
    // the same message with a trailing duplicate field: decodes, but is not the one encoding
    rejects(() => verifyEndpointRevocation(new Uint8Array([...bytes, 0x12, 0x00])), 'not-canonical')
    const body = EndpointRevocationBody.decode(SignedEndpointRevocation.decode(bytes).body)
    rejects(() => verifyEndpointRevocation(resign(EndpointRevocationBody.encode({ ...body, version: 2 }), id)), 'version')
    rejects(() => verifyEndpointRevocation(resign(EndpointRevocationBody.encode({ ...body, reason: 'x'.repeat(256) }), id)), 'reason')
    rejects(() => verifyEndpointRevocation(resign(EndpointRevocationBody.encode({ ...body, endpoint: peerIdFromPrivateKey(id.key).toMultihash().bytes as Uint8Array<ArrayBuffer> }), id)), 'endpoint')
    assert.throws(() => createEndpointRevocation(id.key, e.peerId, { reason: 'a\u202eb' }), (err: unknown) => isPeerhoodError(err, 'INVALID_ARGUMENT'))
    assert.throws(() => createEndpointRevocation(id.key, 'not-a-peer-id'), (err: unknown) => isPeerhoodError(err, 'INVALID_PEER_ID'))
  })
})
