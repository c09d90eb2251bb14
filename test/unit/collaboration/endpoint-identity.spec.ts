import assert from 'node:assert/strict'
import { generateKeyPairFromSeed } from '@libp2p/crypto/keys'
import { peerIdFromPrivateKey } from '@libp2p/peer-id'
import { cardEndpoints, mergeAddresses } from '../../../protocols/collaboration/contact-book.ts'
import { EndpointIdentity, isForgery, KnownEndpoints, provenIdentity } from '../../../protocols/collaboration/endpoint-identity.ts'
import { isPeerhoodError } from '../../../protocols/common/errors.ts'
import { ENDPOINT_CERT_LIFETIME_MS } from '../../../protocols/contacts/constants.ts'
import { verifyEndpointCertificate } from '../../../protocols/contacts/endpoint-certificate.ts'

async function key (n: number) {
  const k = await generateKeyPairFromSeed('Ed25519', new Uint8Array(32).fill(n))
  return { key: k, peerId: peerIdFromPrivateKey(k).toString() }
}

describe('collaboration/endpoint-identity', () => {
  it('a single node is its own identity and presents no certificate', async () => {
    const n = await key(1)
    const me = new EndpointIdentity(n.peerId, undefined, () => 0)
    assert.deepEqual([me.identity, me.separate, me.certificate().length], [n.peerId, false, 0])
    // its own key given as identity changes nothing
    assert.equal(new EndpointIdentity(n.peerId, n.key, () => 0).separate, false)
    assert.equal(provenIdentity(n.peerId, new Uint8Array(0), 0), n.peerId)
  })

  it('an endpoint of an imported identity presents a certificate it renews at half its lifetime', async () => {
    const [id, node] = [await key(1), await key(2)]
    let now = 1_767_225_600_000
    const me = new EndpointIdentity(node.peerId, id.key, () => now)
    assert.deepEqual([me.identity, me.endpoint, me.separate], [id.peerId, node.peerId, true])
    const first = me.certificate()
    assert.equal(provenIdentity(node.peerId, first, now), id.peerId)
    now += ENDPOINT_CERT_LIFETIME_MS / 2 - 1
    assert.equal(me.certificate(), first)
    now += 1
    const renewed = me.certificate()
    assert.notDeepEqual(renewed, first)
    assert.equal(verifyEndpointCertificate(renewed, node.peerId, now).issuedAt, now)
    // the old one still proves until it expires, then not
    assert.throws(() => provenIdentity(node.peerId, first, now + ENDPOINT_CERT_LIFETIME_MS), (err: unknown) => isPeerhoodError(err, 'INVALID_CONTACT') && err.details?.reason === 'expired')
    assert.deepEqual([isForgery('expired'), isForgery('not-yet-valid'), isForgery('endpoint-mismatch'), isForgery('signature')], [false, false, true, true])
  })

  it('known endpoints are bounded, forget an identity, and never record a node as its own endpoint', () => {
    const known = new KnownEndpoints(2)
    known.record('e1', 'ada')
    known.record('e2', 'ada')
    known.record('self', 'self')
    assert.deepEqual(known.endpointsOf('ada'), ['e1', 'e2'])
    known.record('e3', 'bob')
    assert.deepEqual([known.identityOf('e1'), known.endpointsOf('ada'), known.identityOf('e3')], [undefined, ['e2'], 'bob'])
    // an endpoint that now proves another identity moves
    known.record('e2', 'bob')
    assert.deepEqual(known.endpointsOf('bob').sort(), ['e2', 'e3'])
    known.forgetIdentity('bob')
    assert.deepEqual(known.endpointsOf('bob'), [])
  })

  it('a contact\'s endpoints are the nodes its cards name; a newer card keeps the other endpoints\' addresses', async () => {
    const [x, a, b] = [await key(1), await key(2), await key(3)]
    const ofA = [`/ip4/127.0.0.1/tcp/1/p2p/${a.peerId}`]
    const ofB = [`/ip4/127.0.0.1/tcp/2/p2p/${b.peerId}`, `/ip4/127.0.0.1/tcp/3/p2p/${b.peerId}`]
    assert.deepEqual(cardEndpoints({ peerId: x.peerId, addresses: ['/ip4/127.0.0.1/tcp/4'] }), [x.peerId])
    const merged = mergeAddresses(ofB, ofA)
    assert.deepEqual(merged, [...ofB, ...ofA])
    assert.deepEqual(cardEndpoints({ peerId: x.peerId, addresses: merged }), [b.peerId, a.peerId])
    // a newer card of the same node replaces that node's addresses
    assert.deepEqual(mergeAddresses([`/ip4/127.0.0.1/tcp/9/p2p/${b.peerId}`], merged), [`/ip4/127.0.0.1/tcp/9/p2p/${b.peerId}`, ...ofA])
  })
})
