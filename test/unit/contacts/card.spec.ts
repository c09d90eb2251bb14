import assert from 'node:assert/strict'
import { generateKeyPairFromSeed } from '@libp2p/crypto/keys'
import { peerIdFromPrivateKey } from '@libp2p/peer-id'
import { createIdentityCertificate } from '../../../protocols/certificates/identity-certificate.ts'
import { isPeerhoodError } from '../../../protocols/common/errors.ts'
import { createCard, parseCard } from '../../../protocols/contacts/card.ts'
import { cardToJson, parseCardInput } from '../../../protocols/contacts/card-json.ts'
import { CardBody, SignedCard } from '../../../protocols/contacts/pb/card.ts'

async function identity (n: number) {
  const key = await generateKeyPairFromSeed('Ed25519', new Uint8Array(32).fill(n))
  const cert = await createIdentityCertificate(key, { displayName: `user${n}`, notBefore: new Date('2026-01-01T00:00:00Z') })
  return { key, cert, peerId: peerIdFromPrivateKey(key).toString() }
}

const names = { nickname: 'ada', displayName: 'Ada Lovelace', email: 'ada@example.org', addresses: ['/ip4/127.0.0.1/tcp/4001'], issuedAt: 1_767_225_600_000 }

function rejects (fn: () => unknown, code: string, reason?: string): void {
  assert.throws(fn, (err: unknown) => isPeerhoodError(err, code as never) && (reason === undefined || err.details?.reason === reason))
}

describe('contacts/card', () => {
  it('round-trips: the card names its owner, proven by the certificate and the signature', async () => {
    const a = await identity(1)
    const text = createCard(a.key, a.cert, names)
    assert.match(text, /^peerhood1:contact:[A-Za-z0-9_-]+$/)
    const card = parseCard(text)
    assert.deepEqual([card.peerId, card.nickname, card.displayName, card.email, card.addresses, card.issuedAt], [a.peerId, 'ada', 'Ada Lovelace', 'ada@example.org', names.addresses, names.issuedAt])
    assert.deepEqual(parseCard(text.slice(0, 40) + '\n  ' + text.slice(40)).peerId, a.peerId)
  })

  it('refuses a tampered card, a foreign-signed card, a bad prefix and non-canonical bytes (INVALID_CONTACT)', async () => {
    const a = await identity(1)
    const b = await identity(2)
    const text = createCard(a.key, a.cert, names)
    const bytes = Buffer.from(text.slice('peerhood1:contact:'.length), 'base64url')
    const signed = SignedCard.decode(bytes)
    const body = CardBody.decode(signed.body)
    const forged = SignedCard.encode({ body: CardBody.encode({ ...body, nickname: 'mallory' }), signature: signed.signature })
    rejects(() => parseCard('peerhood1:contact:' + Buffer.from(forged).toString('base64url')), 'INVALID_CONTACT', 'signature')
    // A's certificate, B's signature
    rejects(() => parseCard(createCard(b.key, a.cert, names)), 'INVALID_CONTACT', 'signature')
    rejects(() => parseCard('peerhood1:invitation:' + text.slice(18)), 'INVALID_CONTACT', 'prefix')
    rejects(() => parseCard(text + '!'), 'INVALID_CONTACT', 'base64url')
    rejects(() => parseCard(text + 'AA'), 'INVALID_CONTACT')
    rejects(() => parseCard('peerhood1:contact:' + 'A'.repeat(20_000)), 'INVALID_CONTACT', 'too-long')
    const notCert = SignedCard.encode({ body: CardBody.encode({ ...body, identityCertificate: new Uint8Array([1, 2, 3]) }), signature: signed.signature })
    rejects(() => parseCard('peerhood1:contact:' + Buffer.from(notCert).toString('base64url')), 'INVALID_CONTACT', 'certificate')
    const v2 = CardBody.encode({ ...body, version: 2 })
    rejects(() => parseCard(otherVersion(v2)), 'UNSUPPORTED_VERSION')
  })

  it('refuses a signed card whose names break the 255-character limit', async () => {
    const a = await identity(1)
    rejects(() => parseCard(createCard(a.key, a.cert, { ...names, nickname: 'x'.repeat(256) })), 'INVALID_CONTACT', 'nickname')
  })

  it('the JSON form parses back, and a readable field that disagrees with the signed text is refused', async () => {
    const a = await identity(1)
    const card = parseCard(createCard(a.key, a.cert, names))
    const json = cardToJson(card)
    assert.equal(parseCardInput(JSON.stringify(json)).peerId, a.peerId)
    rejects(() => parseCardInput(JSON.stringify({ ...json, nickname: 'mallory' })), 'INVALID_CONTACT', 'json-nickname')
    rejects(() => parseCardInput(JSON.stringify({ ...json, addresses: ['/ip4/10.0.0.1/tcp/1'] })), 'INVALID_CONTACT', 'json-addresses')
    rejects(() => parseCardInput('{"format":"other"}'), 'INVALID_CONTACT', 'json-format')
    rejects(() => parseCardInput('{not json'), 'INVALID_CONTACT', 'json')
  })
})

/** A card of another version: the version is refused before any signature is checked. */
function otherVersion (body: Uint8Array): string {
  return 'peerhood1:contact:' + Buffer.from(SignedCard.encode({ body: body as Uint8Array<ArrayBuffer>, signature: new Uint8Array(64) })).toString('base64url')
}
