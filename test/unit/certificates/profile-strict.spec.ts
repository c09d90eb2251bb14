/**
 * The profile reader refuses every encoding `templates.ts` does not write, even when correctly
 * signed: each case rebuilds a real GMC with one deviation and signs it with the real issuer key.
 */
import assert from 'node:assert/strict'
import { sign, type KeyObject } from 'node:crypto'
import {
  ED25519_ALGORITHM, OID_BASIC_CONSTRAINTS, OID_SUBJECT_ALT_NAME, basicConstraintsExtension, extension, keyUsageExtension, subjectName
} from '../../../protocols/certificates/certificate-builder.ts'
import { validateChain } from '../../../protocols/certificates/chain-validator.ts'
import {
  bitString, boolean, concatBytes, explicit, objectIdentifier, readChildren, readElement, sequence, smallInteger, tlv
} from '../../../protocols/certificates/der.ts'
import { groupIdExtension, rolesExtension } from '../../../protocols/certificates/extensions.ts'
import {
  OID_AUTHORITY_KEY_IDENTIFIER, OID_SUBJECT_KEY_IDENTIFIER, authorityKeyIdentifierExtension, keyIdentifier, subjectKeyIdentifierExtension
} from '../../../protocols/certificates/key-identifiers.ts'
import { ed25519PeerId, ed25519PrivateKeyObject } from '../../../protocols/certificates/keys.ts'
import { readProfileCertificate } from '../../../protocols/certificates/profile-reader.ts'
import { rolesToMask } from '../../../protocols/certificates/roles.ts'
import { gmcUri } from '../../../protocols/certificates/uris.ts'
import { HOUR, T0, assertRefused, issueTo, keyOf, makeGroup, type Holder } from './helpers.ts'

type Group = Awaited<ReturnType<typeof makeGroup>>

const ascii = (text: string): Uint8Array => new TextEncoder().encode(text)

/** The elements directly inside `der`'s element at `offset`, each as its encoded bytes. */
function children (der: Uint8Array, offset = 0): Uint8Array[] {
  return readChildren(der, readElement(der, offset)).map(el => der.slice(el.offset, el.end))
}

/** A certificate over `tbs` (DER), signed by `key`; the outer algorithm and signature encoding may be replaced. */
function assemble (tbs: Uint8Array, key: KeyObject, algorithm = ED25519_ALGORITHM, signature = (sig: Uint8Array) => bitString(sig)): Uint8Array {
  return sequence(tbs, algorithm, signature(sign(null, tbs, key)))
}

interface Case {
  name: string
  /** Builds the deviating certificate from the real one's TBS fields. */
  make: (fields: Uint8Array[], key: KeyObject) => Uint8Array
}

/** Positions of a GMC's extensions: basicConstraints, keyUsage, SKI, AKI, subjectAltName, type, group id, roles. */
const SKI = 2
const AKI = 3
const SAN = 4

/** The TBS fields with the extensions replaced by `edit(extensions)`. */
function withExtensions (fields: Uint8Array[], edit: (extensions: Uint8Array[]) => Uint8Array[]): Uint8Array {
  const extensions = children(children(fields[7]!)[0]!)
  return sequence(...fields.slice(0, 7), explicit(3, sequence(...edit(extensions))))
}

/** The TBS fields with field `index` replaced. */
function withField (fields: Uint8Array[], index: number, value: Uint8Array): Uint8Array {
  return sequence(...fields.map((f, i) => i === index ? value : f))
}

