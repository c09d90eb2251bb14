import assert from 'node:assert/strict'
import { X509Certificate } from 'node:crypto'
import { readCertificateFields } from '../../../protocols/certificates/certificate-reader.ts'
import {
  MAX_CHAIN_GMCS, OID_CERTIFICATE_TYPE, OID_GROUP_ID, OID_ROLES, PEERHOOD_OID_ARC
} from '../../../protocols/certificates/constants.ts'
import { decodePeerhoodExtensions } from '../../../protocols/certificates/extensions.ts'
import { ed25519PeerId } from '../../../protocols/certificates/keys.ts'
import { x509 } from '../../helpers/x509.ts'
import { T0, adminLadder, issueTo, keyOf, makeGroup, type Holder } from './helpers.ts'

type Group = Awaited<ReturnType<typeof makeGroup>>

/** Reads a certificate with @peculiar/x509, a parser independent of ours. */
function peculiar (der: Uint8Array) {
  const cert = new x509.X509Certificate(der)
  const bc = cert.getExtension(x509.BasicConstraintsExtension)
  const ku = cert.getExtension(x509.KeyUsagesExtension)
  const san = cert.getExtension(x509.SubjectAlternativeNameExtension)
  return { cert, bc, ku, uris: san?.names.items.map(n => n.value) ?? [], sanCritical: san?.critical }
}

describe('certificate format', () => {
  let g: Group
  let member: Holder
  let ladder: Holder

  before(async () => {
    g = await makeGroup('format', 'Чат-1')
    const admin = await issueTo({ key: g.creatorKey, chain: g.creatorChain }, 'format admin', ['administrator'])
    member = await issueTo(admin, 'format member', ['member'])
    ladder = await adminLadder(g, MAX_CHAIN_GMCS)
  })

  it('puts the project OID arc under 2.25 (a UUID as an integer)', () => {
    assert.match(PEERHOOD_OID_ARC, /^2\.25\.\d{30,39}$/)
    assert.equal(BigInt(PEERHOOD_OID_ARC.slice(5)).toString(16).padStart(32, '0'), '7f797402fd6549c9abb80f3a34ed37c0')
  })

  it('GRC: self-signed Ed25519 X.509 v3, critical cA with pathLen 23, keyCertSign, URI peerhood:grc', () => {
    const { cert, bc, ku, uris } = peculiar(g.grc)
    assert.equal(new X509Certificate(g.grc).signatureAlgorithmOid, '1.3.101.112') // Ed25519
    assert.equal(cert.subject, cert.issuer)
    assert.ok(bc?.critical && bc.ca)
    assert.equal(bc.pathLength, MAX_CHAIN_GMCS - 1)
    assert.ok(ku?.critical && (ku.usages & x509.KeyUsageFlags.keyCertSign) !== 0)
    assert.deepEqual(uris, [`peerhood:grc:${encodeURIComponent(g.groupId)}`])
    assert.ok(new X509Certificate(g.grc).checkIssued(new X509Certificate(g.grc)))
  })

  it('GMC: subject key is the member\'s libp2p key; issuer name is the parent\'s subject, byte for byte', async () => {
    const der = member.chain.at(-1)!
    const parent = member.chain.at(-2)!
    const node = new X509Certificate(der)
    assert.deepEqual(Buffer.from(node.publicKey.export({ format: 'jwk' }).x!, 'base64url'), Buffer.from((await keyOf('format member')).publicKey.raw))
    assert.deepEqual(readCertificateFields(der).issuer, readCertificateFields(parent).subject)
    assert.ok(node.checkIssued(new X509Certificate(parent)))
    assert.equal(node.subject, `CN=format member\nserialNumber=${ed25519PeerId((await keyOf('format member')).publicKey)}`)
  })

  it('serial numbers are 16 bytes', () => {
    for (const der of ladder.chain) assert.equal(readCertificateFields(der).serialNumber.length, 32)
  })

  it('CA GMCs carry pathLen 23 − depth; leaves and the 24th GMC are not CAs', () => {
    ladder.chain.slice(1).forEach((der, i) => {
      const depth = i + 1
      const { bc, ku } = peculiar(der)
      assert.ok(bc?.critical)
      if (depth < MAX_CHAIN_GMCS) {
        assert.ok(bc.ca)
        assert.equal(bc.pathLength, MAX_CHAIN_GMCS - 1 - depth)
        assert.ok(ku !== null && (ku.usages & x509.KeyUsageFlags.keyCertSign) !== 0)
      } else {
        assert.ok(!bc.ca)
        assert.ok(ku !== null && (ku.usages & x509.KeyUsageFlags.keyCertSign) === 0)
      }
    })
    const leaf = peculiar(member.chain.at(-1)!)
    assert.ok(leaf.bc !== null && !leaf.bc.ca && leaf.bc.pathLength === undefined)
  })

  it('repeats type, group id and roles in non-critical private extensions that agree with the URI', async () => {
    const der = member.chain.at(-1)!
    const fields = readCertificateFields(der)
    for (const oid of [OID_CERTIFICATE_TYPE, OID_GROUP_ID, OID_ROLES]) {
      const ext = fields.extensions.find(e => e.oid === oid)
      assert.ok(ext !== undefined && !ext.critical, oid)
    }
    assert.deepEqual(decodePeerhoodExtensions(fields.extensions), { type: 'member', groupId: g.groupId, roles: ['member'] })
    assert.deepEqual(decodePeerhoodExtensions(readCertificateFields(g.grc).extensions), { type: 'root', groupId: g.groupId })
    const { uris, sanCritical } = peculiar(der)
    const peerId = ed25519PeerId((await keyOf('format member')).publicKey)
    assert.deepEqual(uris, [`peerhood:gmc:${encodeURIComponent(g.groupId)}:member:${peerId}`])
    assert.equal(sanCritical, false)
    assert.equal(new X509Certificate(der).subjectAltName, `URI:peerhood:gmc:${encodeURIComponent(g.groupId)}:member:${peerId}`)
  })

  it('writes the creator\'s roles in canonical order', () => {
    assert.match(new X509Certificate(g.creatorChain[1]!).subjectAltName!, /:creator\+administrator:/)
    assert.deepEqual(decodePeerhoodExtensions(readCertificateFields(g.creatorChain[1]!).extensions).roles, ['creator', 'administrator'])
  })

  it('writes 1000-year validities as GeneralizedTime that both parsers read', () => {
    const node = new X509Certificate(g.grc)
    assert.equal(node.validFromDate.getTime(), T0)
    assert.equal(node.validToDate.getUTCFullYear(), 3025)
    assert.equal(peculiar(g.grc).cert.notAfter.getTime(), node.validToDate.getTime())
  })
})
