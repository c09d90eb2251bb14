import assert from 'node:assert/strict'
import { generateKeyPairSync } from 'node:crypto'
import { ChainCache } from '../../../protocols/certificates/chain-cache.ts'
import { validateChain } from '../../../protocols/certificates/chain-validator.ts'
import { clearIssuerKeys, issuerKey, issuerKeyCount, MAX_ISSUER_KEYS } from '../../../protocols/certificates/issuer-keys.ts'
import { ed25519Spki } from '../../../protocols/certificates/keys.ts'
import { T0, assertRefused, issueTo, keyOf, makeGroup, resign, type Holder } from './helpers.ts'

describe('issuer-key cache', () => {
  let g: Awaited<ReturnType<typeof makeGroup>>
  let admin: Holder
  let member: Holder

  before(async () => {
    g = await makeGroup('issuer-keys')
    admin = await issueTo({ key: g.creatorKey, chain: g.creatorChain }, 'issuer-keys admin', ['administrator'])
    member = await issueTo(admin, 'issuer-keys member', ['member'])
  })

  afterEach(() => { clearIssuerKeys() })

  it('keeps the issuers\' keys of a validated chain, never the last one', () => {
    clearIssuerKeys()
    assert.ok(validateChain(g.groupId, member.chain, T0, new ChainCache()).ok)
    assert.equal(issuerKeyCount(), member.chain.length - 1)
  })

  it('still checks every signature of a chain whose issuers\' keys it holds', async () => {
    assert.ok(validateChain(g.groupId, member.chain, T0, new ChainCache()).ok)
    // the member's GMC signed by a stranger, under an issuer whose key is cached
    const forged = [...member.chain.slice(0, -1), resign(member.chain.at(-1)!, await keyOf('issuer-keys stranger'))]
    assertRefused(validateChain(g.groupId, forged, T0, new ChainCache()), 'INVALID_CERTIFICATE', 'bad-signature', member.chain.length - 1)
    const grc = [resign(member.chain[0]!, await keyOf('issuer-keys stranger')), ...member.chain.slice(1)]
    assertRefused(validateChain(g.groupId, grc, T0, new ChainCache()), 'INVALID_CERTIFICATE', 'bad-signature', 0)
  })

  it('hands out the key of exactly the bytes asked for', async () => {
    const a = (await keyOf('issuer-keys a')).publicKey.raw
    const b = (await keyOf('issuer-keys b')).publicKey.raw
    const idA = Buffer.from(a).toString('base64url')
    const idB = Buffer.from(b).toString('base64url')
    const keyA = issuerKey(idA, ed25519Spki(a))
    const keyB = issuerKey(idB, ed25519Spki(b))
    assert.notEqual(keyA, keyB)
    assert.equal(issuerKey(idA, ed25519Spki(a)), keyA)
    assert.deepEqual(Buffer.from(keyB.export({ format: 'jwk' }).x!, 'base64url'), Buffer.from(b))
  })

  it(`holds at most ${MAX_ISSUER_KEYS} keys, dropping the oldest`, () => {
    const ids: string[] = []
    for (let i = 0; i < MAX_ISSUER_KEYS + 10; i++) {
      const x = generateKeyPairSync('ed25519').publicKey.export({ format: 'jwk' }).x!
      ids.push(x)
      issuerKey(x, ed25519Spki(Buffer.from(x, 'base64url')))
    }
    assert.equal(issuerKeyCount(), MAX_ISSUER_KEYS)
    const last = issuerKey(ids.at(-1)!, ed25519Spki(Buffer.from(ids.at(-1)!, 'base64url')))
    assert.equal(issuerKeyCount(), MAX_ISSUER_KEYS, 'a kept key is not imported again')
    assert.equal(last.export({ format: 'jwk' }).x, ids.at(-1))
    issuerKey(ids[0]!, ed25519Spki(Buffer.from(ids[0]!, 'base64url')))
    assert.equal(issuerKeyCount(), MAX_ISSUER_KEYS)
  })
})
