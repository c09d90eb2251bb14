import assert from 'node:assert/strict'
import { createIdentityCertificate, readIdentityCertificate } from '../../../protocols/certificates/identity-certificate.ts'
import { ed25519PeerId } from '../../../protocols/certificates/keys.ts'
import { validateChain } from '../../../protocols/certificates/chain-validator.ts'
import { T0, assertCode, assertRefused, keyOf, makeGroup, resign } from './helpers.ts'

describe('identity certificates', () => {
  it('name the PeerId and display name, self-signed', async () => {
    const key = await keyOf('identity')
    const der = await createIdentityCertificate(key, { displayName: 'Ada, "the" <first>', notBefore: new Date(T0) })
    const read = readIdentityCertificate(der)
    assert.equal(read.peerId, ed25519PeerId(key.publicKey))
    assert.equal(read.displayName, 'Ada, "the" <first>')
    assert.equal(read.cert.ca, false)
    assert.equal(read.cert.validFromDate.getTime(), T0)
  })

  it('refuse a forged signature, a non-certificate, and a bad name', async () => {
    const key = await keyOf('identity')
    const der = await createIdentityCertificate(key, { displayName: 'x' })
    const other = await keyOf('other')
    await assertCode(() => readIdentityCertificate(resign(der, other)), 'INVALID_CERTIFICATE')
    await assertCode(() => readIdentityCertificate(Uint8Array.of(1, 2, 3)), 'INVALID_CERTIFICATE')
    await assertCode(() => createIdentityCertificate(key, { displayName: '' }), 'INVALID_FRIENDLY_NAME')
    await assertCode(() => createIdentityCertificate(key, { displayName: 'x'.repeat(256) }), 'INVALID_FRIENDLY_NAME')
  })

  it('are not group certificates', async () => {
    const g = await makeGroup('identity-group')
    const der = await createIdentityCertificate(await keyOf('identity'), { displayName: 'x' })
    assertRefused(validateChain(g.groupId, [g.grc, der], T0), 'INVALID_CERTIFICATE', 'not-a-member', 1)
  })
})
