import assert from 'node:assert/strict'
import { X509Certificate, verify } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { readCertificateFields } from '../../../protocols/certificates/certificate-reader.ts'
import { ChainCache } from '../../../protocols/certificates/chain-cache.ts'
import { validateChain } from '../../../protocols/certificates/chain-validator.ts'
import { MAX_CHAIN_GMCS } from '../../../protocols/certificates/constants.ts'
import { readChildren, readElement } from '../../../protocols/certificates/der.ts'
import { createIdentityCertificate } from '../../../protocols/certificates/identity-certificate.ts'
import { pemToChain } from '../../../protocols/certificates/pem.ts'
import { readProfileCertificate } from '../../../protocols/certificates/profile-reader.ts'
import { parseSubjectAltName } from '../../../protocols/certificates/uris.ts'
import { FIXTURE_DIR } from '../../fixtures/certificates/generate.ts'
import { x509 } from '../../helpers/x509.ts'
import { HOUR, T0, adminLadder, issueTo, keyOf, makeGroup, type Holder } from './helpers.ts'

type Group = Awaited<ReturnType<typeof makeGroup>>

/** The TBSCertificate and signature of a certificate, found by the lenient DER reader. */
function signedParts (der: Uint8Array): { tbs: Uint8Array, signature: Uint8Array } {
  const [tbs] = readChildren(der, readElement(der, 0))
  return { tbs: der.subarray(tbs!.offset, tbs!.end), signature: der.subarray(der.length - 64) }
}

/** Reads `der` with the profile reader, node:crypto and @peculiar/x509 and demands they agree. */
function assertAgrees (der: Uint8Array, issuer: Uint8Array = der): void {
  const cert = readProfileCertificate(der)
  assert.ok(cert !== undefined, 'the profile reader refused the certificate')
  const node = new X509Certificate(der)
  const peculiar = new x509.X509Certificate(der)
  assert.equal(cert.serialNumber, node.serialNumber.toLowerCase())
  assert.equal(cert.notBefore, node.validFromDate.getTime())
  assert.equal(cert.notAfter, node.validToDate.getTime())
  assert.equal(cert.ca, node.ca)
  assert.equal(cert.pathLen, peculiar.getExtension(x509.BasicConstraintsExtension)?.pathLength)
  assert.deepEqual(cert.uri, parseSubjectAltName(node.subjectAltName))
  assert.deepEqual(Buffer.from(cert.publicKey), Buffer.from(node.publicKey.export({ format: 'jwk' }).x!, 'base64url'))
  assert.deepEqual(Buffer.from(cert.spki), node.publicKey.export({ format: 'der', type: 'spki' }))
  assert.deepEqual([cert.commonName], peculiar.subjectName.getField('CN'))
  const fields = readCertificateFields(der)
  assert.deepEqual(Buffer.from(cert.issuer), Buffer.from(fields.issuer))
  assert.deepEqual(Buffer.from(cert.subject), Buffer.from(fields.subject))
  const { tbs, signature } = signedParts(der)
  assert.deepEqual(Buffer.from(cert.tbs), Buffer.from(tbs))
  assert.deepEqual(Buffer.from(cert.signature), Buffer.from(signature))
  assert.ok(verify(null, cert.tbs, new X509Certificate(issuer).publicKey, cert.signature))
}