describe('profile reader: strict DER and profile', () => {
  let g: Group
  let a: Holder
  let b: Holder
  let m: Holder
  let issuerKey: KeyObject
  let peerId: string

  before(async () => {
    g = await makeGroup('strict')
    a = await issueTo({ key: g.creatorKey, chain: g.creatorChain }, 'strict A', ['administrator'])
    b = await issueTo(a, 'strict B', ['administrator'])
    m = await issueTo(b, 'strict M', ['member'])
    issuerKey = ed25519PrivateKeyObject(b.key)
    peerId = ed25519PeerId((await keyOf('strict M')).publicKey)
  })

  it('rebuilds the real GMC byte for byte (so each case below differs by its deviation only)', () => {
    const original = m.chain[4]!
    const fields = children(children(original)[0]!)
    assert.deepEqual(assemble(sequence(...fields), issuerKey), original)
    assert.ok(readProfileCertificate(original) !== undefined)
  })

  it('reads a rebuilt GMC whose change the profile allows (another notBefore)', () => {
    const fields = children(children(m.chain[4]!)[0]!)
    const der = assemble(withField(fields, 4, sequence(tlv(0x17, ascii('250101000001Z')), children(fields[4]!)[1]!)), issuerKey)
    assert.equal(readProfileCertificate(der)?.notBefore, Date.UTC(2025, 0, 1, 0, 0, 1))
  })

  const ed448 = sequence(objectIdentifier('1.3.101.113'))
  const ed25519WithNull = sequence(objectIdentifier('1.3.101.112'), Uint8Array.of(0x05, 0x00))
  const leafUri = (): Uint8Array => ascii(gmcUri(g.groupId, rolesToMask(['member']), peerId))
  const cases: Case[] = [
    { name: 'a long-form length where the short form fits', make: (f, k) => assemble(withField(f, 0, Uint8Array.of(0xa0, 0x81, 0x03, 0x02, 0x01, 0x02)), k) },
    {
      name: 'a length with a leading zero byte',
      make: (f, k) => {
        const content = concatBytes(f)
        return assemble(concatBytes([Uint8Array.of(0x30, 0x83, 0x00, content.length >> 8, content.length & 0xff), content]), k)
      }
    },
    {
      name: 'an indefinite length',
      make: (f, k) => assemble(withField(f, 5, concatBytes([Uint8Array.of(0x30, 0x80), f[5]!.subarray(2), Uint8Array.of(0, 0)])), k)
    },
    { name: 'a byte after the certificate', make: (f, k) => concatBytes([assemble(sequence(...f), k), Uint8Array.of(0)]) },
    { name: 'a byte after the TBS fields', make: (f, k) => assemble(sequence(...f, Uint8Array.of(0x05, 0x00)), k) },
    { name: 'version 1 (no version field)', make: (f, k) => assemble(sequence(...f.slice(1)), k) },
    { name: 'version 2', make: (f, k) => assemble(withField(f, 0, explicit(0, smallInteger(1))), k) },
    { name: 'a serial number with a superfluous leading zero', make: (f, k) => assemble(withField(f, 1, tlv(0x02, concatBytes([Uint8Array.of(0), f[1]!.subarray(2)]))), k) },
    { name: 'Ed448 as the signature algorithm', make: (f, k) => assemble(withField(f, 2, ed448), k, ed448) },
    { name: 'Ed25519 with NULL parameters', make: (f, k) => assemble(withField(f, 2, ed25519WithNull), k, ed25519WithNull) },
    { name: 'another algorithm outside the TBS than inside', make: (f, k) => assemble(sequence(...f), k, ed448) },
    { name: 'a signature BIT STRING with unused bits', make: (f, k) => assemble(sequence(...f), k, undefined, sig => bitString(sig, 1)) },
    { name: 'a 65-byte signature', make: (f, k) => assemble(sequence(...f), k, undefined, sig => bitString(concatBytes([sig, Uint8Array.of(0)]))) },
    { name: 'a GeneralizedTime before 2050', make: (f, k) => assemble(withField(f, 4, sequence(tlv(0x18, ascii('20250101000000Z')), children(f[4]!)[1]!)), k) },
    { name: 'a UTCTime without seconds', make: (f, k) => assemble(withField(f, 4, sequence(tlv(0x17, ascii('2501010000Z')), children(f[4]!)[1]!)), k) },
    { name: 'a time with fractional seconds', make: (f, k) => assemble(withField(f, 4, sequence(children(f[4]!)[0]!, tlv(0x18, ascii('20500101000000.5Z')))), k) },
    { name: 'February 29 of a common year', make: (f, k) => assemble(withField(f, 4, sequence(tlv(0x17, ascii('250229000000Z')), children(f[4]!)[1]!)), k) },
    { name: 'a time with a local offset', make: (f, k) => assemble(withField(f, 4, sequence(tlv(0x17, ascii('250101000000+0100')), children(f[4]!)[1]!)), k) },
    { name: 'a subject serialNumber other than the URI\'s PeerId', make: (f, k) => assemble(withField(f, 5, subjectName('strict M', ed25519PeerId(b.key.publicKey))), k) },
    { name: 'a subject without serialNumber', make: (f, k) => assemble(withField(f, 5, sequence(children(f[5]!)[0]!)), k) },
    { name: 'a CN that is not UTF-8', make: (f, k) => assemble(withField(f, 5, sequence(Uint8Array.from([...children(f[5]!)[0]!.subarray(0, -1), 0xff]), children(f[5]!)[1]!)), k) },
    { name: 'an unknown critical extension', make: (f, k) => assemble(withExtensions(f, e => [...e, extension('1.2.3.4', true, sequence())]), k) },
    { name: 'an unknown non-critical extension', make: (f, k) => assemble(withExtensions(f, e => [...e, extension('1.2.3.4', false, sequence())]), k) },
    { name: 'extensions out of order', make: (f, k) => assemble(withExtensions(f, e => [e[1]!, e[0]!, ...e.slice(2)]), k) },
    { name: 'an extension twice', make: (f, k) => assemble(withExtensions(f, e => [...e.slice(0, 3), e[2]!, ...e.slice(3)]), k) },
    { name: 'a missing roles extension', make: (f, k) => assemble(withExtensions(f, e => e.slice(0, -1)), k) },
    { name: 'cA FALSE written out (DER omits defaults)', make: (f, k) => assemble(withExtensions(f, e => [extension(OID_BASIC_CONSTRAINTS, true, sequence(boolean(false))), ...e.slice(1)]), k) },
    { name: 'a TRUE written as 0x01', make: (f, k) => assemble(withExtensions(f, e => [sequence(objectIdentifier(OID_BASIC_CONSTRAINTS), Uint8Array.of(0x01, 0x01, 0x01), tlv(0x04, sequence())), ...e.slice(1)]), k) },
    { name: 'a non-critical basicConstraints', make: (f, k) => assemble(withExtensions(f, e => [extension(OID_BASIC_CONSTRAINTS, false, sequence()), ...e.slice(1)]), k) },
    { name: 'keyCertSign without cA', make: (f, k) => assemble(withExtensions(f, e => [e[0]!, keyUsageExtension({ digitalSignature: true, keyCertSign: true }), ...e.slice(2)]), k) },
    { name: 'cA without a path length', make: (f, k) => assemble(withExtensions(f, e => [basicConstraintsExtension(true), keyUsageExtension({ digitalSignature: true, keyCertSign: true }), ...e.slice(2)]), k) },
    { name: 'two URIs', make: (f, k) => assemble(withExtensions(f, e => [...e.slice(0, SAN), extension(OID_SUBJECT_ALT_NAME, false, sequence(tlv(0x86, leafUri()), tlv(0x86, leafUri()))), ...e.slice(SAN + 1)]), k) },
    { name: 'a DNS name instead of the URI', make: (f, k) => assemble(withExtensions(f, e => [...e.slice(0, SAN), extension(OID_SUBJECT_ALT_NAME, false, sequence(tlv(0x82, ascii('peerhood.example')))), ...e.slice(SAN + 1)]), k) },
    { name: 'a URI node:crypto would quote (a comma)', make: (f, k) => assemble(withExtensions(f, e => [...e.slice(0, SAN), extension(OID_SUBJECT_ALT_NAME, false, sequence(tlv(0x86, concatBytes([leafUri(), ascii(',x')])))), ...e.slice(SAN + 1)]), k) },
    { name: 'a roles extension that disagrees with the URI', make: (f, k) => assemble(withExtensions(f, e => [...e.slice(0, -1), rolesExtension(rolesToMask(['administrator']))]), k) },
    { name: 'a group id extension that disagrees with the URI', make: (f, k) => assemble(withExtensions(f, e => [...e.slice(0, SAN + 2), groupIdExtension(`${g.groupId}x`), e[SAN + 3]!]), k) },
    // issue 9, defect 12: the key identifiers openssl -x509_strict demands, in their one shape
    { name: 'a subjectKeyIdentifier that is not the SHA-1 of the key', make: (f, k) => assemble(withExtensions(f, e => [...e.slice(0, SKI), subjectKeyIdentifierExtension(new Uint8Array(32).fill(7)), ...e.slice(SKI + 1)]), k) },
    { name: 'no subjectKeyIdentifier', make: (f, k) => assemble(withExtensions(f, e => [...e.slice(0, SKI), ...e.slice(SKI + 1)]), k) },
    { name: 'no authorityKeyIdentifier in a GMC', make: (f, k) => assemble(withExtensions(f, e => [...e.slice(0, AKI), ...e.slice(AKI + 1)]), k) },
    {
      name: 'an authorityKeyIdentifier with issuer and serial besides the key identifier',
      make: (f, k) => assemble(withExtensions(f, e => [...e.slice(0, AKI), extension(OID_AUTHORITY_KEY_IDENTIFIER, false, sequence(tlv(0x80, keyIdentifier(b.key.publicKey.raw)), tlv(0x82, Uint8Array.of(1)))), ...e.slice(AKI + 1)]), k)
    },
    { name: 'a critical subjectKeyIdentifier', make: (f, k) => assemble(withExtensions(f, e => [...e.slice(0, SKI), extension(OID_SUBJECT_KEY_IDENTIFIER, true, tlv(0x04, keyIdentifier(m.key.publicKey.raw))), ...e.slice(SKI + 1)]), k) }
  ]

  for (const c of cases) {
    it(`refuses ${c.name}`, () => {
      const original = m.chain[4]!
      const der = c.make(children(children(original)[0]!), issuerKey)
      assert.notDeepEqual(der, original)
      assert.equal(readProfileCertificate(der), undefined)
      assertRefused(validateChain(g.groupId, [...m.chain.slice(0, 4), der], T0 + HOUR), 'INVALID_CERTIFICATE', 'malformed', 4)
    })
  }

  describe('the validator on well-formed, correctly signed GMCs that do not fit their place', () => {
    it('refuses an administrator whose path length is not 23 − its depth', () => {
      const fields = children(children(b.chain[3]!)[0]!)
      const der = assemble(withExtensions(fields, e => [basicConstraintsExtension(true, 5), ...e.slice(1)]), ed25519PrivateKeyObject(a.key))
      assert.equal(readProfileCertificate(der)?.pathLen, 5)
      assertRefused(validateChain(g.groupId, [...b.chain.slice(0, 3), der], T0 + HOUR), 'INVALID_CERTIFICATE', 'path-length-mismatch', 3)
    })

    it('refuses a GMC whose issuer name is not its parent\'s subject', () => {
      const fields = children(children(m.chain[4]!)[0]!)
      const der = assemble(withField(fields, 3, subjectName('not strict B', ed25519PeerId(b.key.publicKey))), issuerKey)
      assert.ok(readProfileCertificate(der) !== undefined)
      assertRefused(validateChain(g.groupId, [...m.chain.slice(0, 4), der], T0 + HOUR), 'INVALID_CERTIFICATE', 'issuer-name-mismatch', 4)
    })

    it('refuses a GMC whose authorityKeyIdentifier names another key than its parent\'s (issue 9, defect 12)', () => {
      const fields = children(children(m.chain[4]!)[0]!)
      const der = assemble(withExtensions(fields, e => [...e.slice(0, AKI), authorityKeyIdentifierExtension(a.key.publicKey.raw), ...e.slice(AKI + 1)]), issuerKey)
      assert.ok(readProfileCertificate(der) !== undefined)
      assertRefused(validateChain(g.groupId, [...m.chain.slice(0, 4), der], T0 + HOUR), 'INVALID_CERTIFICATE', 'authority-key-mismatch', 4)
    })

    it('accepts the real chain those were made from', () => {
      assert.equal(validateChain(g.groupId, m.chain, T0 + HOUR).ok, true)
    })
  })
})
