import assert from 'node:assert/strict'
import { X509Certificate } from 'node:crypto'
import { certToPem, chainToPem, pemToChain } from '../../../protocols/certificates/pem.ts'
import { assertCode, makeGroup } from './helpers.ts'

describe('PEM', () => {
  it('writes certificates node:crypto reads, and reads chains back', async () => {
    const g = await makeGroup('pem')
    const pem = certToPem(g.grc)
    assert.match(pem, /^-----BEGIN CERTIFICATE-----\n([A-Za-z0-9+/=]{1,64}\n)+-----END CERTIFICATE-----\n$/)
    assert.deepEqual(new Uint8Array(new X509Certificate(pem).raw), g.grc)
    const text = chainToPem(g.creatorChain)
    assert.deepEqual(pemToChain(text), g.creatorChain)
    assert.deepEqual(pemToChain(`junk\n${text.replace(/\n/g, '\r\n')}more junk`), g.creatorChain)
  })

  it('refuses a broken block: INVALID_CERTIFICATE', async () => {
    await assertCode(() => pemToChain('-----BEGIN CERTIFICATE-----\n!!!\n-----END CERTIFICATE-----\n'), 'INVALID_CERTIFICATE')
  })
})