describe('profile reader', () => {
  let g: Group
  let m: Holder
  let ladder: Holder

  before(async () => {
    g = await makeGroup('profile', 'Чат-1')
    const a = await issueTo({ key: g.creatorKey, chain: g.creatorChain }, 'Ada, "the" <first>; \\ + = #', ['administrator'])
    const b = await issueTo(a, ' '.repeat(3) + 'é'.repeat(250), ['inviting-member'])
    m = await issueTo(b, 'M', ['member'])
    ladder = await adminLadder(g, MAX_CHAIN_GMCS)
  })

  describe('agrees with node:crypto and @peculiar/x509', () => {
    it('on the frozen fixtures', () => {
      const chain = pemToChain(readFileSync(`${FIXTURE_DIR}seed-chain.pem`, 'utf8'))
      chain.forEach((der, i) => { assertAgrees(der, chain[Math.max(0, i - 1)]) })
      assertAgrees(pemToChain(readFileSync(`${FIXTURE_DIR}identity.pem`, 'utf8'))[0]!)
    })

    it('on a fresh chain: a non-ASCII classifier, RFC 4514 specials and 250 two-byte characters in names', () => {
      m.chain.forEach((der, i) => { assertAgrees(der, m.chain[Math.max(0, i - 1)]) })
    })

    it(`on a chain of ${MAX_CHAIN_GMCS} GMCs (every path length)`, () => {
      ladder.chain.forEach((der, i) => { assertAgrees(der, ladder.chain[Math.max(0, i - 1)]) })
    })

    const validities: Array<[string, string]> = [
      ['1970-01-01T00:00:00Z', '1970-01-01T00:00:01Z'],
      ['1999-12-31T23:59:59Z', '2000-01-01T00:00:00Z'],
      ['2049-12-31T23:59:59Z', '2050-01-01T00:00:00Z'], // UTCTime, then GeneralizedTime
      ['2000-02-29T12:00:00Z', '2100-02-28T23:59:59Z'],
      ['2048-02-29T00:00:00Z', '2400-02-29T00:00:00Z'],
      ['2024-02-29T12:34:56Z', '9999-12-31T23:59:59Z']
    ]
    for (const [from, to] of validities) {
      it(`on a validity from ${from} to ${to}`, async () => {
        const notBefore = new Date(from)
        const der = await createIdentityCertificate(await keyOf('validity'), { displayName: 'v', notBefore, lifetimeMs: Date.parse(to) - notBefore.getTime() })
        assertAgrees(der)
        const cert = readProfileCertificate(der)!
        assert.deepEqual([cert.notBefore, cert.notAfter], [Date.parse(from), Date.parse(to)])
      })
    }
  })

  it('returns views of the bytes read, not copies', () => {
    const der = m.chain[3]!
    const cert = readProfileCertificate(der)!
    assert.equal(cert.tbs.buffer, der.buffer)
    assert.equal(cert.publicKey.buffer, der.buffer)
  })

  describe('never throws and never lets a damaged GMC through', () => {
    const cache = new ChainCache() // the undamaged links are then verified once only

    /** The validator's answer for the chain with its certificate at `index` replaced. */
    function validateWith (holder: Holder, index: number, der: Uint8Array) {
      const chain = holder.chain.slice()
      chain[index] = der
      return validateChain(g.groupId, chain, T0 + HOUR, cache)
    }

    for (const [label, index] of [['a GMC', 3], ['the GRC', 0]] as const) {
      it(`refuses every single-byte change of ${label} (xor 0x01, 0x80, 0xff at every offset)`, () => {
        const original = m.chain[index]!
        assert.ok(validateWith(m, index, original).ok)
        let parsed = 0
        for (let offset = 0; offset < original.length; offset++) {
          for (const mask of [0x01, 0x80, 0xff]) {
            const der = Uint8Array.from(original)
            der[offset] = der[offset]! ^ mask
            const cert = readProfileCertificate(der)
            const result = validateWith(m, index, der)
            assert.equal(result.ok, false, `offset ${offset} mask ${mask} was accepted`)
            if (result.ok) continue
            assert.equal(result.code, 'INVALID_CERTIFICATE', `offset ${offset} mask ${mask}: ${result.code} ${result.reason}`)
            assert.equal(result.index, index)
            if (cert === undefined) assert.equal(result.reason, 'malformed')
            else parsed++
          }
        }
        assert.ok(parsed > 0, 'some changes (signature, key and validity bytes) still parse and must fail later')
      })
    }

    it('refuses every truncation of a GMC as malformed', () => {
      const original = m.chain[3]!
      for (let length = 0; length < original.length; length++) {
        const der = original.subarray(0, length)
        assert.equal(readProfileCertificate(der), undefined, `length ${length}`)
        const result = validateWith(m, 3, der)
        assert.ok(!result.ok && result.code === 'INVALID_CERTIFICATE' && result.reason === 'malformed', `length ${length}`)
      }
    })
  })
})
